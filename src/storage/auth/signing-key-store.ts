import { desc, gt, isNull, or, sql } from 'drizzle-orm'
import { advisoryLocks } from '../advisory-locks.js'
import type { Database } from '../database.js'
import { isDatabaseUnavailable, sqlState } from '../errors.js'
import { signingKeys } from '../tables/auth.js'

export type SigningKeyRow = typeof signingKeys.$inferSelect

export interface NewSigningKey {
  kid: string
  privateJwk: object
  publicJwk: object
  createdAt: Date
}

/**
 * Stores `key` as the active signing key unless one is active already. Processes starting
 * together take turns on an advisory lock, so exactly one key is made and all of them share it.
 */
export async function insertSigningKeyUnlessActive(db: Database, key: NewSigningKey) {
  await hidingParameters(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${advisoryLocks.signingKey})`)
      const active = await tx
        .select({ kid: signingKeys.kid })
        .from(signingKeys)
        .where(isNull(signingKeys.retiredAt))
        .limit(1)
      if (active.length === 0) await tx.insert(signingKeys).values(key)
    }),
  )
}

/** Retires every active key and makes `key` the active one, in one transaction. */
export async function replaceActiveSigningKey(
  db: Database,
  key: NewSigningKey,
  retiredAt: Date,
): Promise<string[]> {
  return hidingParameters(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${advisoryLocks.signingKey})`)
      const retired = await tx
        .update(signingKeys)
        .set({ retiredAt })
        .where(isNull(signingKeys.retiredAt))
        .returning({ kid: signingKeys.kid })
      await tx.insert(signingKeys).values(key)
      return retired.map((row) => row.kid)
    }),
  )
}

/** The active key and the keys retired after `retiredAfter`, the active one first. */
export async function listSigningKeys(db: Database, retiredAfter: Date): Promise<SigningKeyRow[]> {
  return db
    .select()
    .from(signingKeys)
    .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, retiredAfter)))
    .orderBy(sql`${signingKeys.retiredAt} desc nulls first`, desc(signingKeys.createdAt))
}

/**
 * Drizzle puts a failed query's parameters into its error message, and these parameters hold a
 * private key: the error is replaced by one that keeps only what the error handler needs.
 */
async function hidingParameters<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const code = sqlState(error) ?? (isDatabaseUnavailable(error) ? '08006' : undefined)
    throw Object.assign(new Error('signing key query failed'), { code })
  }
}

/**
 * The public half of every key the platform ever signed with: the active one, then the most
 * recently retired. Receipts are the
 * insurers' lasting proof (SPEC §3), so a retired key stays published for verifying them.
 */
export async function listPublicJwks(db: Database): Promise<object[]> {
  const rows = await db
    .select({ publicJwk: signingKeys.publicJwk })
    .from(signingKeys)
    .orderBy(sql`${signingKeys.retiredAt} desc nulls first`, desc(signingKeys.createdAt))
  return rows.map((row) => row.publicJwk as object)
}
