import { type SQL, sql } from 'drizzle-orm'
import { type Database, queryRows } from '../database.js'
import type { ReadScope } from '../records/search.js'
import { chinaDate, dateInYear, inScope, instantInYear } from './view-sql.js'

export interface ActivityRow {
  insurer_code: string
  policies: number
  services: number
  major_hazards: number
  major_rectified: number
  major_reported: number
}

/** Per insurer: policies issued, services delivered, and the major hazards found in the year. */
export async function countInsurerActivity(
  db: Database,
  year: number,
  scope: ReadScope,
): Promise<ActivityRow[]> {
  return queryRows<ActivityRow>(
    db,
    sql`select insurer_code, sum(policies)::int as policies, sum(services)::int as services,
               sum(major_hazards)::int as major_hazards,
               sum(major_rectified)::int as major_rectified,
               sum(major_reported)::int as major_reported
        from (
          select p.insurer_code, count(*) as policies, 0 as services, 0 as major_hazards,
                 0 as major_rectified, 0 as major_reported
          from policies p
          where ${inScope('p', scope)} and ${dateInYear('p', 'issue_date', year)}
          group by 1
          union all
          select s.insurer_code, 0, count(*), 0, 0, 0
          from services s
          where ${inScope('s', scope)} and ${instantInYear('s', 'started_at', year)}
            and s.status in ('in_progress', 'completed')
          group by 1
          union all
          select h.insurer_code, 0, 0, count(*),
                 count(*) filter (where h.status in ('rectified', 'closed')),
                 count(*) filter (where h.authority_reported_at is not null)
          from hazards h
          where ${inScope('h', scope)} and ${instantInYear('h', 'found_at', year)}
            and h.level = 'major'
          group by 1
        ) figures
        group by 1
        order by 1`,
  )
}

export interface TimelinessRow {
  insurer_code: string
  records: number
  on_time: number
}

/**
 * Per insurer, the records whose business date falls in the year and how many of them the
 * platform first received within `days` days of that date (China Standard Time).
 */
export async function countTimeliness(
  db: Database,
  year: number,
  scope: ReadScope,
  days: number,
): Promise<TimelinessRow[]> {
  const received = (alias: string) => chinaDate(sql`${sql.identifier(alias)}.created_at`)
  const branch = (table: string, alias: string, businessDay: SQL, inYear: SQL) =>
    sql`select ${sql.identifier(alias)}.insurer_code,
               ${received(alias)} - ${businessDay} as delay
        from ${sql.identifier(table)} ${sql.identifier(alias)}
        where ${inScope(alias, scope)} and ${inYear}`

  const branches = [
    branch('policies', 'p', sql`p.issue_date`, dateInYear('p', 'issue_date', year)),
    branch(
      'claims',
      'c',
      chinaDate(sql`(c.body->>'reportedAt')::timestamptz`),
      instantInYear('c', 'occurred_at', year),
    ),
    branch('services', 's', chinaDate(sql`s.started_at`), instantInYear('s', 'started_at', year)),
    branch('hazards', 'h', chinaDate(sql`h.found_at`), instantInYear('h', 'found_at', year)),
    branch('ledger_entries', 'l', sql`l.booked_at`, dateInYear('l', 'booked_at', year)),
  ]

  return queryRows<TimelinessRow>(
    db,
    sql`select insurer_code, count(*)::int as records,
               count(*) filter (where delay <= ${days}::int)::int as on_time
        from (${sql.join(branches, sql` union all `)}) received
        group by 1
        order by 1`,
  )
}
