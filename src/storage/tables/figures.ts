import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  text,
  unique,
} from 'drizzle-orm/pg-core'

/**
 * Running totals behind the supervision views (SPEC §6), kept by triggers on the record tables
 * (migrations/0002_supervision_triggers.sql, rewritten by 0004_unit_changes_triggers.sql) so
 * that a view sums a few thousand rows instead of a year's records.
 *
 * Writers only ever append rows of differences: the figures of the records a statement wrote,
 * less those of the versions it replaced. No two writers ever update the same row, so the totals
 * never make concurrent writes wait on each other. The figures folder (src/jobs) merges each
 * key's rows into one in the background; readers sum whatever rows a key has, folded or not.
 * Rows the folder wrote are `folded`; the partial index on the others tells it what is new.
 * Distinct units are not a sum: they have tables of their own at the end of this file.
 */

const folded = () => boolean('folded').notNull().default(false)

/** Policies by the year of their issue date and the cell they fall in. */
export const policyFigures = pgTable(
  'policy_figures',
  {
    year: integer('year').notNull(),
    insurerCode: text('insurer_code').notNull(),
    regionCode: text('region_code'),
    industry: text('industry'),
    policies: integer('policies').notNull(),
    /** First received within SUBMISSION_DAYS of the issue date (the evaluation's timeliness). */
    onTime: integer('on_time').notNull(),
    insuredHeadcount: bigint('insured_headcount', { mode: 'number' }).notNull(),
    premium: numeric('premium').notNull(),
    premiumCollected: numeric('premium_collected').notNull(),
    headcountBelowEmployees: integer('headcount_below_employees').notNull(),
    limitBelowMinimum: integer('limit_below_minimum').notNull(),
    lateRenewal: integer('late_renewal').notNull(),
    commissionAboveMaximum: integer('commission_above_maximum').notNull(),
    /** Policies with a downward rate adjustment for safety standardisation, and Σ its factor. */
    discounts: integer('discounts').notNull(),
    discountFactorSum: numeric('discount_factor_sum').notNull(),
    folded: folded(),
  },
  (table) => [
    index('policy_figures_cell').on(table.year, table.insurerCode, table.regionCode),
    index('policy_figures_unfolded').on(table.year).where(sql`not ${table.folded}`),
  ],
)

/** Services by the year (China Standard Time) they started in, their cell and type. */
export const serviceFigures = pgTable(
  'service_figures',
  {
    year: integer('year').notNull(),
    insurerCode: text('insurer_code').notNull(),
    regionCode: text('region_code'),
    industry: text('industry'),
    type: text('type').notNull(),
    /** Every service, whatever its status, and those first received on time. */
    records: integer('records').notNull(),
    onTime: integer('on_time').notNull(),
    /** Services that took place (in progress or completed), and what they cost. */
    delivered: integer('delivered').notNull(),
    deliveredCost: numeric('delivered_cost').notNull(),
    /** Of delivered training and drills: people reached, follow-up scores and their sum. */
    participants: bigint('participants', { mode: 'number' }).notNull(),
    followUps: integer('follow_ups').notNull(),
    followUpScoreSum: numeric('follow_up_score_sum').notNull(),
    folded: folded(),
  },
  (table) => [
    index('service_figures_cell').on(table.year, table.insurerCode, table.regionCode),
    index('service_figures_unfolded').on(table.year).where(sql`not ${table.folded}`),
  ],
)

/**
 * What a statement changed in the policies of insured units: live policies added (or, negative,
 * removed) per unit, year of issue and the cell they fall in. Triggers only ever append here;
 * the figures folder moves the rows into unit_policies and unit_figures
 * (src/storage/supervision/unit-figures.ts), and readers add what is not folded yet.
 */
export const unitChanges = pgTable('unit_changes', unitPolicyColumns())

/** The live policies of each unit, year and cell, as of the last fold. */
export const unitPolicies = pgTable('unit_policies', unitPolicyColumns(), (table) => [
  unique('unit_policies_key')
    .on(table.year, table.creditCode, table.insurerCode, table.regionCode, table.industry)
    .nullsNotDistinct(),
])

/**
 * Distinct insured units with a policy issued in the year, counted for every part of the
 * province a regulator may be scoped to (`scope`: '' for the province, a city's 4 digits, a
 * county's 6) and every grouping of the views, as of the last fold. Units cannot be summed
 * across cells (one unit may hold policies of several insurers), hence one count per scope and
 * group, which only the folder writes.
 */
export const unitFigures = pgTable(
  'unit_figures',
  {
    year: integer('year').notNull(),
    scope: text('scope').notNull(),
    groupBy: text('group_by').notNull(),
    groupKey: text('group_key'),
    units: integer('units').notNull(),
  },
  (table) => [
    unique('unit_figures_key')
      .on(table.year, table.scope, table.groupBy, table.groupKey)
      .nullsNotDistinct(),
  ],
)

/** A unit's live policies in one year and cell; each table needs column builders of its own. */
function unitPolicyColumns() {
  return {
    year: integer('year').notNull(),
    creditCode: text('credit_code').notNull(),
    insurerCode: text('insurer_code').notNull(),
    regionCode: text('region_code'),
    industry: text('industry'),
    policies: integer('policies').notNull(),
  }
}
