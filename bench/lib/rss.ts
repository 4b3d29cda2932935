import { readFileSync } from 'node:fs'

export interface RssSampler {
  /** The largest resident set since the last call (or the start), in MiB. */
  takeMaxMib(): number
  /** Stops sampling; returns the first, largest and last resident set, in MiB. */
  stop(): { firstMib: number; maxMib: number; lastMib: number; samples: number }
}

/** Reads `VmRSS` of a process from /proc every `intervalMs` (Linux only). */
export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  let first = 0
  let max = 0
  let last = 0
  let sinceTaken = 0
  let samples = 0

  const read = () => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN)
    if (Number.isNaN(kib)) return
    last = kib / 1024
    if (samples === 0) first = last
    max = Math.max(max, last)
    sinceTaken = Math.max(sinceTaken, last)
    samples += 1
  }

  read()
  const timer = setInterval(() => {
    try {
      read()
    } catch {
      // The process has exited; the figures so far stand.
    }
  }, intervalMs)

  return {
    takeMaxMib() {
      const taken = sinceTaken
      sinceTaken = last
      return taken
    },
    stop() {
      clearInterval(timer)
      return { firstMib: first, maxMib: max, lastMib: last, samples }
    },
  }
}
