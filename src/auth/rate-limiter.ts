import type { Clock } from '../clock.js'

export interface RateLimiter {
  /** Counts one request for `key`; the seconds to wait when over the limit, else undefined. */
  hit(key: string): number | undefined
}

const WINDOW_MS = 60_000

/**
 * A fixed one-minute window per key, counted in this process's memory (SPEC §9 allows that).
 * All keys share the window, so the whole map is dropped when it ends and never grows beyond
 * one minute's callers. A caller may reach twice the limit across a window's edge.
 */
export function createRateLimiter(limitPerMinute: number, clock: Clock): RateLimiter {
  let windowStart = clock().getTime()
  let counts = new Map<string, number>()

  return {
    hit(key) {
      const now = clock().getTime()
      if (now - windowStart >= WINDOW_MS) {
        windowStart = now - ((now - windowStart) % WINDOW_MS)
        counts = new Map()
      }

      const count = (counts.get(key) ?? 0) + 1
      counts.set(key, count)
      if (count <= limitPerMinute) return undefined
      return Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000))
    },
  }
}
