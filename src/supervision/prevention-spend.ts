import type { Config } from '../config.js'
import { divideRounded, formatScaled, toScaled } from '../domain/values/decimal.js'
import type { Database } from '../storage/database.js'
import { type SpendRow, sumPreventionSpend } from '../storage/supervision/prevention-spend.js'
import { isRatioAbove, isRatioAtLeast, ratioOf } from './figures.js'
import { groupOf, isProvinceWide, type ViewRequest } from './grouping.js'
import { NEAR_CAP_RATIO, preventionSpendRule } from './rules.js'

export type SpendFlag =
  | 'over_cap'
  | 'near_cap'
  | 'over_budget'
  | 'under_invested'
  | 'unlinked_expense'

export interface SpendItem {
  premiumCollected: string
  cap: string
  /** Null where the budget cannot be placed: it is booked for the whole province (SPEC §2). */
  budget: string | null
  spent: string
  ratio: string | null
  unlinkedExpenses: number
  flags: SpendFlag[]
}

/**
 * The prevention-spend cap (SPEC §6): at most PREVENTION_CAP_RATIO of premium collected is
 * spent on prevention services, from a dedicated budget, every expense tied to a service.
 */
export async function computePreventionSpend(db: Database, config: Config, view: ViewRequest) {
  const rows = await sumPreventionSpend(db, view)
  // A budget has no service, hence no region: only a province-wide caller grouping by insurer
  // can see the whole of it, and comparing a part of the spending with it would mislead.
  const budgetVisible = view.groupBy === 'insurer' && isProvinceWide(view.scope)

  return {
    year: view.year,
    rule: preventionSpendRule(config, budgetVisible),
    items: rows.map((row) => ({
      ...groupOf(view.groupBy, row.group_key),
      ...spendItem(row, config, budgetVisible),
    })),
  }
}

function spendItem(row: SpendRow, config: Config, budgetVisible: boolean): SpendItem {
  const budget = budgetVisible ? row.budget : null
  return {
    premiumCollected: row.premium_collected,
    cap: capOf(row.premium_collected, config.preventionCapRatio),
    budget,
    spent: row.spent,
    ratio: ratioOf(row.spent, row.premium_collected),
    unlinkedExpenses: row.unlinked_expenses,
    flags: spendFlags(row, config, budget),
  }
}

function spendFlags(row: SpendRow, config: Config, budget: string | null): SpendFlag[] {
  const { spent, premium_collected: collected } = row
  const flags: SpendFlag[] = []
  const overCap = isRatioAbove(spent, collected, config.preventionCapRatio)
  const hasPremium = toScaled(collected, 2) > 0n

  if (overCap) flags.push('over_cap')
  else if (hasPremium && isRatioAtLeast(spent, collected, NEAR_CAP_RATIO)) flags.push('near_cap')
  if (budget !== null && toScaled(spent, 2) > toScaled(budget, 2)) flags.push('over_budget')
  const minimum = config.preventionMinRatio
  if (toScaled(minimum, 6) > 0n && hasPremium && !isRatioAtLeast(spent, collected, minimum)) {
    flags.push('under_invested')
  }
  if (row.unlinked_expenses > 0) flags.push('unlinked_expense')
  return flags
}

/** The cap in yuan, rounded to the fen; the flags compare against the exact product. */
function capOf(collected: string, capRatio: string): string {
  const product = toScaled(collected, 2) * toScaled(capRatio, 6)
  return formatScaled(divideRounded(product, 1_000_000n), 2)
}
