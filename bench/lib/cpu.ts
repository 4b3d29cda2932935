import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import pg from 'pg'

/** CPU time spent so far, in milliseconds, by who spent it (Linux /proc). */
export interface CpuSnapshot {
  server: number
  /** Per process: the backends of the benchmark's databases. */
  postgres: Map<number, number>
  bench: number
  /** Every process on the machine, busy time. */
  machineBusy: number
  /** Wall time across all cores. */
  machineTotal: number
}

export interface CpuUse {
  /** Milliseconds of CPU during the phase. */
  serverMs: number
  postgresMs: number
  benchMs: number
  /** What other processes (other jobs on the machine) took, ms. */
  othersMs: number
  /** How busy the machine was, 0–1 of all cores. */
  machineBusy: number
  loadAverage1m: number
}

const TICK_MS = 10 // USER_HZ is 100 on Linux

export async function snapshotCpu(
  serverPid: number,
  adminUrl: string,
  databases: string[],
): Promise<CpuSnapshot> {
  const postgres = new Map<number, number>()
  for (const pid of await postgresPids(adminUrl, databases)) {
    postgres.set(pid, processTicks(pid) * TICK_MS)
  }
  const usage = process.cpuUsage()
  const [busy, total] = machineTicks()
  return {
    server: processTicks(serverPid) * TICK_MS,
    postgres,
    bench: (usage.user + usage.system) / 1000,
    machineBusy: busy * TICK_MS,
    machineTotal: total * TICK_MS,
  }
}

/**
 * What each party spent between two snapshots. A PostgreSQL process that ended meanwhile is
 * left out (the pools keep theirs for the whole phase); one that started counts from zero.
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const spent = (key: 'server' | 'bench' | 'machineBusy' | 'machineTotal') =>
    after[key] - before[key]
  let postgresMs = 0
  for (const [pid, ms] of after.postgres) postgresMs += ms - (before.postgres.get(pid) ?? 0)
  const ours = spent('server') + postgresMs + spent('bench')
  return {
    serverMs: spent('server'),
    postgresMs,
    benchMs: spent('bench'),
    othersMs: Math.max(0, spent('machineBusy') - ours),
    machineBusy: spent('machineBusy') / Math.max(1, spent('machineTotal')),
    loadAverage1m: loadavg()[0] ?? 0,
  }
}

/** utime + stime of one process, in clock ticks; 0 once it has gone. */
function processTicks(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which may hold spaces, start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return 0
  }
}

/**
 * The backends serving `databases`. The cluster's own processes (WAL writer, checkpointer) are
 * left out: on a shared machine most of their work is other databases'.
 */
async function postgresPids(adminUrl: string, databases: string[]): Promise<number[]> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where datname = any($1::text[]) and pid <> pg_backend_pid()`,
      [databases],
    )
    return rows.map((row) => row.pid)
  } finally {
    await client.end()
  }
}

function machineTicks(): [busy: number, total: number] {
  const [, ...values] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/)
  const ticks = values.filter(Boolean).map(Number)
  const total = ticks.reduce((sum, value) => sum + value, 0)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return [total - idle, total]
}

/** Two phases' CPU taken together (a baseline measured in two halves). */
export function addCpu(a: CpuUse, b: CpuUse): CpuUse {
  const wall = (use: CpuUse) => use.serverMs + use.postgresMs + use.benchMs + use.othersMs
  const weight = wall(a) + wall(b)
  return {
    serverMs: a.serverMs + b.serverMs,
    postgresMs: a.postgresMs + b.postgresMs,
    benchMs: a.benchMs + b.benchMs,
    othersMs: a.othersMs + b.othersMs,
    machineBusy: weight === 0 ? 0 : (a.machineBusy * wall(a) + b.machineBusy * wall(b)) / weight,
    loadAverage1m: b.loadAverage1m,
  }
}
