import { bigserial, boolean, integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Columns every record kind shares: identity, the current version's canonical body, and the
 * scope columns (region, industry, credit code of the insured unit) that reads filter on.
 * Claims, services, hazards and ledger entries copy the scope of the policy they belong to.
 */
export function recordColumns() {
  return {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    insurerCode: text('insurer_code').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    sha256: text('sha256').notNull(),
    body: jsonb('body').notNull(),
    flags: text('flags').array().notNull().default([]),
    voided: boolean('voided').notNull().default(false),
    status: text('status'),
    regionCode: text('region_code'),
    industry: text('industry'),
    creditCode: text('credit_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    receivedBy: text('received_by').notNull(),
  }
}
