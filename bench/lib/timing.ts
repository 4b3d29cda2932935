import { performance } from 'node:perf_hooks'

export interface Timings {
  samples: number
  p50Ms: number
  p95Ms: number
  maxMs: number
}

/** Nearest-rank percentiles of some durations. */
export function summarise(durations: number[]): Timings {
  const sorted = [...durations].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0
  return { samples: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: sorted.at(-1) ?? 0 }
}

/** GETs `url` and reads the whole answer; fails on anything but 200. Answers ms and the body. */
export async function timedGet(url: string, token: string): Promise<{ ms: number; text: string }> {
  const started = performance.now()
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  const text = await response.text()
  const ms = performance.now() - started
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text}`)
  return { ms, text }
}
