import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { type SQL, sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import * as tables from './tables/index.js'

/** One Drizzle type for both drivers, so that nothing above storage knows which one runs. */
export type Database = PgDatabase<PgQueryResultHKT, typeof tables>

export interface PoolStats {
  total: number
  idle: number
  waiting: number
}

export interface DatabaseHandle {
  db: Database
  driver: 'postgres' | 'pglite'
  /** Runs `work` on one dedicated connection (for session-level advisory locks). */
  withConnection<T>(work: (db: Database) => Promise<T>): Promise<T>
  poolStats(): PoolStats
  /** PGlite only: a dump of its data directory, to start other databases from. */
  dumpDataDir?: () => Promise<Blob>
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl: string | undefined
  dataDir: string
  /** Opens PGlite in memory instead of `dataDir`; tests use it for speed. */
  inMemory?: boolean
  /** A PGlite data directory dump to start from (tests start from a migrated template). */
  initialData?: Blob
  poolSize?: number
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10)
  return openPglite(options)
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A runaway query must not hold a pooled connection for ever (STACK.md, trap 10).
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
  })

  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on('error', () => {})

  return {
    db: drizzlePg({ client: pool, schema: tables }) as unknown as Database,
    driver: 'postgres',
    async withConnection(work) {
      const client = await pool.connect()
      try {
        // No schema: the relational query API is not used, and mapping it costs every call.
        return await work(drizzlePg({ client }) as unknown as Database)
      } finally {
        client.release()
      }
    },
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    close: () => pool.end(),
  }
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (!options.inMemory) mkdirSync(options.dataDir, { recursive: true })

  const client = options.inMemory
    ? new PGlite({ loadDataDir: options.initialData })
    : new PGlite(options.dataDir)
  await client.waitReady
  const db = drizzlePglite({ client, schema: tables }) as unknown as Database

  return {
    db,
    driver: 'pglite',
    withConnection: (work) => work(db),
    // PGlite is one connection inside this process: it is always "the pool".
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    dumpDataDir: () => client.dumpDataDir('none'),
    close: () => client.close(),
  }
}

/** Runs raw SQL and returns its rows typed; both drivers answer with `.rows`. */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

export async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`)
}
