import { sql } from 'drizzle-orm'
import type { ViewRequest } from '../../supervision/grouping.js'
import { type Database, queryRows } from '../database.js'
import { cellInScope, dateInYear, groupKey, inScope, money } from './view-sql.js'

/** One group's sums, exact decimal strings with 2 decimals. */
export interface SpendRow {
  group_key: string | null
  premium_collected: string
  budget: string
  spent: string
  unlinked_expenses: number
}

/**
 * Premium collected on the policies issued in the year (policy_figures), and the ledger booked
 * in the year: budgets, spending (expenses and adjustments), and expenses whose service is
 * missing or voided. Ledger entries take the region of the service they pay for (SPEC §2).
 */
export async function sumPreventionSpend(db: Database, view: ViewRequest): Promise<SpendRow[]> {
  return queryRows<SpendRow>(db, spendStatement(view, { unlinked: true }))
}

/**
 * The same sums without the expenses' services (`unlinked_expenses` is 0): finding an expense's
 * service joins every service, the dearest part of the view, which the evaluation does not use.
 */
export async function sumPremiumAndSpend(db: Database, view: ViewRequest): Promise<SpendRow[]> {
  return queryRows<SpendRow>(db, spendStatement(view, { unlinked: false }))
}

function spendStatement(view: ViewRequest, options: { unlinked: boolean }) {
  const { year, groupBy, scope } = view
  const unlinked = options.unlinked
    ? sql`count(*) filter (where l.entry_kind = 'expense' and (s.id is null or s.voided))`
    : sql`0`
  const services = options.unlinked
    ? sql`left join services s on s.insurer_code = l.insurer_code and s.key = l.service_no`
    : sql``

  return sql`with premiums as (
          select ${groupKey('f', groupBy)} as group_key,
                 sum(f.premium_collected) as premium_collected
          from policy_figures f
          where f.year = ${year} and ${cellInScope('f', scope)}
          group by 1
          having sum(f.policies) > 0
        ),
        ledger as (
          select ${groupKey('l', groupBy)} as group_key,
                 sum(l.amount) filter (where l.entry_kind = 'budget') as budget,
                 sum(l.amount) filter (where l.entry_kind in ('expense', 'adjustment')) as spent,
                 ${unlinked} as unlinked_expenses
          from ledger_entries l
          ${services}
          where ${inScope('l', scope)} and ${dateInYear('l', 'booked_at', year)}
          group by 1
        ),
        both_sides as (
          select group_key, premium_collected, null::numeric as budget, null::numeric as spent,
                 0::bigint as unlinked_expenses
          from premiums
          union all
          select group_key, null, budget, spent, unlinked_expenses from ledger
        )
        select group_key,
               ${money(sql`sum(premium_collected)`)} as premium_collected,
               ${money(sql`sum(budget)`)} as budget,
               ${money(sql`sum(spent)`)} as spent,
               sum(unlinked_expenses)::int as unlinked_expenses
        from both_sides
        group by group_key
        order by group_key nulls last`
}
