import { type SQL, sql } from 'drizzle-orm'
import type { GroupBy } from '../../supervision/grouping.js'
import type { ReadScope } from '../records/search.js'

/**
 * SQL pieces every supervision query shares. Each takes the alias of the record table it
 * reads, so that a query joining two record tables says whose columns it means.
 */

/** The group key of a row; a region groups by its city, the first four digits and `00`. */
export function groupKey(alias: string, groupBy: GroupBy): SQL {
  const table = sql.identifier(alias)
  if (groupBy === 'insurer') return sql`${table}.insurer_code`
  if (groupBy === 'industry') return sql`${table}.industry`
  return sql`left(${table}.region_code, 4) || '00'`
}

/**
 * The records a figure counts: not voided (SPEC §6), in the caller's part of the province as
 * in searches (records without a region are seen province-wide only).
 */
export function inScope(alias: string, scope: ReadScope): SQL {
  return sql`not ${sql.identifier(alias)}.voided and ${cellInScope(alias, scope)}`
}

/** The rows of a figures table (src/storage/tables/figures.ts) in the caller's part. */
export function cellInScope(alias: string, scope: ReadScope): SQL {
  const table = sql.identifier(alias)
  const conditions = [sql`true`]
  if (scope.insurerCode) conditions.push(sql`${table}.insurer_code = ${scope.insurerCode}`)
  if (scope.regionPrefix) {
    conditions.push(sql`${table}.region_code like ${`${scope.regionPrefix}%`}`)
  }
  return sql.join(conditions, sql` and `)
}

/** The `scope` of unit_figures a caller reads: '' for the whole province. */
export function unitScope(scope: ReadScope): string {
  return scope.regionPrefix ?? ''
}

/** A `date` column inside a calendar year, written as a range so that an index serves it. */
export function dateInYear(alias: string, column: string, year: number): SQL {
  const id = sql`${sql.identifier(alias)}.${sql.identifier(column)}`
  return sql`${id} >= ${`${year}-01-01`}::date and ${id} < ${`${year + 1}-01-01`}::date`
}

/** A `timestamptz` column inside a calendar year in China Standard Time. */
export function instantInYear(alias: string, column: string, year: number): SQL {
  const id = sql`${sql.identifier(alias)}.${sql.identifier(column)}`
  const [from, to] = [yearStart(year), yearStart(year + 1)]
  return sql`${id} >= ${from}::timestamptz and ${id} < ${to}::timestamptz`
}

export function yearStart(year: number): string {
  return `${year}-01-01T00:00:00+08:00`
}

/** The calendar day of an instant in China Standard Time, whatever the session's time zone. */
export function chinaDate(instant: SQL): SQL {
  return sql`((${instant}) at time zone 'UTC' + interval '8 hours')::date`
}

/** Money summed exactly, answered as a decimal string with 2 decimals ("0.00" when none). */
export function money(sum: SQL): SQL {
  return sql`round(coalesce(${sum}, 0), 2)::text`
}
