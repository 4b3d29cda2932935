import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import request from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { type DatabaseHandle, openDatabase, queryRows } from '../../src/storage/database.js'
import {
  appliedMigrations,
  findMigrationsFolder,
  readJournal,
  runMigrations,
} from '../../src/storage/migrate.js'
import { foldFigures } from '../../src/storage/supervision/figures-folding.js'
import { createTestApp } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../helpers/database.js'
import { creditCode } from '../helpers/fixtures.js'
import { storedUnitFigures, unitsRecounted } from '../helpers/unit-figures.js'

// A blank PGlite database takes seconds to create, many more on a loaded build machine.
const SLOW = 120_000
const folder = findMigrationsFolder()
const journal = readJournal(folder)

type AppliedRow = { id: number; hash: string; createdAt: number }

async function appliedRows(handle: DatabaseHandle): Promise<AppliedRow[]> {
  const rows = await queryRows<{ id: number; hash: string; created_at: string | number }>(
    handle.db,
    sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id`,
  )
  // A bigint: PostgreSQL's driver answers a string, PGlite's a number.
  return rows.map(({ id, hash, created_at }) => ({ id, hash, createdAt: Number(created_at) }))
}

/** What Drizzle's migrator records for each journal entry: its `when` and its file's SHA-256. */
function expectedRows() {
  return journal.map((entry) => ({
    createdAt: entry.when,
    hash: createHash('sha256')
      .update(readFileSync(join(folder, `${entry.tag}.sql`), 'utf8'))
      .digest('hex'),
  }))
}

let opened: TestDatabase[] = []

/**
 * A database with nothing in it. On PostgreSQL the helper's databases are empty; on PGlite it
 * starts from a migrated template for speed, so these tests open a blank one themselves.
 */
async function freshDatabase(): Promise<TestDatabase> {
  let database: TestDatabase
  if (testDatabaseUrl) {
    database = await createTestDatabase()
  } else {
    const handle = await openDatabase({ databaseUrl: undefined, dataDir: '', inMemory: true })
    database = { handle, url: undefined, drop: () => handle.close() }
  }
  opened.push(database)

  expect(await appliedMigrations(database.handle.db)).toEqual([])
  return database
}

afterEach(async () => {
  await Promise.all(opened.map((database) => database.drop()))
  opened = []
})

describe('the migration journal', () => {
  it('lists every migration once, numbered in order, with strictly rising timestamps', () => {
    // Drizzle skips, and still reports success for, a migration dated before the last applied
    // one (STACK.md, trap 9): a landed migration is never re-dated or reordered.
    expect(journal.length).toBeGreaterThan(0)
    journal.forEach((entry, index) => {
      expect(entry.idx).toBe(index)
      expect(existsSync(join(folder, `${entry.tag}.sql`)), entry.tag).toBe(true)
      if (index > 0) expect(entry.when).toBeGreaterThan(journal[index - 1]?.when ?? 0)
    })
  })
})

describe('runMigrations', () => {
  it(
    'applies every migration of the journal to a fresh database, in journal order',
    async () => {
      const { handle } = await freshDatabase()

      await runMigrations(handle)

      const rows = await appliedRows(handle)
      expect(rows.map(({ createdAt, hash }) => ({ createdAt, hash }))).toEqual(expectedRows())
    },
    SLOW,
  )

  it(
    'changes nothing when run again',
    async () => {
      const { handle } = await freshDatabase()
      await runMigrations(handle)
      const before = await appliedRows(handle)

      await runMigrations(handle)

      expect(await appliedRows(handle)).toEqual(before)
    },
    SLOW,
  )

  it.skipIf(!testDatabaseUrl)(
    'lets two processes migrate one PostgreSQL database at once (advisory lock)',
    async () => {
      const { url } = await freshDatabase()
      const first = await openDatabase({ databaseUrl: url, dataDir: '' })
      const second = await openDatabase({ databaseUrl: url, dataDir: '' })

      try {
        await expect(
          Promise.all([runMigrations(first), runMigrations(second)]),
        ).resolves.toBeDefined()

        const rows = await appliedRows(first)
        expect(rows.map(({ createdAt, hash }) => ({ createdAt, hash }))).toEqual(expectedRows())
      } finally {
        await Promise.all([first.close(), second.close()])
      }
    },
    SLOW,
  )
})

/** A copy of the migrations folder that holds the journal's first `count` migrations only. */
async function firstMigrations(count: number): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'azx-migrations-'))
  const entries = journal.slice(0, count)
  await mkdir(join(copy, 'meta'))
  for (const { tag } of entries)
    await copyFile(join(folder, `${tag}.sql`), join(copy, `${tag}.sql`))
  const original = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'))
  await writeFile(join(copy, 'meta', '_journal.json'), JSON.stringify({ ...original, entries }))
  return copy
}

/** Policies of a few units as rows, the way they were stored before a migration. */
async function storePolicies(
  handle: DatabaseHandle,
  policies: Array<{
    key: string
    unit: number
    region: string
    insurer?: string
    voided?: boolean
  }>,
) {
  for (const p of policies) {
    await handle.db.execute(
      sql`insert into policies (insurer_code, key, version, sha256, body, created_at, updated_at,
            received_by, issue_date, period_start, period_end, premium, premium_collected,
            insured_headcount, credit_code, region_code, industry, status, voided)
          values (${p.insurer ?? 'INSURER-A'}, ${p.key}, 1, 'sha', '{}'::jsonb, now(), now(),
            'test', '2026-03-01', '2026-03-01', '2027-02-28', 1000, 1000, 10,
            ${creditCode(p.unit)}, ${p.region}, 'mining', 'in_force', ${p.voided ?? false})`,
    )
  }
}

describe('upgrading a database that holds records', () => {
  it(
    'keeps the figures of the records stored before each migration, and keeps them after',
    async () => {
      const { handle } = await freshDatabase()
      // 0002_supervision_triggers: the last migration before distinct units were folded.
      const upTo = journal.findIndex((entry) => entry.tag === '0002_supervision_triggers') + 1
      const earlier = await firstMigrations(upTo)
      try {
        await runMigrations(handle, earlier)
      } finally {
        await rm(earlier, { recursive: true, force: true })
      }
      await storePolicies(handle, [
        { key: 'P-1', unit: 1, region: '450102' },
        { key: 'P-2', unit: 1, region: '450102' },
        { key: 'P-3', unit: 1, region: '450202', insurer: 'INSURER-B' },
        { key: 'P-4', unit: 2, region: '450102' },
        { key: 'P-5', unit: 3, region: '450202', voided: true },
      ])

      await runMigrations(handle)

      expect(await appliedRows(handle)).toHaveLength(journal.length)
      await foldFigures(handle.db)
      const upgraded = await storedUnitFigures(handle.db)
      expect(upgraded).toEqual(await unitsRecounted(handle.db))
      expect(upgraded).toContainEqual({
        year: 2026,
        scope: '',
        group_by: 'industry',
        group_key: 'mining',
        units: 2,
      })

      await storePolicies(handle, [{ key: 'P-6', unit: 4, region: '450202' }])
      await handle.db.execute(sql`update policies set voided = true where key = 'P-4'`)
      await foldFigures(handle.db)
      expect(await storedUnitFigures(handle.db)).toEqual(await unitsRecounted(handle.db))
    },
    SLOW,
  )
})

describe('GET /readyz before migrations', () => {
  it(
    'answers 503 with Retry-After while migrations are pending, 200 once applied',
    async () => {
      const database = await freshDatabase()
      const t = await createTestApp({ database, config: { migrateOnStart: false } })

      try {
        const pending = await request(t.app.server).get('/readyz').set('accept-language', 'en')

        expect(pending.status).toBe(503)
        expect(pending.headers['retry-after']).toBe('5')
        expect(pending.headers['content-type']).toBe('application/problem+json; charset=utf-8')
        expect(pending.body).toEqual({
          type: 'urn:azx-dock:problem:service_unavailable',
          title: 'Service unavailable',
          status: 503,
          detail: 'database migrations are pending',
          code: 'service_unavailable',
          requestId: pending.headers['x-request-id'],
          instance: '/readyz',
          errors: [],
        })

        await runMigrations(database.handle)
        const ready = await request(t.app.server).get('/readyz')

        expect(ready.status).toBe(200)
        expect(ready.body).toEqual({ status: 'ready' })
      } finally {
        await t.close()
      }
    },
    SLOW,
  )
})
