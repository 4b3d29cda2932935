import { performance } from 'node:perf_hooks'

export interface WorkerFigures {
  operations: number
  durationS: number
  ratePerS: number
  p50Ms: number
  p99Ms: number
  maxMs: number
}

/** What `runConcurrently` saw: every call's time, in ms, and the time it ran. */
export interface WorkerRun {
  latencies: number[]
  durationS: number
}

/** Runs `task` from `concurrency` loops for `durationS` seconds, timing each call. */
export async function runConcurrently(
  task: () => Promise<void>,
  options: { concurrency: number; durationS: number },
): Promise<WorkerRun> {
  const latencies: number[] = []
  const started = performance.now()
  const deadline = started + options.durationS * 1000

  const loop = async () => {
    while (performance.now() < deadline) {
      const begun = performance.now()
      await task()
      latencies.push(performance.now() - begun)
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, loop))
  return { latencies, durationS: (performance.now() - started) / 1000 }
}

/** Rate and latency of one or more runs taken together. */
export function summarize(runs: WorkerRun[]): WorkerFigures {
  const latencies = runs.flatMap((run) => run.latencies)
  const durationS = runs.reduce((sum, run) => sum + run.durationS, 0)
  return {
    operations: latencies.length,
    durationS,
    ratePerS: latencies.length / durationS,
    ...percentiles(latencies),
  }
}

export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? 0 }
}
