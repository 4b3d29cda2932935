import { sql } from 'drizzle-orm'
import { type Database, queryRows } from './database.js'
import { unnestRows, unnestValue } from './records/unnest.js'

export interface RejectedSubmission {
  insurerCode: string
  clientId: string
  requestId: string
  kind: string
  key: string
}

/**
 * Remembers record writes the platform refused. Nothing of them is stored as a record, yet the
 * yearly evaluation of insurers counts them (SPEC §6: rejected-submission rate).
 */
export async function recordRejectedSubmissions(
  db: Database,
  rejected: RejectedSubmission[],
): Promise<void> {
  if (rejected.length === 0) return
  const columns = [
    { name: 'insurer_code', sqlType: 'text', values: rejected.map((r) => r.insurerCode) },
    { name: 'client_id', sqlType: 'text', values: rejected.map((r) => r.clientId) },
    { name: 'request_id', sqlType: 'text', values: rejected.map((r) => r.requestId) },
    { name: 'kind', sqlType: 'text', values: rejected.map((r) => r.kind) },
    { name: 'key', sqlType: 'text', values: rejected.map((r) => r.key) },
  ]
  await db.execute(
    sql`insert into rejected_submissions
          (${sql.join(
            columns.map((c) => sql.identifier(c.name)),
            sql`, `,
          )})
        select ${sql.join(columns.map(unnestValue), sql`, `)} from ${unnestRows(columns)}`,
  )
}

export interface SubmissionCountRow {
  insurer_code: string
  accepted: number
  rejected: number
}

/**
 * Per insurer, the record writes received in the year: accepted ones from the audit log
 * (created, replaced or unchanged) and rejected ones.
 */
export async function countSubmissions(db: Database, year: number): Promise<SubmissionCountRow[]> {
  const from = `${year}-01-01T00:00:00+08:00`
  const to = `${year + 1}-01-01T00:00:00+08:00`
  return queryRows<SubmissionCountRow>(
    db,
    sql`select insurer_code, sum(accepted)::int as accepted, sum(rejected)::int as rejected
        from (
          select insurer_code, count(*) as accepted, 0 as rejected
          from audit_log
          where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
          group by 1
          union all
          select insurer_code, 0, count(*)
          from rejected_submissions
          where received_at >= ${from}::timestamptz and received_at < ${to}::timestamptz
          group by 1
        ) submissions
        group by 1
        order by 1`,
  )
}
