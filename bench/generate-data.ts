import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { loadConfig } from '../src/config.js'
import { codesOf } from '../src/domain/dictionaries/dictionary.js'
import { industries } from '../src/domain/dictionaries/policies.js'
import { computeCheckCharacter } from '../src/domain/values/credit-code.js'
import { listRegions } from '../src/domain/values/regions.js'
import { openDatabase } from '../src/storage/database.js'
import { runMigrations } from '../src/storage/migrate.js'
import { foldFigures } from '../src/storage/supervision/figures-folding.js'
import {
  CREDIT_CODE_FUNCTION,
  INSERT_BUDGETS_AND_ADJUSTMENTS,
  INSERT_CLAIMS,
  INSERT_EXPENSES,
  INSERT_HAZARDS,
  INSERT_POLICIES,
  INSERT_REGISTRY,
  INSERT_SERVICES,
} from './lib/generate-sql.js'

/**
 * `npm run bench:generate`: fills the PostgreSQL database at DATABASE_URL with the data of a
 * busy province (bench/README.md), set-based: one INSERT … SELECT generate_series per chunk of
 * 100,000 rows. BENCH_SCALE (default 1) scales every count. The database must hold no records.
 */
const config = loadConfig()
if (!config.databaseUrl) throw new Error('DATABASE_URL must name the PostgreSQL database to fill')

const scale = Number(process.env.BENCH_SCALE ?? 1)
const counts = {
  policies: Math.round(1_000_000 * scale),
  services: Math.round(200_000 * scale),
  hazards: Math.round(100_000 * scale),
  ledgerEntries: Math.round(100_000 * scale),
  claims: Math.round(50_000 * scale),
  registry: Math.round(100_000 * scale),
}
/** Insured units: fewer than policies, so that some units hold two (a renewal). */
const units = Math.round(counts.policies * 0.7)
const CHUNK = 100_000

const insurerCodes = Array.from({ length: 50 }, (_, n) => {
  const first17 = `914500${String(n + 1).padStart(11, '0')}`
  return first17 + computeCheckCharacter(first17)
})
const counties = listRegions()
  .filter((region) => region.level === 'county')
  .map((region) => region.code)
const industryCodes = codesOf(industries)

const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: '' })
await runMigrations(handle)
await handle.close()

const client = new pg.Client({ connectionString: config.databaseUrl })
await client.connect()
try {
  const existing = await client.query('select count(*)::int as n from policies')
  if (existing.rows[0].n > 0)
    throw new Error('the database already holds policies: use an empty one')
  await client.query(CREDIT_CODE_FUNCTION)

  const started = performance.now()
  await fill('policies', counts.policies, INSERT_POLICIES, (from, to) => [
    from,
    to,
    insurerCodes,
    counties,
    industryCodes,
    units,
  ])
  await fill('services', counts.services, INSERT_SERVICES, (from, to) => [
    from,
    to,
    insurerCodes,
    counts.policies,
  ])
  await fill('hazards', counts.hazards, INSERT_HAZARDS, (from, to) => [
    from,
    to,
    insurerCodes,
    counts.policies,
    counts.services,
  ])
  await fill('ledger expenses', counts.ledgerEntries, INSERT_EXPENSES, (from, to) => [
    from,
    to,
    insurerCodes,
    counts.policies,
    counts.services,
  ])
  await fill('ledger budgets', counts.ledgerEntries, INSERT_BUDGETS_AND_ADJUSTMENTS, (from, to) => [
    from,
    to,
    insurerCodes,
  ])
  await fill('claims', counts.claims, INSERT_CLAIMS, (from, to) => [
    from,
    to,
    insurerCodes,
    counts.policies,
  ])
  await fill('registry', counts.registry, INSERT_REGISTRY, (from, to) => [
    from,
    to,
    counties,
    industryCodes,
    units,
  ])

  // The record tables' triggers appended the supervision figures chunk by chunk; fold them as
  // a running server's folder would have while the data came in.
  log('fold supervision figures')
  const folding = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: '' })
  try {
    while ((await foldFigures(folding.db)) > 0) {}
  } finally {
    await folding.close()
  }

  // Sets the visibility map, so that the supervision views read their indexes alone, as
  // autovacuum does for a live database (PostgreSQL 13+ vacuums after inserts too).
  log('vacuum analyze')
  await client.query('vacuum (analyze)')
  log(`done in ${seconds(started)} s: ${JSON.stringify(counts)}`)
} finally {
  await client.end()
}

async function fill(
  name: string,
  total: number,
  statement: string,
  parameters: (from: number, to: number) => unknown[],
): Promise<void> {
  const started = performance.now()
  let rows = 0
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1)
    const result = await client.query(statement, parameters(from, to))
    rows += result.rowCount ?? 0
  }
  log(`${name}: ${rows} rows in ${seconds(started)} s`)
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1)
}

function log(message: string): void {
  process.stderr.write(`generate: ${message}\n`)
}
