import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'

/** Every version of every record, never changed or deleted (SPEC §3: records are never deleted). */
export const recordVersions = pgTable(
  'record_versions',
  {
    kind: text('kind').notNull(),
    insurerCode: text('insurer_code').notNull(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    sha256: text('sha256').notNull(),
    body: jsonb('body').notNull(),
    flags: text('flags').array().notNull().default([]),
    voided: boolean('voided').notNull().default(false),
    receiptId: uuid('receipt_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    receivedBy: text('received_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.kind, table.insurerCode, table.key, table.version] })],
)

/** Signed receipts (回执) handed to insurers as proof of what the platform received. */
export const receipts = pgTable('receipts', {
  receiptId: uuid('receipt_id').primaryKey(),
  insurerCode: text('insurer_code').notNull(),
  kind: text('kind').notNull(),
  key: text('key').notNull(),
  version: integer('version'),
  sha256: text('sha256').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  signature: text('signature').notNull(),
})

/** PostgreSQL's 64-bit transaction id, read as a decimal string. */
const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
})

/**
 * The append-only audit log. Writers only insert; a sealer later assigns `seq` in commit order
 * and chains `hash` over `prevHash`, so the chain never serialises concurrent writers. The
 * sealed sequence is also the change feed's position (SPEC §7).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
    clientId: text('client_id').notNull(),
    requestId: text('request_id').notNull(),
    insurerCode: text('insurer_code').notNull(),
    regionCode: text('region_code'),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    version: integer('version'),
    sha256: text('sha256').notNull(),
    outcome: text('outcome').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    seq: bigint('seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (table) => [index('audit_log_unsealed').on(table.id).where(sql`${table.seq} is null`)],
)

/** Stored answers of POSTs sent with an `Idempotency-Key`, per client (SPEC §3). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    clientId: text('client_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }).notNull(),
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers'),
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.clientId, table.key] }),
    index('idempotency_keys_expires_at').on(table.expiresAt),
  ],
)
