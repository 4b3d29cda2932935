import { type SQL, sql } from 'drizzle-orm'
import { chinaDate } from './view-sql.js'

/**
 * The hazard deadlines of SPEC §4.4 in SQL, over the typed columns of `hazards h`. They state
 * the rules of domain/records/hazard-deadlines.ts, which answers the same on every read.
 */
export interface DeadlineContext {
  /** The current instant, from the injected clock. */
  now: Date
  /** Its day in China Standard Time, YYYY-MM-DD. */
  today: string
  hazardNotifyHours: number
  hazardReportGraceDays: number
}

/** The deadline day itself is still in time; rectified and closed hazards are settled. */
export function isOverdue(context: DeadlineContext): SQL {
  return sql`(h.status not in ('rectified', 'closed')
    and h.rectification_deadline < ${context.today}::date)`
}

/** Overdue, and no authority report by the last grace day; a later report does not undo it. */
export function isOverdueUnreported(context: DeadlineContext): SQL {
  const lastDay = sql`(h.rectification_deadline + ${context.hazardReportGraceDays}::int)`
  return sql`(${isOverdue(context)} and ${lastDay} < ${context.today}::date
    and (h.authority_reported_at is null
         or ${chinaDate(sql`h.authority_reported_at`)} > ${lastDay}))`
}

/** A major hazard notified after the notify hours, or not notified once they have passed. */
export function isNotifiedLate(context: DeadlineContext): SQL {
  return sql`(h.level = 'major'
    and coalesce(h.notified_at, ${context.now.toISOString()}::timestamptz)
        > h.found_at + make_interval(hours => ${context.hazardNotifyHours}::int))`
}

export const hazardLists = {
  overdue: isOverdue,
  overdue_unreported: isOverdueUnreported,
  notified_late: isNotifiedLate,
} as const

export type HazardList = keyof typeof hazardLists
