import type { Config } from '../config.js'
import type { StoredRecord } from '../domain/records/kind.js'
import { type RecordView, toRecordView } from '../domain/records/views.js'
import { chinaDay } from '../domain/values/time.js'
import type { Database } from '../storage/database.js'
import type { HazardList } from '../storage/supervision/hazard-conditions.js'
import { countHazardLoop, type HazardLoopRow, listHazards } from '../storage/supervision/hazards.js'
import { ratioOf } from './figures.js'
import { groupOf, type ViewRequest } from './grouping.js'
import { hazardLoopRule } from './rules.js'

/** A list in an answer is bounded; the full one is a search (`GET /api/v1/hazards`) away. */
export const HAZARD_LIST_LIMIT = 1000

export interface HazardLoopRequest extends ViewRequest {
  list: HazardList | undefined
}

/** The major-hazard closed loop (SPEC §6), evaluated at the injected clock's `now`. */
export async function computeHazardLoop(
  db: Database,
  config: Config,
  request: HazardLoopRequest,
  now: Date,
) {
  const today = chinaDay(now)
  const context = {
    now,
    today,
    hazardNotifyHours: config.hazardNotifyHours,
    hazardReportGraceDays: config.hazardReportGraceDays,
  }
  const rows = await countHazardLoop(db, request, context)
  const listed = request.list
    ? await listHazards(db, request, context, request.list, HAZARD_LIST_LIMIT + 1)
    : undefined

  return {
    year: request.year,
    rule: hazardLoopRule(config, today),
    items: rows.map((row) => ({ ...groupOf(request.groupBy, row.group_key), ...loopItem(row) })),
    ...(request.list && listed
      ? { list: listOf(request.list, listed, (r) => toRecordView(r, { config, now })) }
      : {}),
  }
}

function loopItem(row: HazardLoopRow) {
  return {
    found: row.found,
    byLevel: { major: row.major, general: row.general },
    byStatus: {
      found: row.status_found,
      notified: row.status_notified,
      rectifying: row.status_rectifying,
      rectified: row.status_rectified,
      closed: row.status_closed,
    },
    overdue: row.overdue,
    overdueUnreported: row.overdue_unreported,
    notifiedLate: row.notified_late,
    rectificationRate: ratioOf(row.status_rectified + row.status_closed, row.found),
  }
}

function listOf(name: HazardList, records: StoredRecord[], view: (r: StoredRecord) => RecordView) {
  const truncated = records.length > HAZARD_LIST_LIMIT
  const shown = truncated ? records.slice(0, HAZARD_LIST_LIMIT) : records
  return { name, items: shown.map(view), truncated }
}
