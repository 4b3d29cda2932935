import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { advisoryLocks } from './advisory-locks.js'
import { type Database, type DatabaseHandle, queryRows } from './database.js'

interface JournalEntry {
  idx: number
  tag: string
  when: number
}

/** The `migrations/` folder, found from here whether running from `src/` or `dist/src/`. */
export function findMigrationsFolder(): string {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'migrations', 'meta', '_journal.json'))) {
    const parent = dirname(folder)
    if (parent === folder) throw new Error('migrations folder not found')
    folder = parent
  }
  return join(folder, 'migrations')
}

export function readJournal(folder = findMigrationsFolder()): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8'))
  return journal.entries as JournalEntry[]
}

/**
 * Applies the pending migrations of `migrationsFolder` (tests pass a copy holding the first few).
 * Drizzle's migrator takes no lock, so processes starting together would race (STACK.md, trap
 * 9): a session-level advisory lock makes them take turns.
 */
export async function runMigrations(
  handle: DatabaseHandle,
  migrationsFolder = findMigrationsFolder(),
): Promise<void> {
  await handle.withConnection(async (db) => {
    await db.execute(sql`select pg_advisory_lock(${advisoryLocks.migration})`)
    try {
      if (handle.driver === 'postgres') {
        await migratePg(db as unknown as NodePgDatabase, { migrationsFolder })
      } else {
        await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder })
      }
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${advisoryLocks.migration})`)
    }
  })
}

/** The `created_at` (journal `when`) of every applied migration, oldest first. */
export async function appliedMigrations(db: Database): Promise<number[]> {
  const exists = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  )
  if (!exists[0]?.present) return []

  const rows = await queryRows<{ created_at: string }>(
    db,
    sql`select created_at from drizzle.__drizzle_migrations order by created_at`,
  )
  return rows.map((row) => Number(row.created_at))
}

/** True when every migration of the journal has been applied. */
export async function hasPendingMigrations(db: Database): Promise<boolean> {
  const applied = new Set(await appliedMigrations(db))
  return readJournal().some((entry) => !applied.has(entry.when))
}
