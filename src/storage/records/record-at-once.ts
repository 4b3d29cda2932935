import { type SQL, type SQLWrapper, sql } from 'drizzle-orm'
import type { RecordKindName } from '../../domain/records/kinds.js'
import type { Database } from '../database.js'
import { type PreparedStatement, preparedOnce, runPrepared } from '../prepared-statement.js'
import type { AuditEntry, ReceiptEntry } from './history-store.js'
import { columnValue, type RecordWrite } from './record-store.js'
import { type ColumnInfo, recordTable } from './record-tables.js'

/** One write of one record, with what its history gains; `write` is absent when unchanged. */
export interface SingleWrite {
  outcome: 'created' | 'replaced' | 'unchanged'
  /** The version the write was judged against; absent for a new record. */
  expectedVersion: number | undefined
  write: RecordWrite | undefined
  audit: AuditEntry
  receipt: ReceiptEntry
}

/**
 * Stores one write in one statement, and so in one round trip and one implicit transaction:
 * the current row (inserted, or updated from the version the write was judged against), its
 * version, its audit entry and its receipt. The five statements of the locked path (begin,
 * lock, write, history, commit) cost a single write more CPU in socket writes than in the work
 * itself. When the stored state is no longer the one judged (the key was taken, or another
 * version landed meanwhile), nothing at all is written and the answer is false.
 */
export async function storeSingleWrite(
  db: Database,
  kind: RecordKindName,
  insurerCode: string,
  single: SingleWrite,
): Promise<boolean> {
  const { write, audit, receipt } = single
  const values: Record<string, unknown> = {
    insurer_code: insurerCode,
    key: audit.key,
    expected_version: single.expectedVersion ?? null,
    receipt_id: receipt.receiptId,
    received_at: receipt.receivedAt,
    signature: receipt.signature,
    client_id: audit.clientId,
    request_id: audit.requestId,
  }
  // An unchanged resend writes no row, so its statement has no column placeholders.
  if (write) {
    for (const column of recordTable(kind).columns) {
      const value = columnValue(column.property, insurerCode, write)
      values[column.name] = column.sqlType === 'jsonb' ? JSON.stringify(value) : value
    }
  }

  const rows = await runPrepared(db, singleWriteStatement(kind, single.outcome), values)
  return rows.length === 1
}

/**
 * The history rows are selected from the row written (or, when unchanged, the row found), so
 * that they exist only when it does and repeat exactly what it holds: the body is sent and
 * parsed once.
 */
function singleWriteStatement(
  kind: RecordKindName,
  outcome: SingleWrite['outcome'],
): PreparedStatement {
  return preparedOnce(`${outcome} ${kind}`, () => {
    const { name, columns } = recordTable(kind)
    const table = sql.identifier(name)
    const kindName = sql`${kind}::text`
    const receiptId = sql`${sql.placeholder('receipt_id')}::uuid`
    const written = { created: insertCurrent, replaced: updateCurrent, unchanged: findCurrent }

    const version = sql`insert into record_versions (kind, insurer_code, key, version, sha256,
        body, flags, voided, receipt_id, created_at, received_by)
      select ${kindName}, insurer_code, key, version, sha256, body, flags, voided, ${receiptId},
        updated_at, received_by
      from r`
    return sql`with r as (${written[outcome](table, columns)}),
      ${outcome === 'unchanged' ? sql`` : sql`v as (${version}),`}
      a as (
        insert into audit_log (client_id, request_id, insurer_code, region_code, kind, key,
          version, sha256, outcome)
        select ${text('client_id')}, ${text('request_id')}, insurer_code, region_code,
          ${kindName}, key, version, sha256, ${outcome}::text
        from r
      )
      insert into receipts (receipt_id, insurer_code, kind, key, version, sha256, received_at,
        signature)
      select ${receiptId}, insurer_code, ${kindName}, key, version, sha256,
        ${sql.placeholder('received_at')}::timestamptz, ${text('signature')}
      from r
      returning receipt_id`
  })
}

const returned = sql.raw(
  'insurer_code, key, version, sha256, body, flags, voided, region_code, updated_at, received_by',
)

function insertCurrent(table: SQLWrapper, columns: ColumnInfo[]): SQL {
  const names = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  )
  const values = sql.join(columns.map(typedPlaceholder), sql`, `)
  return sql`insert into ${table} (${names}) values (${values})
    on conflict (insurer_code, key) do nothing
    returning ${returned}`
}

/** Only over the version judged: a concurrent writer's version makes it update nothing. */
function updateCurrent(table: SQLWrapper, columns: ColumnInfo[]): SQL {
  const fixed = new Set(['insurer_code', 'key', 'created_at'])
  const assignments = columns
    .filter((c) => !fixed.has(c.name))
    .map((c) => sql`${sql.identifier(c.name)} = ${typedPlaceholder(c)}`)
  return sql`update ${table} set ${sql.join(assignments, sql`, `)}
    ${whereJudged}
    returning ${returned}`
}

function findCurrent(table: SQLWrapper): SQL {
  return sql`select ${returned} from ${table} ${whereJudged}`
}

const whereJudged = sql`where insurer_code = ${sql.placeholder('insurer_code')}::text
  and key = ${sql.placeholder('key')}::text
  and version = ${sql.placeholder('expected_version')}::integer`

function typedPlaceholder(column: ColumnInfo): SQL {
  return sql`${sql.placeholder(column.name)}::${sql.raw(column.sqlType)}`
}

function text(name: string): SQL {
  return sql`${sql.placeholder(name)}::text`
}
