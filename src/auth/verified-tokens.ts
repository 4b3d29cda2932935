import type { Principal } from './principal.js'

/**
 * Access tokens already verified, by their exact text. A client sends the same token on every
 * request for its whole lifetime; checking its ECDSA signature each time was a tenth of the
 * CPU of a write. A hit answers only while the claims that jose checks against the clock still
 * hold (`nbf <= now < exp`), and for at most `maxAgeMs` after the check, the time a process
 * takes to notice a withdrawn signing key anyway. Anything else goes through the full check.
 */
export interface VerifiedTokens {
  find(token: string, now: Date): Principal | undefined
  remember(token: string, verified: VerifiedToken, now: Date): void
}

export interface VerifiedToken {
  principal: Principal
  /** Seconds since the epoch, as in the claims. */
  exp: number
  nbf: number | undefined
}

/** A bound on memory: past it the whole cache is dropped and refills from live clients. */
const MAX_ENTRIES = 10_000

export function createVerifiedTokens(maxAgeMs: number): VerifiedTokens {
  let entries = new Map<string, VerifiedToken & { checkedAt: number }>()

  return {
    find(token, now) {
      const entry = entries.get(token)
      if (!entry) return undefined

      const seconds = Math.floor(now.getTime() / 1000)
      const age = now.getTime() - entry.checkedAt
      const isFresh = age >= 0 && age < maxAgeMs
      const isCurrent = seconds < entry.exp && (entry.nbf === undefined || entry.nbf <= seconds)
      if (isFresh && isCurrent) return entry.principal

      entries.delete(token)
      return undefined
    },

    remember(token, verified, now) {
      if (entries.size >= MAX_ENTRIES) entries = new Map()
      entries.set(token, { ...verified, checkedAt: now.getTime() })
    },
  }
}
