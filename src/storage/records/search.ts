import { type SQL, sql } from 'drizzle-orm'
import type { StoredRecord } from '../../domain/records/kind.js'
import type { RecordKindName } from '../../domain/records/kinds.js'
import { type Database, queryRows } from '../database.js'
import { type RecordRow, recordRowColumns, toStoredRecord } from './record-store.js'
import { recordTable } from './record-tables.js'
import { type FilterContext, kindFilters } from './search-filters.js'

/**
 * What the caller may see at all, from the verified token, never from the query. A region
 * prefix leaves out records with no region, which province-level readers (no prefix) see.
 */
export interface ReadScope {
  insurerCode?: string
  regionPrefix?: string
}

export interface SearchFilters {
  insurerCode?: string
  regionPrefix?: string
  industry?: string
  status?: string
  updatedSince?: string
  /** Kind-specific filters by name (`level`, `overdue`, `type`, `year`). */
  extra: Record<string, string | number | boolean>
}

export interface SearchPage {
  records: StoredRecord[]
  /** The id to continue after, when there may be more. */
  nextAfter: number | undefined
}

/**
 * One page of a kind's current records, in id order. Ids never change, so paging by "after
 * this id" neither repeats nor skips a record while others are written.
 */
export async function searchRecords(
  db: Database,
  kind: RecordKindName,
  scope: ReadScope,
  filters: SearchFilters,
  page: { after: number; limit: number },
  context: FilterContext,
): Promise<SearchPage> {
  const conditions = [
    ...scopeConditions(scope),
    ...commonConditions(filters),
    ...Object.entries(filters.extra).map(([name, value]) => {
      const filter = kindFilters[kind][name]
      if (!filter) throw new Error(`unknown filter ${name} for ${kind}`)
      return filter(value, context)
    }),
    sql`id > ${page.after}`,
  ]

  const rows = await queryRows<RecordRow & { id: string }>(
    db,
    sql`select id, ${recordRowColumns} from ${sql.identifier(recordTable(kind).name)}
        where ${sql.join(conditions, sql` and `)}
        order by id limit ${page.limit + 1}`,
  )

  const more = rows.length > page.limit
  const shown = more ? rows.slice(0, page.limit) : rows
  return {
    records: shown.map((row) => toStoredRecord(kind, row)),
    nextAfter: more ? Number(shown.at(-1)?.id) : undefined,
  }
}

export function scopeConditions(scope: ReadScope): SQL[] {
  const conditions: SQL[] = []
  if (scope.insurerCode) conditions.push(sql`insurer_code = ${scope.insurerCode}`)
  if (scope.regionPrefix) conditions.push(sql`region_code like ${`${scope.regionPrefix}%`}`)
  return conditions
}

function commonConditions(filters: SearchFilters): SQL[] {
  const conditions: SQL[] = []
  if (filters.insurerCode) conditions.push(sql`insurer_code = ${filters.insurerCode}`)
  if (filters.regionPrefix) {
    conditions.push(sql`region_code like ${`${filters.regionPrefix}%`}`)
  }
  if (filters.industry) conditions.push(sql`industry = ${filters.industry}`)
  if (filters.status) conditions.push(sql`status = ${filters.status}`)
  if (filters.updatedSince) {
    conditions.push(sql`updated_at >= ${filters.updatedSince}::timestamptz`)
  }
  return conditions
}
