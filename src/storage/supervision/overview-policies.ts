import { sql } from 'drizzle-orm'
import type { ViewRequest } from '../../supervision/grouping.js'
import { type Database, queryRows } from '../database.js'
import { unitFiguresDifference } from './unit-figures.js'
import { cellInScope, dateInYear, groupKey, inScope, money, unitScope } from './view-sql.js'

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
 * period). Sums come from policy_figures, distinct units from unit_figures and the changes not
 * folded into it yet (./unit-figures.ts); only the policies in force today are counted from the
 * records, from the narrow index `policies_in_force`.
 */
export async function sumPolicyFigures(
  db: Database,
  view: ViewRequest,
  options: { today: string },
): Promise<PolicyFiguresRow[]> {
  const { year, groupBy, scope } = view
  const { today } = options

  return queryRows<PolicyFiguresRow>(
    db,
    sql`with figures as (
          select ${groupKey('f', groupBy)} as group_key,
                 sum(f.policies)::int as policies,
                 sum(f.insured_headcount)::text as insured_headcount,
                 ${money(sql`sum(f.premium)`)} as premium,
                 ${money(sql`sum(f.premium_collected)`)} as premium_collected,
                 sum(f.headcount_below_employees)::int as headcount_below_employees,
                 sum(f.limit_below_minimum)::int as limit_below_minimum,
                 sum(f.late_renewal)::int as late_renewal,
                 sum(f.commission_above_maximum)::int as commission_above_maximum,
                 sum(f.discounts)::int as discounts,
                 round(sum(f.discount_factor_sum) / nullif(sum(f.discounts), 0), 4)::text
                   as average_discount
          from policy_figures f
          where f.year = ${year} and ${cellInScope('f', scope)}
          group by 1
          having sum(f.policies) > 0
        ),
        in_force as (
          select ${groupKey('p', groupBy)} as group_key, count(*)::int as policies_in_force
          from policies p
          where p.status = 'in_force' and ${inScope('p', scope)}
            and ${dateInYear('p', 'issue_date', year)}
            and p.period_start <= ${today}::date and p.period_end >= ${today}::date
          group by 1
        ),
        units as (
          select u.group_key, sum(u.units)::int as enterprises
          from (select year, scope, group_by, group_key, units from unit_figures
                union all
                (${unitFiguresDifference(sql`select * from unit_changes where year = ${year}`)})) u
          where u.year = ${year} and u.scope = ${unitScope(scope)} and u.group_by = ${groupBy}
          group by 1
        )
        select f.*, coalesce(i.policies_in_force, 0) as policies_in_force,
               coalesce(u.enterprises, 0) as enterprises
        from figures f
        left join in_force i on i.group_key is not distinct from f.group_key
        left join units u on u.group_key is not distinct from f.group_key
        order by f.group_key nulls last`,
  )
}
