import { sql } from 'drizzle-orm'
import { type Database, queryRows } from './database.js'

/**
 * The PostgreSQL advisory locks the service takes, in one place so that no two share an id.
 * The values are arbitrary constants of our own.
 */
export const advisoryLocks = {
  /** Processes starting together migrate one at a time (STACK.md, trap 9). */
  migration: 7_340_222_601,
  /** Exactly one platform signing key is made, or rotated, at a time. */
  signingKey: 7_340_222_602,
  /** One audit sealer at a time, across every process. */
  auditSealer: 7_340_222_603,
  /** One figures folder at a time (src/storage/supervision/figures-folding.ts). */
  figuresFolder: 7_340_222_604,
} as const

/**
 * Runs `work` in a transaction holding `lock` to its end, or answers `whenBusy` at once when
 * another transaction holds it: for background jobs that one process at a time should do.
 */
export async function inTransactionHolding<T>(
  db: Database,
  lock: number,
  whenBusy: T,
  work: (tx: Database) => Promise<T>,
): Promise<T> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    const [row] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${lock}) as locked`,
    )
    return row?.locked ? work(tx) : whenBusy
  })
}
