import { sql } from 'drizzle-orm'
import type { RecordKindName } from '../../domain/records/kinds.js'
import type { Database } from '../database.js'
import { type PreparedStatement, preparedOnce, runPrepared } from '../prepared-statement.js'
import type { AuditEntry, ReceiptEntry } from './history-store.js'
import { columnValue, type RecordWrite } from './record-store.js'
import { recordTable } from './record-tables.js'

export interface Creation {
  write: RecordWrite
  audit: AuditEntry
  receipt: ReceiptEntry
}

/**
 * Stores a new record, its first version, its audit entry and its receipt in one statement,
 * and so in one round trip and one implicit transaction: the five statements of the general
 * path (begin, lock, insert, history, commit) cost a single write more CPU in socket writes
 * than in the work itself. When the key exists already (a concurrent writer won), nothing at
 * all is written and the answer is false.
 */
export async function createRecord(
  db: Database,
  kind: RecordKindName,
  insurerCode: string,
  creation: Creation,
): Promise<boolean> {
  const { write, audit, receipt } = creation
  const values: Record<string, unknown> = {
    receipt_id: receipt.receiptId,
    received_at: receipt.receivedAt,
    signature: receipt.signature,
    client_id: audit.clientId,
    request_id: audit.requestId,
  }
  for (const column of recordTable(kind).columns) {
    const value = columnValue(column.property, insurerCode, write)
    values[column.name] = column.sqlType === 'jsonb' ? JSON.stringify(value) : value
  }

  const rows = await runPrepared(db, createStatement(kind), values)
  return rows.length === 1
}

/**
 * The history rows are selected from the inserted row, so that they exist only when it does
 * and repeat exactly what it holds (the body is sent and parsed once).
 */
function createStatement(kind: RecordKindName): PreparedStatement {
  return preparedOnce(`create ${kind}`, () => {
    const { name, columns } = recordTable(kind)
    const names = sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    )
    const values = sql.join(
      columns.map((c) => sql`${sql.placeholder(c.name)}::${sql.raw(c.sqlType)}`),
      sql`, `,
    )
    const receiptId = sql`${sql.placeholder('receipt_id')}::uuid`

    return sql`with r as (
        insert into ${sql.identifier(name)} (${names}) values (${values})
        on conflict (insurer_code, key) do nothing
        returning insurer_code, key, version, sha256, body, flags, voided, region_code,
          updated_at, received_by
      ), v as (
        insert into record_versions (kind, insurer_code, key, version, sha256, body, flags,
          voided, receipt_id, created_at, received_by)
        select ${kind}::text, insurer_code, key, version, sha256, body, flags, voided, ${receiptId},
          updated_at, received_by
        from r
      ), a as (
        insert into audit_log (client_id, request_id, insurer_code, region_code, kind, key,
          version, sha256, outcome)
        select ${sql.placeholder('client_id')}::text, ${sql.placeholder('request_id')}::text,
          insurer_code, region_code, ${kind}::text, key, version, sha256, 'created'
        from r
      )
      insert into receipts (receipt_id, insurer_code, kind, key, version, sha256, received_at,
        signature)
      select ${receiptId}, insurer_code, ${kind}::text, key, version, sha256,
        ${sql.placeholder('received_at')}::timestamptz, ${sql.placeholder('signature')}::text
      from r
      returning receipt_id`
  })
}
