import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type BenchReader, registerReader } from './lib/reader.js'
import { sampleRss } from './lib/rss.js'
import { type RunningServer, startServer } from './lib/server.js'
import { summarise, type Timings, timedGet } from './lib/timing.js'

/**
 * `npm run bench:supervision`: starts the built server on the database bench/generate-data.ts
 * filled (DATABASE_URL) and times every supervision view, pages of search, and an export of
 * every policy, sampling the server's resident memory throughout. See bench/README.md.
 */
const settings = {
  databaseUrl: process.env.DATABASE_URL ?? '',
  samples: Number(process.env.BENCH_SAMPLES ?? 20),
  searchPages: Number(process.env.BENCH_SEARCH_PAGES ?? 20),
  year: Number(process.env.BENCH_YEAR ?? 2026),
  /** Which measures run: any of views, search, export. */
  parts: (process.env.BENCH_PARTS ?? 'views,search,export').split(','),
  /** Extra `node` flags for the server, such as `--max-old-space-size=96`. */
  nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
}
if (!settings.databaseUrl) throw new Error('DATABASE_URL must name the generated database')
const ADMIN_TOKEN = randomBytes(24).toString('hex')
const RESULTS = 'bench/results'

interface Row {
  name: string
  timings: Timings
  note: string
}

let server: RunningServer | undefined
try {
  server = await startServer({
    databaseUrl: settings.databaseUrl,
    adminToken: ADMIN_TOKEN,
    env: { RATE_LIMIT_PER_MINUTE: '1000000', TOKEN_TTL_SECONDS: '3600' },
    nodeArgs: settings.nodeArgs,
  })
  const rss = sampleRss(server.pid)
  const province = await registerReader(server, ADMIN_TOKEN, '450000')
  const nanning = await registerReader(server, ADMIN_TOKEN, '450100')
  const rows: Row[] = []

  const year = `year=${settings.year}`
  const views: Array<[string, BenchReader, string]> = [
    ['prevention-spend by insurer', province, `/api/v1/supervision/prevention-spend?${year}`],
    [
      'prevention-spend by region',
      province,
      `/api/v1/supervision/prevention-spend?${year}&groupBy=region`,
    ],
    ['prevention-spend, Nanning', nanning, `/api/v1/supervision/prevention-spend?${year}`],
    ['hazards by insurer', province, `/api/v1/supervision/hazards?${year}`],
    ['hazards + overdue list', province, `/api/v1/supervision/hazards?${year}&list=overdue`],
    ['overview by insurer', province, `/api/v1/supervision/overview?${year}`],
    ['overview by industry', province, `/api/v1/supervision/overview?${year}&groupBy=industry`],
    ['overview, Nanning', nanning, `/api/v1/supervision/overview?${year}`],
    ['coverage', province, `/api/v1/supervision/coverage?${year}`],
    ['insurer-evaluation', province, `/api/v1/supervision/insurer-evaluation?${year}`],
    ['insurer-evaluation, Nanning', nanning, `/api/v1/supervision/insurer-evaluation?${year}`],
  ]
  for (const [name, reader, path] of settings.parts.includes('views') ? views : []) {
    log(name)
    const url = `${server.url}${path}`
    await timedGet(url, reader.accessToken)
    const durations: number[] = []
    for (let i = 0; i < settings.samples; i++) {
      durations.push((await timedGet(url, reader.accessToken)).ms)
    }
    rows.push({ name, timings: summarise(durations), note: `${settings.samples} sequential` })
  }

  const nanningInYear = `&regionCode=450100&${year}`
  const searches = [
    ['search policies, 100 a page (default)', 100, ''],
    ['search policies, 1,000 a page (most)', 1000, ''],
    ['search policies, Nanning in the year, 100', 100, nanningInYear],
    ['search policies, Nanning in the year, 1,000', 1000, nanningInYear],
  ] as const
  for (const [name, limit, query] of settings.parts.includes('search') ? searches : []) {
    log(name)
    const durations = await pageThrough(server.url, province, `limit=${limit}${query}`)
    rows.push({ name, timings: summarise(durations), note: `${durations.length} pages` })
  }

  let exported: Report['export'] | undefined
  if (settings.parts.includes('export')) {
    log('export of every policy')
    const exportRss = sampleRss(server.pid)
    const figures = await exportPolicies(server.url, province)
    exported = { ...figures, rssMaxMib: exportRss.stop().maxMib }
  }
  const memory = rss.stop()

  const report = {
    at: new Date().toISOString(),
    settings: { ...settings, databaseUrl: undefined },
    rows,
    export: exported,
    rss: memory,
  }
  print(report)
  mkdirSync(RESULTS, { recursive: true })
  const file = join(RESULTS, `supervision-${report.at.replaceAll(':', '-')}.json`)
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  log(`results written to ${file}`)
} finally {
  await server?.stop()
}

/** Follows nextCursor for up to BENCH_SEARCH_PAGES pages, timing each. */
async function pageThrough(url: string, reader: BenchReader, query: string): Promise<number[]> {
  const durations: number[] = []
  let cursor: string | null = null
  for (let page = 0; page < settings.searchPages; page++) {
    const next: string = cursor ? `&cursor=${cursor}` : ''
    const answer = await timedGet(`${url}/api/v1/policies?${query}${next}`, reader.accessToken)
    durations.push(answer.ms)
    cursor = (JSON.parse(answer.text) as { nextCursor: string | null }).nextCursor
    if (!cursor) break
  }
  return durations
}

/** Reads the NDJSON export as it streams, counting lines; never holds the whole answer. */
async function exportPolicies(url: string, reader: BenchReader) {
  const started = performance.now()
  const response = await fetch(`${url}/api/v1/exports/policies`, {
    headers: { authorization: `Bearer ${reader.accessToken}` },
  })
  if (response.status !== 200 || !response.body) {
    throw new Error(`export answered ${response.status}: ${await response.text()}`)
  }
  let firstByteMs = 0
  let lines = 0
  let bytes = 0
  for await (const chunk of response.body) {
    if (bytes === 0) firstByteMs = performance.now() - started
    bytes += chunk.length
    for (const byte of chunk) if (byte === 10) lines += 1
  }
  const totalMs = performance.now() - started
  return { lines, mib: bytes / 2 ** 20, firstByteMs, totalMs, rowsPerS: lines / (totalMs / 1000) }
}

interface Report {
  rows: Row[]
  export: (Awaited<ReturnType<typeof exportPolicies>> & { rssMaxMib: number }) | undefined
  rss: { maxMib: number; lastMib: number; samples: number }
}

function print(report: Report) {
  const fixed = (n: number) => n.toFixed(0)
  const table = [
    ['measure', 'p50 ms', 'p95 ms', 'max ms', 'note'],
    ...report.rows.map((r) => [
      r.name,
      fixed(r.timings.p50Ms),
      fixed(r.timings.p95Ms),
      fixed(r.timings.maxMs),
      r.note,
    ]),
  ]
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...table.map((row) => row[i]?.length ?? 0)))
  for (const row of table) {
    process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')}\n`)
  }
  const e = report.export
  if (e) {
    process.stdout.write(
      `export: ${e.lines} policies, ${e.mib.toFixed(0)} MiB in ${(e.totalMs / 1000).toFixed(1)} ` +
        `s (${fixed(e.rowsPerS)} rows/s, first byte after ${fixed(e.firstByteMs)} ms), ` +
        `server RSS during it at most ${fixed(e.rssMaxMib)} MiB\n`,
    )
  }
  process.stdout.write(
    `server RSS: max ${fixed(report.rss.maxMib)} MiB over ${report.rss.samples} samples\n`,
  )
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`)
}
