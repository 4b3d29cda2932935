import { sql } from 'drizzle-orm'
import { sha256Hex } from '../domain/records/canonical.js'
import { advisoryLocks, inTransactionHolding } from './advisory-locks.js'
import { type Database, queryRows } from './database.js'

const SEAL_BATCH = 5000
export const GENESIS_HASH = '0'.repeat(64)

interface AuditRow {
  id: string
  seq: string | null
  prev_hash: string | null
  hash: string | null
  client_id: string
  request_id: string
  insurer_code: string
  region_code: string | null
  kind: string
  key: string
  version: number | null
  sha256: string
  outcome: string
  created_at: string
}

/** Timestamps hashed in one fixed text form, whatever the session's time zone. */
const auditColumns = sql.raw(
  `id, seq, prev_hash, hash, client_id, request_id, insurer_code, region_code, kind, key,
   version, sha256, outcome,
   to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at`,
)

/** The hash of an entry chains the previous hash with every field the entry records. */
export function hashAuditEntry(prevHash: string, row: AuditRow, seq: number): string {
  const fields = [
    seq,
    row.id,
    row.client_id,
    row.request_id,
    row.insurer_code,
    row.region_code ?? '',
    row.kind,
    row.key,
    row.version ?? '',
    row.sha256,
    row.outcome,
    row.created_at,
  ]
  return sha256Hex(`${prevHash}\n${fields.join('\u001f')}`)
}

/**
 * Seals the entries whose transactions have all finished, in that order, by giving each the
 * next `seq` and chaining its hash. Writers only insert, so the chain never makes them wait;
 * entries of a transaction still in flight are sealed by a later pass (STACK.md, trap 15).
 * Returns how many entries were sealed.
 */
export async function sealAuditLog(db: Database): Promise<number> {
  return inTransactionHolding(db, advisoryLocks.auditSealer, 0, async (tx) => {
    const [last] = await queryRows<{ seq: string; hash: string }>(
      tx,
      sql`select seq, hash from audit_log where seq is not null order by seq desc limit 1`,
    )
    const pending = await queryRows<AuditRow>(
      tx,
      sql`select ${auditColumns} from audit_log
          where seq is null and txid < pg_snapshot_xmin(pg_current_snapshot())
          order by id limit ${SEAL_BATCH}`,
    )
    if (pending.length === 0) return 0

    let seq = last ? Number(last.seq) : 0
    let prevHash = last?.hash ?? GENESIS_HASH
    const sealed = pending.map((row) => {
      seq += 1
      const hash = hashAuditEntry(prevHash, row, seq)
      const entry = { id: row.id, seq, prevHash, hash }
      prevHash = hash
      return entry
    })

    await tx.execute(
      sql`update audit_log set seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
          from unnest(${sql.param(sealed.map((s) => s.id))}::bigint[],
                      ${sql.param(sealed.map((s) => s.seq))}::bigint[],
                      ${sql.param(sealed.map((s) => s.prevHash))}::text[],
                      ${sql.param(sealed.map((s) => s.hash))}::text[])
               as u(id, seq, prev_hash, hash)
          where audit_log.id = u.id`,
    )
    return sealed.length
  })
}

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBroken: number }

/** Recomputes the whole chain; names the first sealed entry (by seq) that does not match. */
export async function verifyAuditChain(db: Database): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  let checked = 0

  for (;;) {
    const rows = await queryRows<AuditRow>(
      db,
      sql`select ${auditColumns} from audit_log
          where seq >= ${expectedSeq} order by seq limit ${SEAL_BATCH}`,
    )
    for (const row of rows) {
      const seq = Number(row.seq)
      const intact =
        seq === expectedSeq &&
        row.prev_hash === prevHash &&
        row.hash === hashAuditEntry(prevHash, row, seq)
      if (!intact) return { ok: false, checked, firstBroken: expectedSeq }

      prevHash = row.hash as string
      expectedSeq += 1
      checked += 1
    }
    if (rows.length < SEAL_BATCH) break
  }

  return { ok: true, checked }
}
