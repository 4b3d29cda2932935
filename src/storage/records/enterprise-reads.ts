import { type SQL, sql } from 'drizzle-orm'
import type { StoredRecord } from '../../domain/records/kind.js'
import type { RecordKindName } from '../../domain/records/kinds.js'
import { type Database, queryRows } from '../database.js'
import { type RecordRow, recordRowColumns, toStoredRecord } from './record-store.js'
import { recordTable } from './record-tables.js'
import { type ReadScope, scopeConditions } from './search.js'

/** Bounds what one enterprise page carries; a unit with more is an anomaly worth a search. */
const MAX_PER_KIND = 500

/** The current records of one kind about one insured unit, newest first, within a scope. */
export async function findEnterpriseRecords(
  db: Database,
  kind: RecordKindName,
  creditCode: string,
  scope: ReadScope,
): Promise<StoredRecord[]> {
  return findUnitRecords(db, kind, creditCode, scope, [])
}

/** The unit's hazards still in the closed loop: not closed, and not withdrawn. */
export async function findOpenHazards(
  db: Database,
  creditCode: string,
  scope: ReadScope,
): Promise<StoredRecord[]> {
  const open = [sql`status <> 'closed'`, sql`not voided`]
  return findUnitRecords(db, 'hazards', creditCode, scope, open)
}

async function findUnitRecords(
  db: Database,
  kind: RecordKindName,
  creditCode: string,
  scope: ReadScope,
  extra: SQL[],
): Promise<StoredRecord[]> {
  const conditions = [sql`credit_code = ${creditCode}`, ...scopeConditions(scope), ...extra]
  const rows = await queryRows<RecordRow>(
    db,
    sql`select ${recordRowColumns} from ${sql.identifier(recordTable(kind).name)}
        where ${sql.join(conditions, sql` and `)}
        order by updated_at desc, id desc limit ${MAX_PER_KIND}`,
  )
  return rows.map((row) => toStoredRecord(kind, row))
}

export interface RiskClass {
  insurerCode: string
  riskLevel: string
  serviceNo: string
  assessedAt: Date
}

/**
 * The risk class each insurer gave the unit (SPEC §4.3): its latest completed, non-voided
 * risk assessment, dated by when the assessment ended, or began when no end was sent.
 */
export async function findRiskClasses(
  db: Database,
  creditCode: string,
  scope: ReadScope,
): Promise<RiskClass[]> {
  const conditions = [
    sql`credit_code = ${creditCode}`,
    ...scopeConditions(scope),
    sql`type = 'risk_assessment'`,
    sql`status = 'completed'`,
    sql`not voided`,
    sql`risk_level is not null`,
  ]
  const rows = await queryRows<{
    insurer_code: string
    risk_level: string
    key: string
    assessed_at: string
  }>(
    db,
    sql`select distinct on (insurer_code)
               insurer_code, risk_level, key, coalesce(ended_at, started_at) as assessed_at
        from services
        where ${sql.join(conditions, sql` and `)}
        order by insurer_code, coalesce(ended_at, started_at) desc, id desc`,
  )
  return rows.map((row) => ({
    insurerCode: row.insurer_code,
    riskLevel: row.risk_level,
    serviceNo: row.key,
    assessedAt: new Date(row.assessed_at),
  }))
}
