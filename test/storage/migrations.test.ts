import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
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
import { createTestApp } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../helpers/database.js'

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
