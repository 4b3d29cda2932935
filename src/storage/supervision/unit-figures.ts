import { type SQL, sql } from 'drizzle-orm'
import { type Database, queryRows } from '../database.js'

/**
 * Distinct insured units per scope and grouping (unit_figures), kept from unit_changes, which
 * the policy triggers append to. A unit counts once in a cell however many policies it holds
 * there, so a change moves a count only when it gives a unit its first live policy in a cell or
 * takes its last. Deciding that needs the unit's other policies, and two writers deciding it at
 * once for one unit would each miss the other's; so writers only append, and the folder, one
 * at a time, decides for every unit it folds from unit_policies, a few rows per unit.
 */

/** Units folded per pass: a backlog (a bulk load, say) is folded over several passes. */
const UNITS_PER_PASS = 20_000

/**
 * The counts by which `changes` (rows shaped as unit_changes) move unit_figures: for each unit
 * they touch, the cells it counts in with them less those it counts in without, from the units'
 * folded policies. Cells: the province (''), the unit's city and county, each grouped by
 * insurer, city and industry; units without a region count province-wide only.
 */
export function unitFiguresDifference(changes: SQL): SQL {
  return sql`with changes as (
               select year, credit_code, insurer_code, region_code, industry,
                      sum(policies) as policies
               from (${changes}) c
               group by 1, 2, 3, 4, 5
             ),
             before as (
               select t.*
               from unit_policies t
               join (select distinct year, credit_code from changes) u
                 on u.year = t.year and u.credit_code = t.credit_code
             ),
             after as (
               select year, credit_code, insurer_code, region_code, industry
               from (select year, credit_code, insurer_code, region_code, industry, policies
                     from before
                     union all
                     select * from changes) t
               group by 1, 2, 3, 4, 5
               having sum(policies) > 0
             ),
             memberships as (
               select distinct s.side, s.year, s.credit_code, scopes.scope,
                      g.group_by, g.group_key
               from (select 1 as side, * from after
                     union all
                     select -1, year, credit_code, insurer_code, region_code, industry
                     from before) s
               cross join lateral (values (''), (left(s.region_code, 4)), (s.region_code))
                 scopes(scope)
               cross join lateral (values ('insurer', s.insurer_code),
                                          ('region', left(s.region_code, 4) || '00'),
                                          ('industry', s.industry)) g(group_by, group_key)
               where scopes.scope is not null
             )
             select year, scope, group_by, group_key, sum(side)::int as units
             from memberships
             group by 1, 2, 3, 4
             having sum(side) <> 0`
}

/**
 * Moves the changes of up to UNITS_PER_PASS units into unit_policies and unit_figures, in one
 * statement: its snapshot is the one the difference is computed from, and changes appended
 * meanwhile are not in it, so they stay for the next pass. Rows that fall to zero are deleted.
 * The caller holds the figures folder's lock. Answers the changes folded.
 */
export async function foldUnitFigures(tx: Database): Promise<number> {
  const [row] = await queryRows<{ folded: number }>(
    tx,
    sql`with chosen as (
          select distinct year, credit_code from unit_changes limit ${UNITS_PER_PASS}
        ),
        gone as (
          delete from unit_changes c using chosen u
          where c.year = u.year and c.credit_code = u.credit_code
          returning c.*
        ),
        difference as (${unitFiguresDifference(sql`select * from gone`)}),
        ${settle(unitFiguresCounts, sql`select * from difference`)},
        ${settle(
          unitPoliciesCounts,
          sql`select year, credit_code, insurer_code, region_code, industry,
                     sum(policies)::int as policies
              from gone group by 1, 2, 3, 4, 5`,
        )}
        select (select count(*) from gone)::int as folded`,
  )
  return row?.folded ?? 0
}

/** A table of counts by key, and the key columns that may be null. */
interface Counts {
  table: string
  keys: string[]
  nullableKeys: string[]
  count: string
}

const unitFiguresCounts: Counts = {
  table: 'unit_figures',
  keys: ['year', 'scope', 'group_by', 'group_key'],
  nullableKeys: ['group_key'],
  count: 'units',
}

const unitPoliciesCounts: Counts = {
  table: 'unit_policies',
  keys: ['year', 'credit_code', 'insurer_code', 'region_code', 'industry'],
  nullableKeys: ['region_code', 'industry'],
  count: 'policies',
}

/**
 * Common table expressions, named after the table, that add `additions` (keys and a count) to
 * the counts: a key whose count comes to zero is deleted, any other is written with its new
 * count. (PostgreSQL takes statements that write only at the top of a WITH.)
 */
function settle({ table, keys, nullableKeys, count }: Counts, additions: SQL): SQL {
  const name = (step: string) => sql.identifier(`${table}_${step}`)
  const id = (column: string) => sql.identifier(column)
  const keyList = sql.join(keys.map(id), sql`, `)
  const sameKey = sql.join(
    keys.map((key) =>
      nullableKeys.includes(key)
        ? sql`t.${id(key)} is not distinct from a.${id(key)}`
        : sql`t.${id(key)} = a.${id(key)}`,
    ),
    sql` and `,
  )

  return sql`${name('totals')} as (
               select a.*, coalesce(t.${id(count)}, 0) + a.${id(count)} as total
               from (${additions}) a
               left join ${id(table)} t on ${sameKey}
             ),
             ${name('emptied')} as (
               delete from ${id(table)} t using ${name('totals')} a
               where ${sameKey} and a.total = 0
             ),
             ${name('written')} as (
               insert into ${id(table)} (${keyList}, ${id(count)})
               select ${keyList}, total from ${name('totals')} where total <> 0
               on conflict (${keyList}) do update set ${id(count)} = excluded.${id(count)}
             )`
}
