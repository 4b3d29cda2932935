import { type SQL, sql } from 'drizzle-orm'
import { type Database, queryRows } from '../database.js'

export interface CoverageQuery {
  /** The day a unit must be covered on, YYYY-MM-DD. */
  on: string
  /** Registry units whose region starts with this; all when absent. */
  regionPrefix?: string
}

/**
 * A unit is covered on a day when a policy of any insurer is in force for it: not voided, the
 * day inside its period, and not terminated before that day. Insurers never narrow this: a
 * unit insured by anyone is insured. The first test reads the index `policies_coverage` only;
 * the second, the few terminated policies (index `policies_terminated`) and their bodies.
 */
function coveredUnterminated(on: string): SQL {
  return sql`exists (select 1 from policies p where ${inPeriod(on)} and p.status <> 'terminated')`
}

function coveredUntilTermination(on: string): SQL {
  return sql`exists (select 1 from policies p where ${inPeriod(on)} and p.status = 'terminated'
                     and (p.body->>'terminatedAt')::date > ${on}::date)`
}

function inPeriod(on: string): SQL {
  return sql`p.credit_code = r.credit_code and not p.voided
    and p.period_end >= ${on}::date and p.period_start <= ${on}::date`
}

function isCovered(on: string): SQL {
  return sql`(${coveredUnterminated(on)} or ${coveredUntilTermination(on)})`
}

function inRegion(regionPrefix: string | undefined): SQL {
  return regionPrefix ? sql`r.region_code like ${`${regionPrefix}%`}` : sql`true`
}

export interface CoverageCountRow {
  group_key: string
  registered: number
  covered: number
}

/**
 * Registered and covered units per city (`region`) or per industry. Each test runs as a semi
 * join of its own, in parallel, where one filter with both would probe the policies twice for
 * every uncovered unit, one unit after another.
 */
export async function countCoverage(
  db: Database,
  query: CoverageQuery,
  groupBy: 'region' | 'industry',
): Promise<CoverageCountRow[]> {
  const key = groupBy === 'region' ? sql`left(r.region_code, 4) || '00'` : sql`r.industry`
  const registry = sql`registry_enterprises r where ${inRegion(query.regionPrefix)}`
  const { on } = query

  return queryRows<CoverageCountRow>(
    db,
    sql`select group_key, sum(registered)::int as registered, sum(covered)::int as covered
        from (
          select ${key} as group_key, count(*) as registered, 0 as covered
          from ${registry}
          group by 1
          union all
          select ${key}, 0, count(*)
          from ${registry} and ${coveredUnterminated(on)}
          group by 1
          union all
          select ${key}, 0, count(*)
          from ${registry} and ${coveredUntilTermination(on)}
            and not ${coveredUnterminated(on)}
          group by 1
        ) counts
        group by 1
        order by 1`,
  )
}

export interface CoverageGapRow {
  credit_code: string
  name: string
  region_code: string
  industry: string
}

/** One page of uncovered units, in credit-code order after `after`. */
export async function findCoverageGaps(
  db: Database,
  query: CoverageQuery,
  page: { after: string | undefined; limit: number },
): Promise<CoverageGapRow[]> {
  const after = page.after ? sql`r.credit_code > ${page.after}` : sql`true`
  return queryRows<CoverageGapRow>(
    db,
    sql`select r.credit_code, r.name, r.region_code, r.industry
        from registry_enterprises r
        where ${inRegion(query.regionPrefix)} and ${after} and not ${isCovered(query.on)}
        order by r.credit_code
        limit ${page.limit}`,
  )
}
