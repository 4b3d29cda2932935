import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Record writes the platform refused (schema or rule), one row per record: nothing else of
 * them is kept, yet the yearly evaluation of insurers counts them (SPEC §6).
 */
export const rejectedSubmissions = pgTable(
  'rejected_submissions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    insurerCode: text('insurer_code').notNull(),
    clientId: text('client_id').notNull(),
    requestId: text('request_id').notNull(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('rejected_submissions_insurer').on(table.insurerCode, table.receivedAt)],
)
