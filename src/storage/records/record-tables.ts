import { getTableColumns, getTableName } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { RecordKindName } from '../../domain/records/kinds.js'
import { recordColumns } from '../tables/record-columns.js'
import { claims, hazards, ledgerEntries, policies, services } from '../tables/records.js'

export interface ColumnInfo {
  /** The TypeScript property name, as the domain's `columns()` keys them. */
  property: string
  name: string
  sqlType: string
}

export interface RecordTable {
  table: PgTable
  name: string
  /** Every column but the generated id, in a fixed order. */
  columns: ColumnInfo[]
  /** The columns of this kind alone (after the shared ones). */
  kindColumns: ColumnInfo[]
}

const tables: Record<RecordKindName, PgTable> = {
  policies,
  claims,
  services,
  hazards,
  'ledger-entries': ledgerEntries,
}

const sharedProperties = new Set(Object.keys(recordColumns()))

function describe(table: PgTable): RecordTable {
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>)
    .filter(([property]) => property !== 'id')
    .map(([property, column]) => ({ property, name: column.name, sqlType: column.getSQLType() }))

  return {
    table,
    name: getTableName(table),
    columns,
    kindColumns: columns.filter((c) => !sharedProperties.has(c.property)),
  }
}

const described = Object.fromEntries(
  Object.entries(tables).map(([kind, table]) => [kind, describe(table)]),
) as Record<RecordKindName, RecordTable>

export function recordTable(kind: RecordKindName): RecordTable {
  return described[kind]
}
