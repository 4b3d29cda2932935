import { sql } from 'drizzle-orm'
import { type Database, queryRows } from '../../src/storage/database.js'

/** Distinct units per cell as the folder keeps them in unit_figures. */
export function storedUnitFigures(db: Database) {
  return queryRows(
    db,
    sql`select year, scope, group_by, group_key, units from unit_figures order by 1, 2, 3, 4`,
  )
}

/** Distinct units per cell counted afresh from the policies, as the folder should have. */
export function unitsRecounted(db: Database) {
  return queryRows(
    db,
    sql`select p.year, s.scope, g.group_by, g.group_key, count(distinct p.credit_code)::int as units
        from (select extract(year from issue_date)::int as year, credit_code, insurer_code,
                     region_code, industry
              from policies
              where not voided and credit_code is not null) p
        cross join lateral (values (''), (left(p.region_code, 4)), (p.region_code)) s(scope)
        cross join lateral (values ('insurer', p.insurer_code),
                                   ('region', left(p.region_code, 4) || '00'),
                                   ('industry', p.industry)) g(group_by, group_key)
        where s.scope is not null
        group by 1, 2, 3, 4
        order by 1, 2, 3, 4`,
  )
}
