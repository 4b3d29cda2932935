import { sql } from 'drizzle-orm'
import { type Database, queryRows } from './database.js'

/** Which of these credit codes an admin has allow-listed as pilot-era codes. */
export async function findAllowListed(db: Database, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set()
  const rows = await queryRows<{ credit_code: string }>(
    db,
    sql`select credit_code from credit_code_allowlist
        where credit_code = any(${sql.param(codes)}::text[])`,
  )
  return new Set(rows.map((row) => row.credit_code))
}

export interface AllowListEntry {
  creditCode: string
  reason: string
  createdAt: Date
}

export async function listAllowList(db: Database): Promise<AllowListEntry[]> {
  const rows = await queryRows<{ credit_code: string; reason: string; created_at: string }>(
    db,
    sql`select credit_code, reason, created_at from credit_code_allowlist order by credit_code`,
  )
  return rows.map((row) => ({
    creditCode: row.credit_code,
    reason: row.reason,
    createdAt: new Date(row.created_at),
  }))
}

/** Adds an entry, or re-words one already there. */
export async function allowListCreditCode(
  db: Database,
  creditCode: string,
  reason: string,
): Promise<void> {
  await db.execute(
    sql`insert into credit_code_allowlist (credit_code, reason) values (${creditCode}, ${reason})
        on conflict (credit_code) do update set reason = excluded.reason`,
  )
}

/** Removes an entry; answers whether there was one. */
export async function removeFromAllowList(db: Database, creditCode: string): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`delete from credit_code_allowlist where credit_code = ${creditCode} returning credit_code`,
  )
  return rows.length > 0
}
