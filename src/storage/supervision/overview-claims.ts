import { sql } from 'drizzle-orm'
import type { ViewRequest } from '../../supervision/grouping.js'
import { type Database, queryRows } from '../database.js'
import { groupKey, inScope, instantInYear, money } from './view-sql.js'

export interface ClaimFiguresRow {
  group_key: string | null
  claims: number
  paid: string
  reserved: string
  deaths: number
  injuries: number
}

/** Claims whose accident happened in the year; reserves count while the claim is open. */
export async function sumClaimFigures(db: Database, view: ViewRequest): Promise<ClaimFiguresRow[]> {
  const { year, groupBy, scope } = view
  return queryRows<ClaimFiguresRow>(
    db,
    sql`select ${groupKey('c', groupBy)} as group_key,
               count(*)::int as claims,
               ${money(sql`sum(c.paid_amount) filter (where c.status = 'paid')`)} as paid,
               ${money(sql`sum(c.reserve) filter (
                 where c.status in ('reported', 'registered', 'assessed'))`)} as reserved,
               coalesce(sum(c.deaths), 0)::int as deaths,
               coalesce(sum(c.injuries), 0)::int as injuries
        from claims c
        where ${inScope('c', scope)} and ${instantInYear('c', 'occurred_at', year)}
        group by 1
        order by 1 nulls last`,
  )
}
