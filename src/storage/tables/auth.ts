import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/** Registered API clients (insurers' systems, regulators, admins) and their public keys. */
export const clients = pgTable('clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  insurerCode: text('insurer_code'),
  regionCode: text('region_code'),
  jwks: jsonb('jwks').notNull(),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Client-assertion ids already accepted, kept until the assertion expires so that a replay fails
 * on every process sharing the database (RFC 7523, section 3).
 */
export const usedAssertions = pgTable(
  'used_assertions',
  {
    clientId: text('client_id').notNull(),
    jti: text('jti').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.clientId, table.jti] }),
    index('used_assertions_expires_at').on(table.expiresAt),
  ],
)

/** The platform's signing keys; the newest active one signs, retired ones still verify. */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  privateJwk: jsonb('private_jwk').notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
})

/** Pilot-era unified social credit codes that fail the GB 32100 check but must be accepted. */
export const creditCodeAllowlist = pgTable('credit_code_allowlist', {
  creditCode: text('credit_code').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
})
