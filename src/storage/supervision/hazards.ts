import { sql } from 'drizzle-orm'
import type { StoredRecord } from '../../domain/records/kind.js'
import type { ViewRequest } from '../../supervision/grouping.js'
import { type Database, queryRows } from '../database.js'
import { type RecordRow, recordRowColumns, toStoredRecord } from '../records/record-store.js'
import {
  type DeadlineContext,
  type HazardList,
  hazardLists,
  isNotifiedLate,
  isOverdue,
  isOverdueUnreported,
} from './hazard-conditions.js'
import { groupKey, inScope, instantInYear } from './view-sql.js'

export interface HazardLoopRow {
  group_key: string | null
  found: number
  major: number
  general: number
  status_found: number
  status_notified: number
  status_rectifying: number
  status_rectified: number
  status_closed: number
  overdue: number
  overdue_unreported: number
  notified_late: number
}

/** The closed loop of the hazards found in the year, counted per group. */
export async function countHazardLoop(
  db: Database,
  view: ViewRequest,
  context: DeadlineContext,
): Promise<HazardLoopRow[]> {
  const { year, groupBy, scope } = view
  const counted = (condition: ReturnType<typeof sql>) =>
    sql`count(*) filter (where ${condition})::int`
  const inStatus = (status: string) => counted(sql`h.status = ${status}`)

  return queryRows<HazardLoopRow>(
    db,
    sql`select ${groupKey('h', groupBy)} as group_key,
               count(*)::int as found,
               ${counted(sql`h.level = 'major'`)} as major,
               ${counted(sql`h.level = 'general'`)} as general,
               ${inStatus('found')} as status_found,
               ${inStatus('notified')} as status_notified,
               ${inStatus('rectifying')} as status_rectifying,
               ${inStatus('rectified')} as status_rectified,
               ${inStatus('closed')} as status_closed,
               ${counted(isOverdue(context))} as overdue,
               ${counted(isOverdueUnreported(context))} as overdue_unreported,
               ${counted(isNotifiedLate(context))} as notified_late
        from hazards h
        where ${inScope('h', scope)} and ${instantInYear('h', 'found_at', year)}
        group by 1
        order by 1 nulls last`,
  )
}

/** The hazards of the year on one list, oldest found first, at most `limit`. */
export async function listHazards(
  db: Database,
  view: ViewRequest,
  context: DeadlineContext,
  list: HazardList,
  limit: number,
): Promise<StoredRecord[]> {
  const { year, scope } = view
  const rows = await queryRows<RecordRow>(
    db,
    sql`select ${recordRowColumns} from hazards h
        where ${inScope('h', scope)} and ${instantInYear('h', 'found_at', year)}
          and ${hazardLists[list](context)}
        order by h.found_at, h.id
        limit ${limit}`,
  )
  return rows.map((row) => toStoredRecord('hazards', row))
}
