import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createBaselineWriter } from './lib/baseline.js'
import { median, postBatches, timeSequentially } from './lib/batches.js'
import { registerInsurer } from './lib/client.js'
import { addCpu, type CpuUse, cpuBetween, snapshotCpu } from './lib/cpu.js'
import { type BenchDatabase, createBenchDatabase, runAdmin } from './lib/database.js'
import { printReport, type Report } from './lib/report.js'
import { sampleRss } from './lib/rss.js'
import { migrateDatabase, type RunningServer, startServer } from './lib/server.js'
import { putNewPolicies } from './lib/single-writes.js'
import { runConcurrently, summarize } from './lib/workers.js'

/**
 * `npm run bench:records`: single PUTs and 1,000-row batches of new policies against the built
 * server on PostgreSQL, each beside a baseline that sends the same statements straight
 * through `pg`. See bench/README.md.
 */
const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
  durationS: Number(process.env.BENCH_DURATION_S ?? 20),
  warmupS: Number(process.env.BENCH_WARMUP_S ?? 5),
  batches: Number(process.env.BENCH_BATCHES ?? 10),
  batchSize: 1000,
  // The server's pool: openDatabase's default, as src/app.ts opens it.
  poolSize: 10,
  cpuProfile: process.env.BENCH_CPU_PROF === '1',
  // Node flags for the server, to try a setting such as --max-old-space-size=128.
  serverNodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
}
const RESULTS = 'bench/results'
const ADMIN_TOKEN = randomBytes(24).toString('hex')

const created: BenchDatabase[] = []
let server: RunningServer | undefined

try {
  const serverDb = await createBenchDatabase(settings.adminUrl)
  created.push(serverDb)
  const baselineDb = await createBenchDatabase(settings.adminUrl)
  created.push(baselineDb)
  await migrateDatabase(baselineDb.url)
  server = await startServer({
    databaseUrl: serverDb.url,
    adminToken: ADMIN_TOKEN,
    // The per-client limit (600 a minute by default) would answer 429 within a second.
    env: { RATE_LIMIT_PER_MINUTE: '1000000', TOKEN_TTL_SECONDS: '3600' },
    nodeArgs: [
      ...settings.serverNodeArgs,
      ...(settings.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${RESULTS}/profiles`] : []),
    ],
  })
  const { pid, url } = server
  const rss = sampleRss(pid)
  const client = await registerInsurer(server, ADMIN_TOKEN)
  const baseline = createBaselineWriter(baselineDb.url, {
    poolSize: settings.poolSize,
    insurerCode: client.insurerCode,
    clientId: client.clientId,
  })
  const { connections, durationS, warmupS, batches: count, batchSize: size } = settings

  /** Runs one measured step and notes the CPU each party spent on it, and the server's RSS. */
  const rssPeaks: Record<string, number> = {}
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<[T, CpuUse]> => {
    await settle(serverDb)
    log(name)
    const snapshot = () => snapshotCpu(pid, settings.adminUrl, [serverDb.name, baselineDb.name])
    const before = await snapshot()
    rss.takeMaxMib()
    const result = await work()
    rssPeaks[name] = rss.takeMaxMib()
    return [result, cpuBetween(before, await snapshot())]
  }

  await phase('warming up', async () => {
    await runConcurrently(baseline.writeOne, { concurrency: connections, durationS: warmupS })
    await putNewPolicies(url, client, { connections, durationS: warmupS })
    await timeSequentially(() => baseline.writeBatch(size), 2)
    await postBatches(url, client, { count: 2, size })
  })
  const policiesBefore = await serverDb.policies()

  // The baseline runs in two halves, before and after the server, so that a change in the
  // machine's other load during the run weighs on both sides alike.
  const baselineWrites = () =>
    runConcurrently(baseline.writeOne, { concurrency: connections, durationS: durationS / 2 })
  const [singleA, singleCpuA] = await phase('single writes: baseline, 1st half', baselineWrites)
  const [serverSingle, serverSingleCpu] = await phase('single writes: server', () =>
    putNewPolicies(url, client, { connections, durationS }),
  )
  const sealStarted = Date.now()
  await settle(serverDb)
  const sealDrainMs = Date.now() - sealStarted
  const [singleB, singleCpuB] = await phase('single writes: baseline, 2nd half', baselineWrites)

  const baselineBatch = () =>
    timeSequentially(() => baseline.writeBatch(size), Math.ceil(count / 2))
  const [batchesA, batchCpuA] = await phase('batches: baseline, 1st half', baselineBatch)
  const [serverBatches, serverBatchCpu] = await phase('batches: server', () =>
    postBatches(url, client, { count, size }),
  )
  const [batchesB, batchCpuB] = await phase('batches: baseline, 2nd half', baselineBatch)
  await settle(serverDb)
  await baseline.close()

  const baselineSingle = summarize([singleA, singleB])
  const baselineSingleCpu = addCpu(singleCpuA, singleCpuB)
  const baselineBatches = [...batchesA, ...batchesB]
  const baselineBatchCpu = addCpu(batchCpuA, batchCpuB)

  const report: Report = {
    at: new Date().toISOString(),
    settings: { ...settings, adminUrl: undefined },
    single: {
      server: serverSingle,
      baseline: baselineSingle,
      sealDrainMs,
      cpu: { server: serverSingleCpu, baseline: baselineSingleCpu },
    },
    batch: {
      size,
      serverMs: serverBatches,
      baselineMs: baselineBatches,
      serverMedianMs: median(serverBatches),
      baselineMedianMs: median(baselineBatches),
      cpu: { server: serverBatchCpu, baseline: baselineBatchCpu },
    },
    rss: { ...rss.stop(), peaksMib: rssPeaks },
    // Autocannon stops counting at the deadline; requests still in flight then are stored too.
    check: {
      storedPolicies: (await serverDb.policies()) - policiesBefore,
      answeredCreated: (serverSingle.statusCodes['201'] ?? 0) + count * size,
      inFlightAllowance: connections,
    },
  }
  printReport(report)
  mkdirSync(RESULTS, { recursive: true })
  const file = join(RESULTS, `records-${report.at.replaceAll(':', '-')}.json`)
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  log(`results written to ${file}`)
} finally {
  await server?.stop()
  for (const db of created) await db.drop()
}

/**
 * Waits until the server's sealer has chained every audit entry and flushes dirty pages, so
 * that one phase's leftovers do not run during the next.
 */
async function settle(db: BenchDatabase): Promise<void> {
  while ((await db.unsealed()) > 0) await new Promise((resolve) => setTimeout(resolve, 100))
  await runAdmin(settings.adminUrl, 'checkpoint')
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`)
}
