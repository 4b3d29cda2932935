import { sql } from 'drizzle-orm'
import type { StoredRecord } from '../../domain/records/kind.js'
import type { RecordKindName } from '../../domain/records/kinds.js'
import { type Database, queryRows } from '../database.js'
import { type RecordRow, recordRowColumns, toStoredRecord } from './record-store.js'
import { recordTable } from './record-tables.js'

export async function findRecord(
  db: Database,
  kind: RecordKindName,
  insurerCode: string,
  key: string,
): Promise<StoredRecord | undefined> {
  const rows = await queryRows<RecordRow>(
    db,
    sql`select ${recordRowColumns} from ${sql.identifier(recordTable(kind).name)}
        where insurer_code = ${insurerCode} and key = ${key}`,
  )
  return rows[0] && toStoredRecord(kind, rows[0])
}

export interface VersionSummary {
  version: number
  sha256: string
  voided: boolean
  flags: string[]
  receiptId: string | null
  createdAt: Date
  receivedBy: string
}

/** Every version of a record, oldest first. */
export async function listVersions(
  db: Database,
  kind: RecordKindName,
  insurerCode: string,
  key: string,
): Promise<VersionSummary[]> {
  const rows = await queryRows<{
    version: number
    sha256: string
    voided: boolean
    flags: string[]
    receipt_id: string | null
    created_at: string
    received_by: string
  }>(
    db,
    sql`select version, sha256, voided, flags, receipt_id, created_at, received_by
        from record_versions
        where kind = ${kind} and insurer_code = ${insurerCode} and key = ${key}
        order by version`,
  )
  return rows.map((row) => ({
    version: row.version,
    sha256: row.sha256,
    voided: row.voided,
    flags: row.flags,
    receiptId: row.receipt_id,
    createdAt: new Date(row.created_at),
    receivedBy: row.received_by,
  }))
}

/**
 * One past version as a stored record. Its scope is the current one: a record's place in the
 * province is read from its current policy, whatever version is asked for.
 */
export async function findVersion(
  db: Database,
  kind: RecordKindName,
  insurerCode: string,
  key: string,
  version: number,
): Promise<StoredRecord | undefined> {
  const rows = await queryRows<RecordRow>(
    db,
    sql`select v.insurer_code, v.key, v.version, v.sha256, v.body, v.flags, v.voided,
               c.region_code, c.industry, c.credit_code,
               first.created_at, v.created_at as updated_at, v.received_by
        from record_versions v
        join ${sql.identifier(recordTable(kind).name)} c
          on c.insurer_code = v.insurer_code and c.key = v.key
        join record_versions first
          on first.kind = v.kind and first.insurer_code = v.insurer_code
         and first.key = v.key and first.version = 1
        where v.kind = ${kind} and v.insurer_code = ${insurerCode} and v.key = ${key}
          and v.version = ${version}`,
  )
  return rows[0] && toStoredRecord(kind, rows[0])
}
