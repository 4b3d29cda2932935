import { type SQL, sql } from 'drizzle-orm'
import type { RecordKindName } from '../../domain/records/kinds.js'

export interface FilterContext {
  /** Today in China Standard Time, as YYYY-MM-DD. */
  today: string
}

type FilterValue = string | number | boolean
type Filter = (value: FilterValue, context: FilterContext) => SQL

/** `column` inside calendar year `year`, written as a range so that an index serves it. */
function inYear(column: string, timestamp: boolean): Filter {
  return (year) => {
    const from = `${year}-01-01`
    const to = `${Number(year) + 1}-01-01`
    const id = sql.identifier(column)
    if (!timestamp) return sql`${id} >= ${from}::date and ${id} < ${to}::date`
    return sql`${id} >= ${`${from}T00:00:00+08:00`}::timestamptz
      and ${id} < ${`${to}T00:00:00+08:00`}::timestamptz`
  }
}

/** The filters each kind adds to the common ones of SPEC §5. */
export const kindFilters: Record<RecordKindName, Record<string, Filter>> = {
  policies: { year: inYear('issue_date', false) },
  claims: { year: inYear('occurred_at', true) },
  services: {
    type: (value) => sql`type = ${String(value)}`,
    year: inYear('started_at', true),
  },
  hazards: {
    level: (value) => sql`level = ${String(value)}`,
    year: inYear('found_at', true),
    // The same rule as the derived `overdue` (domain/records/hazard-deadlines.ts): the deadline
    // day itself is in time, a rectified or closed hazard is settled, a voided one withdrawn.
    overdue: (value, context) => {
      const overdue = sql`(rectification_deadline < ${context.today}::date
        and status not in ('rectified', 'closed') and not voided)`
      return value === true ? overdue : sql`not coalesce(${overdue}, false)`
    },
  },
  'ledger-entries': { year: (value) => sql`year = ${Number(value)}` },
}
