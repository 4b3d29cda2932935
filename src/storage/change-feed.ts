import { sql } from 'drizzle-orm'
import { type Database, queryRows } from './database.js'
import { type ReadScope, scopeConditions } from './records/search.js'

export interface Change {
  seq: number
  kind: string
  insurerCode: string
  key: string
  version: number
  changedAt: Date
}

export interface ChangePage {
  changes: Change[]
  /** The position to read after next time. */
  nextAfter: number
}

interface ChangeRow {
  seq: string
  kind: string
  insurer_code: string
  key: string
  version: number
  created_at: string
}

/**
 * The sealed writes after `after` within a scope, in seq order. Only sealed entries have a
 * seq, and the sealer hands them out in commit order, so a reader following `nextAfter` never
 * skips a transaction that committed late (STACK.md, trap 15).
 *
 * When a page is not full, everything sealed has been seen: the reader may then move on to the
 * highest seq sealed, read in the same statement (one snapshot), so that it does not scan the
 * other insurers' or regions' entries again and again.
 */
export async function readChanges(
  db: Database,
  scope: ReadScope,
  page: { after: number; limit: number },
): Promise<ChangePage> {
  const conditions = [
    sql`seq > ${page.after}`,
    sql`outcome in ('created', 'replaced')`,
    ...scopeConditions(scope),
  ]
  const [result] = await queryRows<{ high: string | null; rows: ChangeRow[] }>(
    db,
    sql`select (select max(seq) from audit_log) as high,
               coalesce((select json_agg(c order by c.seq) from (
                 select seq, kind, insurer_code, key, version, created_at from audit_log
                 where ${sql.join(conditions, sql` and `)}
                 order by seq limit ${page.limit}) c), '[]'::json) as rows`,
  )

  const rows = result?.rows ?? []
  const changes = rows.map((row) => ({
    seq: Number(row.seq),
    kind: row.kind,
    insurerCode: row.insurer_code,
    key: row.key,
    version: row.version,
    changedAt: new Date(row.created_at),
  }))
  const last = changes.at(-1)?.seq ?? page.after
  const high = result?.high === null || result?.high === undefined ? 0 : Number(result.high)
  const nextAfter = changes.length < page.limit ? Math.max(last, high, page.after) : last
  return { changes, nextAfter }
}
