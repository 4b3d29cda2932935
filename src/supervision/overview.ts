import type { Config } from '../config.js'
import { codesOf } from '../domain/dictionaries/dictionary.js'
import { serviceTypes } from '../domain/dictionaries/services.js'
import { formatScaled, toScaled } from '../domain/values/decimal.js'
import type { Database } from '../storage/database.js'
import { type ClaimFiguresRow, sumClaimFigures } from '../storage/supervision/overview-claims.js'
import {
  type PolicyFiguresRow,
  sumPolicyFigures,
} from '../storage/supervision/overview-policies.js'
import {
  countRiskClasses,
  type RiskClassRow,
  type ServiceTypeRow,
  sumServicesByType,
  sumTrainingAndDrills,
  type TrainingRow,
} from '../storage/supervision/overview-services.js'
import { ratioOf } from './figures.js'
import { compareGroupKeys, groupOf, type ViewRequest } from './grouping.js'
import { overviewRule } from './rules.js'

interface GroupRows {
  policies?: PolicyFiguresRow
  claims?: ClaimFiguresRow
  services: ServiceTypeRow[]
  training?: TrainingRow
  risks: RiskClassRow[]
}

/** The supervisor's overview of underwriting, claims and prevention services (SPEC §6). */
export async function computeOverview(
  db: Database,
  config: Config,
  view: ViewRequest,
  today: string,
) {
  // One query after another: a view holds one pooled connection at a time, never five.
  const policies = await sumPolicyFigures(db, view, { today })
  const claims = await sumClaimFigures(db, view)
  const services = await sumServicesByType(db, view)
  const training = await sumTrainingAndDrills(db, view)
  const risks = await countRiskClasses(db, view)

  const groups = new Map<string | null, GroupRows>()
  const rowsOf = (key: string | null) => {
    const found = groups.get(key) ?? { services: [], risks: [] }
    groups.set(key, found)
    return found
  }
  for (const row of policies) rowsOf(row.group_key).policies = row
  for (const row of claims) rowsOf(row.group_key).claims = row
  for (const row of services) rowsOf(row.group_key).services.push(row)
  for (const row of training) rowsOf(row.group_key).training = row
  for (const row of risks) rowsOf(row.group_key).risks.push(row)

  return {
    year: view.year,
    rule: overviewRule(config, today),
    items: [...groups.keys()]
      .sort(compareGroupKeys)
      .map((key) => ({ ...groupOf(view.groupBy, key), ...overviewItem(rowsOf(key)) })),
  }
}

function overviewItem(rows: GroupRows) {
  const { policies, claims, training } = rows
  const premium = policies?.premium ?? '0.00'
  const paid = claims?.paid ?? '0.00'
  const reserved = claims?.reserved ?? '0.00'

  return {
    policies: policies?.policies ?? 0,
    policiesInForce: policies?.policies_in_force ?? 0,
    enterprisesCovered: policies?.enterprises ?? 0,
    insuredHeadcount: Number(policies?.insured_headcount ?? 0),
    premium,
    premiumCollected: policies?.premium_collected ?? '0.00',
    claims: {
      count: claims?.claims ?? 0,
      paid,
      reserved,
      deaths: claims?.deaths ?? 0,
      injuries: claims?.injuries ?? 0,
    },
    lossRatio: ratioOf(addMoney(paid, reserved), premium),
    services: codesOf(serviceTypes).map((type) => {
      const row = rows.services.find((s) => s.type === type)
      return { type, count: row?.services ?? 0, cost: row?.cost ?? '0.00' }
    }),
    training: {
      participants: training?.training_participants ?? 0,
      followUps: training?.follow_ups ?? 0,
      averageFollowUpScore: training?.follow_up_score ?? null,
    },
    drills: { count: training?.drills ?? 0, participants: training?.drill_participants ?? 0 },
    riskClasses: {
      high: unitsOf(rows.risks, 'high'),
      medium: unitsOf(rows.risks, 'medium'),
      low: unitsOf(rows.risks, 'low'),
    },
    rateFloating: {
      count: policies?.discounts ?? 0,
      averageFactor: policies?.average_discount ?? null,
    },
    complianceFlags: {
      headcountBelowEmployees: policies?.headcount_below_employees ?? 0,
      limitBelowMinimum: policies?.limit_below_minimum ?? 0,
      commissionAboveMaximum: policies?.commission_above_maximum ?? 0,
      lateRenewal: policies?.late_renewal ?? 0,
    },
  }
}

function unitsOf(rows: RiskClassRow[], level: string): number {
  return rows.find((row) => row.risk_level === level)?.units ?? 0
}

function addMoney(a: string, b: string): string {
  return formatScaled(toScaled(a, 2) + toScaled(b, 2), 2)
}
