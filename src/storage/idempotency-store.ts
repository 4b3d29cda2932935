import { sql } from 'drizzle-orm'
import { type Database, queryRows } from './database.js'

export interface StoredAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

export type Claim =
  | { state: 'claimed' }
  | { state: 'replay'; answer: StoredAnswer }
  | { state: 'mismatch' }
  | { state: 'in_progress' }

export interface ClaimRequest {
  clientId: string
  key: string
  requestHash: string
  now: Date
  /** How long a claim holds before another process may take over a crashed request. */
  leaseSeconds: number
  keepHours: number
}

/**
 * Claims an idempotency key for one request. The insert is the lock: of two concurrent requests
 * with the same key exactly one inserts, on any process sharing the database (SPEC §3).
 */
export async function claimIdempotencyKey(db: Database, claim: ClaimRequest): Promise<Claim> {
  const lockedUntil = new Date(claim.now.getTime() + claim.leaseSeconds * 1000)
  const expiresAt = new Date(claim.now.getTime() + claim.keepHours * 3600_000)

  const inserted = await queryRows(
    db,
    sql`insert into idempotency_keys
          (client_id, key, request_hash, state, locked_until, created_at, expires_at)
        values (${claim.clientId}, ${claim.key}, ${claim.requestHash}, 'in_progress',
                ${lockedUntil.toISOString()}, ${claim.now.toISOString()}, ${expiresAt.toISOString()})
        on conflict (client_id, key) do update
          set request_hash = excluded.request_hash, state = 'in_progress',
              locked_until = excluded.locked_until, created_at = excluded.created_at,
              expires_at = excluded.expires_at, response_status = null,
              response_headers = null, response_body = null
          where idempotency_keys.expires_at < ${claim.now.toISOString()}
             or (idempotency_keys.state = 'in_progress'
                 and idempotency_keys.locked_until < ${claim.now.toISOString()}
                 and idempotency_keys.request_hash = excluded.request_hash)
        returning key`,
  )
  if (inserted.length > 0) return { state: 'claimed' }

  const rows = await queryRows<{
    request_hash: string
    state: string
    response_status: number | null
    response_headers: Record<string, string> | null
    response_body: string | null
  }>(
    db,
    sql`select request_hash, state, response_status, response_headers, response_body
        from idempotency_keys where client_id = ${claim.clientId} and key = ${claim.key}`,
  )
  const row = rows[0]
  if (!row) return claimIdempotencyKey(db, claim)
  if (row.request_hash !== claim.requestHash) return { state: 'mismatch' }
  if (row.state !== 'done' || row.response_status === null) return { state: 'in_progress' }

  return {
    state: 'replay',
    answer: {
      status: row.response_status,
      headers: row.response_headers ?? {},
      body: row.response_body ?? '',
    },
  }
}

/** Stores the answer; called in the transaction of the writes it reports, where there are any. */
export async function completeIdempotencyKey(
  db: Database,
  clientId: string,
  key: string,
  answer: StoredAnswer,
): Promise<void> {
  await db.execute(
    sql`update idempotency_keys
        set state = 'done', response_status = ${answer.status},
            response_headers = ${JSON.stringify(answer.headers)}::jsonb,
            response_body = ${answer.body}
        where client_id = ${clientId} and key = ${key}`,
  )
}

/** Forgets a claim whose answer must not be kept (5xx, 429), so that a retry runs again. */
export async function releaseIdempotencyKey(
  db: Database,
  clientId: string,
  key: string,
): Promise<void> {
  await db.execute(
    sql`delete from idempotency_keys
        where client_id = ${clientId} and key = ${key} and state = 'in_progress'`,
  )
}

/** Drops answers kept longer than promised; run now and then, never on the hot path. */
export async function purgeExpiredIdempotencyKeys(db: Database, now: Date): Promise<void> {
  await db.execute(sql`delete from idempotency_keys where expires_at < ${now.toISOString()}`)
}
