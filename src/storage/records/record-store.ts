import { sql } from 'drizzle-orm'
import type { StoredRecord } from '../../domain/records/kind.js'
import type { RecordKindName } from '../../domain/records/kinds.js'
import { type Database, queryRows } from '../database.js'
import { type PreparedStatement, preparedOnce, runPrepared } from '../prepared-statement.js'
import { type ColumnInfo, recordTable } from './record-tables.js'
import { unnestParams, unnestPlaceholders, unnestValue } from './unnest.js'

export interface RecordRow {
  insurer_code: string
  key: string
  version: number
  sha256: string
  body: Record<string, unknown>
  flags: string[]
  voided: boolean
  region_code: string | null
  industry: string | null
  credit_code: string | null
  created_at: string
  updated_at: string
  received_by: string
}

export const recordRowColumns = sql.raw(
  'insurer_code, key, version, sha256, body, flags, voided, region_code, industry, credit_code, ' +
    'created_at, updated_at, received_by',
)

export function toStoredRecord(kind: RecordKindName, row: RecordRow): StoredRecord {
  return {
    kind,
    insurerCode: row.insurer_code,
    key: row.key,
    version: row.version,
    sha256: row.sha256,
    body: row.body,
    voided: row.voided,
    flags: row.flags,
    scope: { regionCode: row.region_code, industry: row.industry, creditCode: row.credit_code },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    receivedBy: row.received_by,
  }
}

/**
 * The current versions of some records of one insurer. With `lock`, the rows stay locked until
 * the transaction ends, so that concurrent writers of the same record take turns.
 */
export async function loadRecords(
  db: Database,
  kind: RecordKindName,
  insurerCode: string,
  keys: string[],
  options: { lock: boolean },
): Promise<StoredRecord[]> {
  const [onlyKey, ...others] = keys
  if (onlyKey === undefined) return []
  const table = sql.identifier(recordTable(kind).name)
  const lock = options.lock ? sql` for update` : sql``

  // One key (a single write, a claim's policy) is a unique-index lookup whatever the key, so
  // its statement is prepared once; a key list is planned afresh each time, since a generic
  // plan cannot hash a parameter array: for a batch of 1,000 keys it compared every row with
  // every key (about 100 ms a batch).
  const rows =
    others.length === 0
      ? await runPrepared<RecordRow>(db, loadOneStatement(kind, options.lock), {
          insurerCode,
          key: onlyKey,
        })
      : await queryRows<RecordRow>(
          db,
          sql`select ${recordRowColumns} from ${table}
            where insurer_code = ${insurerCode} and key = any(${sql.param(keys)}::text[])${lock}`,
        )
  return rows.map((row) => toStoredRecord(kind, row))
}

function loadOneStatement(kind: RecordKindName, lock: boolean): PreparedStatement {
  return preparedOnce(`${lock ? 'lock' : 'load'} ${kind}`, () => {
    const table = sql.identifier(recordTable(kind).name)
    return sql`select ${recordRowColumns} from ${table}
      where insurer_code = ${sql.placeholder('insurerCode')}
        and key = ${sql.placeholder('key')}${lock ? sql` for update` : sql``}`
  })
}

export interface RecordWrite {
  record: StoredRecord
  /** The version replaced; absent for a new record. */
  previousVersion: number | undefined
  columns: Record<string, unknown>
}

/** A concurrent writer got there first; the caller retries with fresh state. */
export class ConcurrentWriteError extends Error {
  constructor() {
    super('a concurrent write changed the same records')
    this.name = 'ConcurrentWriteError'
  }
}

/** Stores the new current versions of one kind: new records inserted, others updated. */
export async function saveRecords(
  db: Database,
  kind: RecordKindName,
  insurerCode: string,
  writes: RecordWrite[],
): Promise<void> {
  const created = writes.filter((w) => w.previousVersion === undefined)
  const replaced = writes.filter((w) => w.previousVersion !== undefined)
  const { columns } = recordTable(kind)

  if (created.length > 0) {
    const values = unnestParams(feedColumns(columns, insurerCode, created))
    const rows = await runPrepared(db, insertStatement(kind), values)
    if (rows.length !== created.length) throw new ConcurrentWriteError()
  }
  if (replaced.length > 0) {
    const values = unnestParams([
      ...feedColumns(columns, insurerCode, replaced),
      { ...previousVersion, values: replaced.map((w) => w.previousVersion) },
    ])
    const rows = await runPrepared(db, updateStatement(kind), values)
    if (rows.length !== replaced.length) throw new ConcurrentWriteError()
  }
}

const previousVersion = { name: 'previous_version', sqlType: 'integer' }

function insertStatement(kind: RecordKindName): PreparedStatement {
  return preparedOnce(`insert ${kind}`, () => {
    const { name, columns } = recordTable(kind)
    const names = sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    )
    const values = sql.join(columns.map(unnestValue), sql`, `)
    return sql`insert into ${sql.identifier(name)} (${names})
      select ${values} from ${unnestPlaceholders(columns)}
      on conflict (insurer_code, key) do nothing
      returning key`
  })
}

function updateStatement(kind: RecordKindName): PreparedStatement {
  return preparedOnce(`update ${kind}`, () => {
    const { name, columns } = recordTable(kind)
    const fixed = new Set(['insurer_code', 'key', 'created_at'])
    const assignments = columns
      .filter((c) => !fixed.has(c.name))
      .map((c) => sql`${sql.identifier(c.name)} = ${unnestValue(c)}`)

    return sql`update ${sql.identifier(name)} as t set ${sql.join(assignments, sql`, `)}
      from ${unnestPlaceholders([...columns, previousVersion])}
      where t.insurer_code = u.insurer_code and t.key = u.key
        and t.version = u.previous_version
      returning t.key`
  })
}

function feedColumns(columns: ColumnInfo[], insurerCode: string, writes: RecordWrite[]) {
  return columns.map((column) => ({
    name: column.name,
    sqlType: column.sqlType,
    values: writes.map((write) => columnValue(column.property, insurerCode, write)),
  }))
}

/** The value a column of the record table takes for a write. */
export function columnValue(property: string, insurerCode: string, write: RecordWrite): unknown {
  const { record } = write
  switch (property) {
    case 'insurerCode':
      return insurerCode
    case 'key':
      return record.key
    case 'version':
      return record.version
    case 'sha256':
      return record.sha256
    case 'body':
      return record.body
    case 'flags':
      return record.flags
    case 'voided':
      return record.voided
    case 'status':
      return record.body.status ?? null
    case 'regionCode':
      return record.scope.regionCode
    case 'industry':
      return record.scope.industry
    case 'creditCode':
      return record.scope.creditCode
    case 'createdAt':
      return record.createdAt.toISOString()
    case 'updatedAt':
      return record.updatedAt.toISOString()
    case 'receivedBy':
      return record.receivedBy
    default:
      return write.columns[property] ?? null
  }
}
