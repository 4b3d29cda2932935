import { randomBytes } from 'node:crypto'
import { median } from './lib/batches.js'
import { registerInsurer } from './lib/client.js'
import { cpuBetween, snapshotCpu } from './lib/cpu.js'
import { createBenchDatabase } from './lib/database.js'
import { startServer } from './lib/server.js'
import { putNewPolicies, replacePolicies } from './lib/single-writes.js'

/**
 * `npm run bench:compare -- <entry> <entry> …`: single PUTs of new policies (or, with
 * BENCH_WRITE=replace, of changed versions of stored ones) against each build in turn, round
 * after round, each on a fresh database. The speed of a shared machine drifts by more than
 * most changes are worth; builds measured in turn drift alike, so their medians compare where
 * two separate runs of bench:records would not. See bench/README.md.
 */
const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationS: Number(process.env.BENCH_DURATION_S ?? 12),
  warmupS: Number(process.env.BENCH_WARMUP_S ?? 3),
  rounds: Number(process.env.BENCH_ROUNDS ?? 4),
  /** `create`: PUTs of new policies; `replace`: PUTs of changed versions of stored ones. */
  write: process.env.BENCH_WRITE === 'replace' ? 'replace' : 'create',
}
const ADMIN_TOKEN = randomBytes(24).toString('hex')

interface Figures {
  ratePerS: number
  p50Ms: number
  p99Ms: number
  nodeMsPerWrite: number
  postgresMsPerWrite: number
  failures: number
}

const entries = process.argv.slice(2)
if (entries.length < 2) {
  process.stderr.write('usage: npm run bench:compare -- <server entry> <server entry> …\n')
  process.exit(64)
}

const figures = new Map<string, Figures[]>(entries.map((entry) => [entry, []]))
for (let round = 1; round <= settings.rounds; round++) {
  // Every other round runs the builds backwards, so that none always goes first.
  const order = round % 2 === 1 ? entries : [...entries].reverse()
  for (const entry of order) {
    const measured = await measure(entry)
    figures.get(entry)?.push(measured)
    log(`round ${round}, ${entry}: ${JSON.stringify(measured)}`)
  }
}

for (const [entry, runs] of figures) {
  const middle = (pick: (f: Figures) => number) => median(runs.map(pick))
  const failures = runs.reduce((sum, run) => sum + run.failures, 0)
  process.stdout.write(
    `${entry}: median ${middle((f) => f.ratePerS).toFixed(0)} writes/s, ` +
      `p50 ${middle((f) => f.p50Ms)} ms, p99 ${middle((f) => f.p99Ms)} ms, ` +
      `CPU per write Node ${middle((f) => f.nodeMsPerWrite).toFixed(3)} ms, ` +
      `PostgreSQL ${middle((f) => f.postgresMsPerWrite).toFixed(3)} ms, ` +
      `${failures} failures\n`,
  )
}

/** One build on a database of its own: warm-up, then a measured phase. */
async function measure(entry: string): Promise<Figures> {
  const db = await createBenchDatabase(settings.adminUrl)
  const server = await startServer({
    entry,
    databaseUrl: db.url,
    adminToken: ADMIN_TOKEN,
    env: { RATE_LIMIT_PER_MINUTE: '1000000', TOKEN_TTL_SECONDS: '3600' },
  })

  try {
    const client = await registerInsurer(server, ADMIN_TOKEN)
    const { connections, durationS } = settings
    const created: string[] = []
    await putNewPolicies(server.url, client, { connections, durationS: settings.warmupS }, created)
    // The last keys handed out may not have been sent before the warm-up ended.
    const stored = created.slice(0, -connections)

    const snapshot = () => snapshotCpu(server.pid, settings.adminUrl, [db.name])
    const before = await snapshot()
    const load =
      settings.write === 'replace'
        ? await replacePolicies(server.url, client, stored, { connections, durationS })
        : await putNewPolicies(server.url, client, { connections, durationS })
    const cpu = cpuBetween(before, await snapshot())
    const writes = Math.max(1, load.requests)

    return {
      ratePerS: Math.round(load.ratePerS),
      p50Ms: load.p50Ms,
      p99Ms: load.p99Ms,
      nodeMsPerWrite: cpu.serverMs / writes,
      postgresMsPerWrite: cpu.postgresMs / writes,
      failures: load.failures,
    }
  } finally {
    await server.stop()
    await db.drop()
  }
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`)
}
