import { type SQL, sql } from 'drizzle-orm'
import type { StoredRecord } from '../../domain/records/kind.js'
import { type Database, queryRows } from '../database.js'
import { preparedOnce, runPrepared } from '../prepared-statement.js'
import { type UnnestColumn, unnestParams, unnestPlaceholders, unnestValue } from './unnest.js'

export interface AuditEntry {
  clientId: string
  requestId: string
  insurerCode: string
  regionCode: string | null
  kind: string
  key: string
  version: number | null
  sha256: string
  outcome: 'created' | 'replaced' | 'unchanged'
}

export interface ReceiptEntry {
  receiptId: string
  insurerCode: string
  kind: string
  key: string
  version: number | null
  sha256: string
  /** RFC 3339, exactly as signed. */
  receivedAt: string
  signature: string
}

export interface History {
  versions: Array<{ record: StoredRecord; insurerCode: string; receiptId: string }>
  audits: AuditEntry[]
  receipts: ReceiptEntry[]
}

/**
 * Appends the versions, audit entries and receipts of a write in one statement. Nothing here is
 * ever updated or deleted by the API: history is append-only.
 */
export async function appendHistory(db: Database, history: History): Promise<void> {
  const versions = [
    column(
      'kind',
      'text',
      history.versions.map((v) => v.record.kind),
    ),
    column(
      'insurer_code',
      'text',
      history.versions.map((v) => v.insurerCode),
    ),
    column(
      'key',
      'text',
      history.versions.map((v) => v.record.key),
    ),
    column(
      'version',
      'integer',
      history.versions.map((v) => v.record.version),
    ),
    column(
      'sha256',
      'text',
      history.versions.map((v) => v.record.sha256),
    ),
    column(
      'body',
      'jsonb',
      history.versions.map((v) => v.record.body),
    ),
    column(
      'flags',
      'text[]',
      history.versions.map((v) => v.record.flags),
    ),
    column(
      'voided',
      'boolean',
      history.versions.map((v) => v.record.voided),
    ),
    column(
      'receipt_id',
      'uuid',
      history.versions.map((v) => v.receiptId),
    ),
    column(
      'created_at',
      'timestamptz',
      history.versions.map((v) => v.record.updatedAt),
    ),
    column(
      'received_by',
      'text',
      history.versions.map((v) => v.record.receivedBy),
    ),
  ]
  const audits = [
    column(
      'client_id',
      'text',
      history.audits.map((a) => a.clientId),
    ),
    column(
      'request_id',
      'text',
      history.audits.map((a) => a.requestId),
    ),
    column(
      'insurer_code',
      'text',
      history.audits.map((a) => a.insurerCode),
    ),
    column(
      'region_code',
      'text',
      history.audits.map((a) => a.regionCode),
    ),
    column(
      'kind',
      'text',
      history.audits.map((a) => a.kind),
    ),
    column(
      'key',
      'text',
      history.audits.map((a) => a.key),
    ),
    column(
      'version',
      'integer',
      history.audits.map((a) => a.version),
    ),
    column(
      'sha256',
      'text',
      history.audits.map((a) => a.sha256),
    ),
    column(
      'outcome',
      'text',
      history.audits.map((a) => a.outcome),
    ),
  ]
  const receipts = receiptColumns(history.receipts)

  // Column names and types never change, so the statement is built on the first write only.
  const statement = preparedOnce('append history', () => {
    const v = insertFrom('record_versions', versions, 'v.')
    const a = insertFrom('audit_log', audits, 'a.')
    return sql`with v as (${v}), a as (${a}) ${insertFrom('receipts', receipts, 'r.')}`
  })
  await runPrepared(db, statement, {
    ...unnestParams(versions, 'v.'),
    ...unnestParams(audits, 'a.'),
    ...unnestParams(receipts, 'r.'),
  })
}

function receiptColumns(receipts: ReceiptEntry[]): UnnestColumn[] {
  return [
    column(
      'receipt_id',
      'uuid',
      receipts.map((r) => r.receiptId),
    ),
    column(
      'insurer_code',
      'text',
      receipts.map((r) => r.insurerCode),
    ),
    column(
      'kind',
      'text',
      receipts.map((r) => r.kind),
    ),
    column(
      'key',
      'text',
      receipts.map((r) => r.key),
    ),
    column(
      'version',
      'integer',
      receipts.map((r) => r.version),
    ),
    column(
      'sha256',
      'text',
      receipts.map((r) => r.sha256),
    ),
    column(
      'received_at',
      'timestamptz',
      receipts.map((r) => r.receivedAt),
    ),
    column(
      'signature',
      'text',
      receipts.map((r) => r.signature),
    ),
  ]
}

function column(name: string, sqlType: string, values: unknown[]): UnnestColumn {
  return {
    name,
    sqlType,
    values: values.map((v) => (v instanceof Date ? v.toISOString() : v)),
  }
}

function insertFrom(table: string, columns: UnnestColumn[], prefix: string): SQL {
  const names = columns.map((c) => sql.identifier(c.name))
  const values = columns.map(unnestValue)
  return sql`insert into ${sql.identifier(table)} (${sql.join(names, sql`, `)})
    select ${sql.join(values, sql`, `)} from ${unnestPlaceholders(columns, prefix)}`
}

export async function findReceipt(db: Database, receiptId: string) {
  const rows = await queryRows<{
    receipt_id: string
    insurer_code: string
    kind: string
    key: string
    version: number | null
    sha256: string
    received_at: string
    signature: string
  }>(db, sql`select * from receipts where receipt_id = ${receiptId}::uuid`)
  return rows[0]
}
