import { type SQL, sql } from 'drizzle-orm'
import { type Database, queryRows } from '../database.js'
import type { ReadScope } from '../records/search.js'
import { cellInScope, chinaDate, dateInYear, inScope, instantInYear } from './view-sql.js'

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
          select p.insurer_code, sum(p.policies) as policies, 0 as services, 0 as major_hazards,
                 0 as major_rectified, 0 as major_reported
          from policy_figures p
          where p.year = ${year} and ${cellInScope('p', scope)}
          group by 1
          having sum(p.policies) > 0
          union all
          select s.insurer_code, 0, sum(s.delivered), 0, 0, 0
          from service_figures s
          where s.year = ${year} and ${cellInScope('s', scope)}
          group by 1
          having sum(s.delivered) > 0
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
 * platform first received within SUBMISSION_DAYS of that date (China Standard Time; the
 * database's `azx_submission_days()`). Policies and services are counted on write into their
 * figures tables; the smaller kinds are counted here.
 */
export async function countTimeliness(
  db: Database,
  year: number,
  scope: ReadScope,
): Promise<TimelinessRow[]> {
  const received = (alias: string) => chinaDate(sql`${sql.identifier(alias)}.created_at`)
  const counted = (table: string, alias: string, businessDay: SQL, inYear: SQL) =>
    sql`select ${sql.identifier(alias)}.insurer_code, count(*) as records,
               count(*) filter (where ${received(alias)} - ${businessDay}
                                        <= azx_submission_days()) as on_time
        from ${sql.identifier(table)} ${sql.identifier(alias)}
        where ${inScope(alias, scope)} and ${inYear}
        group by 1`
  const summed = (table: string, records: string) =>
    sql`select f.insurer_code, sum(f.${sql.identifier(records)}) as records,
               sum(f.on_time) as on_time
        from ${sql.identifier(table)} f
        where f.year = ${year} and ${cellInScope('f', scope)}
        group by 1`

  const branches = [
    summed('policy_figures', 'policies'),
    summed('service_figures', 'records'),
    counted(
      'claims',
      'c',
      chinaDate(sql`(c.body->>'reportedAt')::timestamptz`),
      instantInYear('c', 'occurred_at', year),
    ),
    counted('hazards', 'h', chinaDate(sql`h.found_at`), instantInYear('h', 'found_at', year)),
    counted('ledger_entries', 'l', sql`l.booked_at`, dateInYear('l', 'booked_at', year)),
  ]

  return queryRows<TimelinessRow>(
    db,
    sql`select insurer_code, sum(records)::int as records, sum(on_time)::int as on_time
        from (${sql.join(branches, sql` union all `)}) received
        group by 1
        having sum(records) > 0
        order by 1`,
  )
}
