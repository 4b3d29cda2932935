import type { CpuUse } from './cpu.js'
import type { LoadFigures } from './single-writes.js'
import type { WorkerFigures } from './workers.js'

export interface Report {
  at: string
  settings: Record<string, unknown>
  single: {
    server: LoadFigures
    baseline: WorkerFigures
    sealDrainMs: number
    cpu: { server: CpuUse; baseline: CpuUse }
  }
  batch: {
    size: number
    serverMs: number[]
    baselineMs: number[]
    serverMedianMs: number
    baselineMedianMs: number
    cpu: { server: CpuUse; baseline: CpuUse }
  }
  rss: {
    firstMib: number
    maxMib: number
    lastMib: number
    samples: number
    /** The largest resident set during each phase. */
    peaksMib: Record<string, number>
  }
  check: { storedPolicies: number; answeredCreated: number; inFlightAllowance: number }
}

/** The targets of issue 4's performance section. */
export const TARGETS = {
  minRateRatio: 0.5,
  maxP99Ms: 50,
  maxBatchMs: 500,
  maxRssMib: 250,
}

/** Prints the figures, each beside its target, to standard output. */
export function printReport(report: Report): void {
  const { single, batch, rss } = report
  const batchRate = (ms: number) => (batch.size * 1000) / ms
  const rateRatio = single.server.ratePerS / single.baseline.ratePerS
  const batchRatio = batch.baselineMedianMs / batch.serverMedianMs

  const rows: Array<[string, string, string, string]> = [
    ['measure', 'server', 'baseline (pg)', 'target'],
    [
      'PUT new policy, writes/s',
      fixed(single.server.ratePerS, 0),
      fixed(single.baseline.ratePerS, 0),
      `ratio ${fixed(rateRatio, 2)} ${verdict(rateRatio >= TARGETS.minRateRatio)} (>= 0.5)`,
    ],
    [
      'PUT latency p50 / p99, ms',
      `${fixed(single.server.p50Ms, 1)} / ${fixed(single.server.p99Ms, 1)}`,
      `${fixed(single.baseline.p50Ms, 1)} / ${fixed(single.baseline.p99Ms, 1)}`,
      `p99 ${verdict(single.server.p99Ms < TARGETS.maxP99Ms)} (< 50 ms)`,
    ],
    ['PUT failures (non-201, errors)', String(single.server.failures), '-', 'must be 0'],
    [
      `batch of ${batch.size}, median / max ms`,
      `${fixed(batch.serverMedianMs, 0)} / ${fixed(Math.max(...batch.serverMs), 0)}`,
      `${fixed(batch.baselineMedianMs, 0)} / ${fixed(Math.max(...batch.baselineMs), 0)}`,
      `median ${verdict(batch.serverMedianMs < TARGETS.maxBatchMs)} (< 500 ms)`,
    ],
    [
      'batch rows/s (median)',
      fixed(batchRate(batch.serverMedianMs), 0),
      fixed(batchRate(batch.baselineMedianMs), 0),
      `ratio ${fixed(batchRatio, 2)} ${verdict(batchRatio >= TARGETS.minRateRatio)} (>= 0.5)`,
    ],
    [
      'server RSS at start / max, MiB',
      `${fixed(rss.firstMib, 0)} / ${fixed(rss.maxMib, 0)}`,
      '-',
      `${verdict(rss.maxMib < TARGETS.maxRssMib)} (< 250, ${rss.samples} samples)`,
    ],
    ['audit sealer drain after PUTs, ms', String(single.sealDrainMs), '-', '-'],
    ...cpuRows('PUT', single.cpu, single.server.requests, single.baseline.operations),
    ...cpuRows('batch', batch.cpu, batch.serverMs.length, batch.baselineMs.length),
  ]

  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)))
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')
  const lines = [line(rows[0] ?? []), widths.map((w) => '-'.repeat(w)).join('-|-')]
  for (const row of rows.slice(1)) lines.push(line(row))

  const peaks = Object.entries(rss.peaksMib).map(([name, mib]) => `${name} ${fixed(mib, 0)}`)
  lines.push('', `server RSS peak per phase, MiB: ${peaks.join(', ')}`)

  const { storedPolicies, answeredCreated, inFlightAllowance } = report.check
  const extra = storedPolicies - answeredCreated
  const isConsistent = extra >= 0 && extra <= inFlightAllowance
  lines.push(
    '',
    `policies stored by the server in the measured phases: ${storedPolicies}, answered 201 or ` +
      `created: ${answeredCreated} (${isConsistent ? 'consistent' : 'MISMATCH'})`,
  )
  process.stdout.write(`${lines.join('\n')}\n`)
}

/** CPU per operation of each party, and how much other jobs on the machine took meanwhile. */
function cpuRows(
  name: string,
  cpu: { server: CpuUse; baseline: CpuUse },
  serverOps: number,
  baselineOps: number,
): Array<[string, string, string, string]> {
  const per = (ms: number, ops: number) => fixed(ms / Math.max(1, ops), 2)
  const busy = (use: CpuUse) =>
    `${fixed(use.machineBusy * 100, 0)}% (others ${fixed(use.othersMs / 1000, 1)} s)`
  return [
    [
      `${name}: CPU ms per op, node / postgres`,
      `${per(cpu.server.serverMs, serverOps)} / ${per(cpu.server.postgresMs, serverOps)}`,
      `${per(cpu.baseline.benchMs, baselineOps)} / ${per(cpu.baseline.postgresMs, baselineOps)}`,
      '-',
    ],
    [`${name}: machine busy`, busy(cpu.server), busy(cpu.baseline), 'others should be ~0'],
  ]
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits)
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED'
}
