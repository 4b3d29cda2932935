import type { Config } from '../../config.js'
import { addDays, chinaDay } from '../values/time.js'
import { instant } from './common-rules.js'
import type { RecordBody } from './kind.js'

/** A hazard as its deadlines see it. */
interface HazardTimes {
  level: string
  status: string
  voided?: boolean
  foundAt: string
  notification?: { notifiedAt: string }
  rectificationDeadline?: string
  authorityReport?: { reportedAt: string }
}

/** Once rectified (or closed), the rectification deadline no longer runs. */
const settledStatuses = new Set(['rectified', 'closed'])

const HOUR_MS = 3_600_000

export interface HazardDeadlines {
  overdue: boolean
  overdueUnreported: boolean
  notifiedLate: boolean
}

/**
 * The closed-loop figures of SPEC §4.4, computed at `now` on every read: a hazard becomes
 * overdue by the passing of time alone, without any write. A withdrawn (voided) record is none
 * of these, so that it leaves the regulators' lists.
 */
export function deriveHazardDeadlines(
  body: RecordBody,
  config: Pick<Config, 'hazardNotifyHours' | 'hazardReportGraceDays'>,
  now: Date,
): HazardDeadlines {
  const hazard = body as unknown as HazardTimes
  return {
    overdue: isOverdue(hazard, now),
    overdueUnreported: isOverdueUnreported(hazard, config.hazardReportGraceDays, now),
    notifiedLate: isNotifiedLate(hazard, config.hazardNotifyHours, now),
  }
}

/**
 * The deadline has passed and the hazard is not rectified. The deadline is a date of the
 * province, so its day counts in China Standard Time and is itself still in time. The search
 * filter `overdue` (storage/records/search-filters.ts) states the same rule in SQL.
 */
function isOverdue(hazard: HazardTimes, now: Date): boolean {
  if (hazard.voided === true || settledStatuses.has(hazard.status)) return false
  const deadline = hazard.rectificationDeadline
  return deadline !== undefined && chinaDay(now) > deadline
}

/**
 * Overdue, and not reported to the authority by the end of the grace days after the deadline
 * (provincial notice: hazards not rectified in time are reported to the emergency-management
 * or industry department). A report made after the grace days does not undo the breach.
 */
function isOverdueUnreported(hazard: HazardTimes, graceDays: number, now: Date): boolean {
  if (!isOverdue(hazard, now) || hazard.rectificationDeadline === undefined) return false

  const lastDay = addDays(hazard.rectificationDeadline, graceDays)
  if (chinaDay(now) <= lastDay) return false

  const report = hazard.authorityReport
  return report === undefined || chinaDay(report.reportedAt) > lastDay
}

/**
 * A major hazard notified more than `hours` after it was found; or, while it has not been
 * notified at all, once `hours` have passed, since no later notice can then be in time.
 */
function isNotifiedLate(hazard: HazardTimes, hours: number, now: Date): boolean {
  if (hazard.voided === true || hazard.level !== 'major') return false
  const limit = instant(hazard.foundAt) + hours * HOUR_MS
  const notifiedAt = hazard.notification?.notifiedAt
  return (notifiedAt === undefined ? now.getTime() : instant(notifiedAt)) > limit
}

/** What the stored `notified_late` flag records: a notice that, as written, came too late. */
export function isNotificationLate(body: RecordBody, hours: number): boolean {
  const hazard = body as unknown as HazardTimes
  const notifiedAt = hazard.notification?.notifiedAt
  if (hazard.level !== 'major' || notifiedAt === undefined) return false
  return instant(notifiedAt) > instant(hazard.foundAt) + hours * HOUR_MS
}
