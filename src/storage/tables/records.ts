import { sql } from 'drizzle-orm'
import {
  date,
  type ExtraConfigColumn,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { recordColumns } from './record-columns.js'

/** Indexes every kind needs: the natural key, keyset paging by region, and the change time. */
type ScopeColumn = 'insurerCode' | 'key' | 'regionCode' | 'id' | 'creditCode' | 'updatedAt'

function recordIndexes(name: string, table: Record<ScopeColumn, ExtraConfigColumn>) {
  return [
    uniqueIndex(`${name}_insurer_key`).on(table.insurerCode, table.key),
    index(`${name}_region_id`).on(table.regionCode, table.id),
    index(`${name}_credit_code`).on(table.creditCode),
    index(`${name}_updated_at`).on(table.updatedAt),
  ]
}

export const policies = pgTable(
  'policies',
  {
    ...recordColumns(),
    issueDate: date('issue_date').notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    premium: numeric('premium').notNull(),
    premiumCollected: numeric('premium_collected').notNull(),
    insuredHeadcount: integer('insured_headcount').notNull(),
    /** Σ factor of the standardisation rate adjustments; null without one (SPEC §6 overview). */
    standardizationFactor: numeric('standardization_factor'),
    commissionRate: numeric('commission_rate'),
  },
  (table) => [
    ...recordIndexes('policies', table),
    index('policies_issue_date').on(table.issueDate),
    // Policies in force on a day (the overview): the figures tables cannot hold a count that
    // changes with the date, so it is counted here, from a narrow index of in-force policies.
    index('policies_in_force')
      .on(
        table.issueDate,
        table.insurerCode,
        table.regionCode,
        table.industry,
        table.periodStart,
        table.periodEnd,
      )
      .where(sql`${table.status} = 'in_force' and not ${table.voided}`),
    // Coverage (应保尽保) asks, per registered unit, whether a policy covers a day; the few
    // terminated policies, whose bodies say until when, have an index of their own.
    index('policies_coverage').on(
      table.creditCode,
      table.periodEnd,
      table.periodStart,
      table.status,
      table.voided,
    ),
    index('policies_terminated')
      .on(table.creditCode, table.periodEnd, table.periodStart)
      .where(sql`${table.status} = 'terminated' and not ${table.voided}`),
  ],
)

export const claims = pgTable(
  'claims',
  {
    ...recordColumns(),
    policyNo: text('policy_no').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    grade: text('grade').notNull(),
    deaths: integer('deaths').notNull(),
    injuries: integer('injuries').notNull(),
    reserve: numeric('reserve'),
    paidAmount: numeric('paid_amount'),
  },
  (table) => [
    ...recordIndexes('claims', table),
    index('claims_policy').on(table.insurerCode, table.policyNo),
    index('claims_occurred_at').on(table.occurredAt),
  ],
)

export const services = pgTable(
  'services',
  {
    ...recordColumns(),
    policyNo: text('policy_no').notNull(),
    type: text('type').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    cost: numeric('cost').notNull(),
    /** The risk class a risk assessment gave the insured unit (SPEC §4.3); null for others. */
    riskLevel: text('risk_level'),
  },
  (table) => [
    ...recordIndexes('services', table),
    // Risk classes (the overview): each unit's latest completed assessment per insurer, read
    // in the order of the query's DISTINCT ON from this index alone. Other service figures are
    // kept in service_figures.
    index('services_risk_classes')
      .on(
        table.insurerCode,
        table.creditCode,
        sql`coalesce(${table.endedAt}, ${table.startedAt}) desc`,
        table.id.desc(),
        table.startedAt,
        table.regionCode,
        table.industry,
        table.riskLevel,
        // Only an index column, not one inside an expression, lets the scan skip the table.
        table.endedAt,
      )
      .where(
        sql`${table.type} = 'risk_assessment' and ${table.status} = 'completed' and not ${table.voided}`,
      ),
    index('services_policy').on(table.insurerCode, table.policyNo),
    index('services_started_at').on(table.startedAt),
  ],
)

export const hazards = pgTable(
  'hazards',
  {
    ...recordColumns(),
    policyNo: text('policy_no').notNull(),
    serviceNo: text('service_no').notNull(),
    level: text('level').notNull(),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    rectificationDeadline: date('rectification_deadline'),
    authorityReportedAt: timestamp('authority_reported_at', { withTimezone: true }),
  },
  (table) => [
    ...recordIndexes('hazards', table),
    index('hazards_policy').on(table.insurerCode, table.policyNo),
    index('hazards_found_at').on(table.foundAt),
    index('hazards_deadline').on(table.rectificationDeadline),
  ],
)

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    ...recordColumns(),
    year: integer('year').notNull(),
    entryKind: text('entry_kind').notNull(),
    amount: numeric('amount').notNull(),
    serviceNo: text('service_no'),
    bookedAt: date('booked_at').notNull(),
  },
  (table) => [
    ...recordIndexes('ledger_entries', table),
    index('ledger_entries_year').on(table.year, table.insurerCode),
    index('ledger_entries_service').on(table.insurerCode, table.serviceNo),
  ],
)
