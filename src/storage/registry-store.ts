import { sql } from 'drizzle-orm'
import type { RegistryEnterprise } from '../domain/registry/enterprises.js'
import { type Database, queryRows } from './database.js'
import { unnestRows, unnestValue } from './records/unnest.js'

/**
 * Replaces the whole registry in one transaction: readers see the old list or the new one,
 * never a mix. Answers when the new list was imported.
 */
export async function replaceRegistry(
  db: Database,
  enterprises: RegistryEnterprise[],
): Promise<Date> {
  const columns = [
    { name: 'credit_code', sqlType: 'text', values: enterprises.map((e) => e.creditCode) },
    { name: 'name', sqlType: 'text', values: enterprises.map((e) => e.name) },
    { name: 'region_code', sqlType: 'text', values: enterprises.map((e) => e.regionCode) },
    { name: 'industry', sqlType: 'text', values: enterprises.map((e) => e.industry) },
  ]

  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    await tx.execute(sql`delete from registry_enterprises`)
    const [stamp] = await queryRows<{ now: string }>(tx, sql`select now() as now`)
    if (enterprises.length > 0) {
      await tx.execute(
        sql`insert into registry_enterprises
              (${sql.join(
                columns.map((c) => sql.identifier(c.name)),
                sql`, `,
              )}, imported_at)
            select ${sql.join(columns.map(unnestValue), sql`, `)}, now()
            from ${unnestRows(columns)}`,
      )
    }
    return new Date(stamp?.now ?? Date.now())
  })
}

export interface RegistryEntry extends RegistryEnterprise {
  importedAt: Date
}

/** One page of the registry in credit-code order. */
export async function listRegistry(
  db: Database,
  page: { after: string | undefined; limit: number },
): Promise<RegistryEntry[]> {
  const after = page.after === undefined ? sql`true` : sql`credit_code > ${page.after}`
  const rows = await queryRows<{
    credit_code: string
    name: string
    region_code: string
    industry: string
    imported_at: string
  }>(
    db,
    sql`select credit_code, name, region_code, industry, imported_at
        from registry_enterprises where ${after}
        order by credit_code limit ${page.limit}`,
  )
  return rows.map((row) => ({
    creditCode: row.credit_code,
    name: row.name,
    regionCode: row.region_code,
    industry: row.industry,
    importedAt: new Date(row.imported_at),
  }))
}
