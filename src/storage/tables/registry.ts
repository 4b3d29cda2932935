import { pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Units that must insure (应保尽保), imported by an admin; replaced whole on each import. */
export const registryEnterprises = pgTable('registry_enterprises', {
  creditCode: text('credit_code').primaryKey(),
  name: text('name').notNull(),
  regionCode: text('region_code').notNull(),
  industry: text('industry').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
})
