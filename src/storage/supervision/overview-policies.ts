import { sql } from 'drizzle-orm'
import type { ViewRequest } from '../../supervision/grouping.js'
import { type Database, queryRows } from '../database.js'
import { dateInYear, groupKey, inScope, money } from './view-sql.js'

export interface PolicyFiguresRow {
  group_key: string | null
  policies: number
  policies_in_force: number
  enterprises: number
  insured_headcount: string
  premium: string
  premium_collected: string
  headcount_below_employees: number
  limit_below_minimum: number
  late_renewal: number
  commission_above_maximum: number
  discounts: number
  average_discount: string | null
}

/**
 * Underwriting figures of the policies issued in the year: cover, premium, compliance flags,
 * commissions above the maximum (refused on write today; older data may hold some) and the
 * downward rate floating for safety standardisation (the notice: compliant units pay less next
 * period). Typed columns only, all held by the index `policies_supervision`: no body is read.
 */
export async function sumPolicyFigures(
  db: Database,
  view: ViewRequest,
  options: { today: string; maxCommissionRate: string },
): Promise<PolicyFiguresRow[]> {
  const { year, groupBy, scope } = view
  const { today, maxCommissionRate } = options
  const flagged = (code: string) => sql`count(*) filter (where ${code} = any(p.flags))::int`
  const discount = sql`p.standardization_factor < 0`

  const inYear = sql`${inScope('p', scope)} and ${dateInYear('p', 'issue_date', year)}`

  // Units are counted apart: a DISTINCT inside the other aggregates would sort every row,
  // where these run in parallel and the distinct units hash.
  return queryRows<PolicyFiguresRow>(
    db,
    sql`with figures as (
          select ${groupKey('p', groupBy)} as group_key,
                 count(*)::int as policies,
                 count(*) filter (where p.status = 'in_force'
                                    and p.period_start <= ${today}::date
                                    and p.period_end >= ${today}::date)::int
                   as policies_in_force,
                 coalesce(sum(p.insured_headcount), 0)::text as insured_headcount,
                 ${money(sql`sum(p.premium)`)} as premium,
                 ${money(sql`sum(p.premium_collected)`)} as premium_collected,
                 ${flagged('headcount_below_employees')} as headcount_below_employees,
                 ${flagged('limit_below_minimum')} as limit_below_minimum,
                 ${flagged('late_renewal')} as late_renewal,
                 count(*) filter (where p.commission_rate > ${maxCommissionRate}::numeric)::int
                   as commission_above_maximum,
                 count(*) filter (where ${discount})::int as discounts,
                 round(avg(p.standardization_factor) filter (where ${discount}), 4)::text
                   as average_discount
          from policies p
          where ${inYear}
          group by 1
        ),
        units as (
          select group_key, count(*)::int as enterprises
          from (select distinct ${groupKey('p', groupBy)} as group_key, p.credit_code
                from policies p where ${inYear}) distinct_units
          group by 1
        )
        select f.*, coalesce(u.enterprises, 0) as enterprises
        from figures f left join units u on u.group_key is not distinct from f.group_key
        order by f.group_key nulls last`,
  )
}
