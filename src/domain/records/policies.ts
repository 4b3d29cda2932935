import type { PolicyStatus } from '../dictionaries/policies.js'
import { type FieldError, fieldError } from '../errors/field-error.js'
import { divideRounded, formatScaled, toScaled } from '../values/decimal.js'
import { checkVoiding, requireWhen, warning } from './common-rules.js'
import type { RecordBody, RecordKind, RuleContext, Warning } from './kind.js'
import { referenceId } from './kind.js'
import { checkStatusMove, type Lifecycle } from './lifecycle.js'

/** The 2025 national measures raise the per-person limit for policies starting from this day. */
const MIN_LIMIT_EFFECTIVE_FROM = '2025-03-29'

/** National measures, art. 14: commission above 5% is not allowed. */
const MAX_COMMISSION_RATE = '0.05'

const lifecycle: Lifecycle<PolicyStatus> = {
  in_force: ['expired', 'terminated'],
  expired: [],
  terminated: [],
}

interface Insured {
  creditCode: string
  regionCode: string
  industry: string
  employeeCount: number
}

interface Adjustment {
  reason: string
  factor: string
}

function insuredOf(body: RecordBody): Insured {
  return body.insured as Insured
}

export const policyKind: RecordKind = {
  name: 'policies',
  keyField: 'policyNo',

  creditCodes(body) {
    const codes = [{ path: '/insured/creditCode', value: insuredOf(body).creditCode }]
    const intermediary = body.intermediary as { creditCode: string } | undefined
    if (intermediary)
      codes.push({ path: '/intermediary/creditCode', value: intermediary.creditCode })
    const coinsurers = (body.coinsurers ?? []) as Array<{ insurerCode: string }>
    coinsurers.forEach((c, i) => {
      codes.push({ path: `/coinsurers/${i}/insurerCode`, value: c.insurerCode })
    })
    return codes
  },

  regionCodes(body) {
    return [{ path: '/insured/regionCode', value: insuredOf(body).regionCode, county: true }]
  },

  references(body) {
    if (typeof body.renewalOf !== 'string') return []
    return [{ kind: 'policies', key: body.renewalOf, path: '/renewalOf', required: false }]
  },

  checkRules(body, context) {
    return [
      ...checkVoiding(body),
      ...checkPeriod(body),
      ...checkLimit(body, context),
      ...checkPremium(body),
      ...checkFinalRate(body),
      ...checkCommission(body),
      ...checkTermination(body),
      ...checkCoinsurance(body, context),
    ]
  },

  checkTransition(previous, next) {
    return checkStatusMove(lifecycle, previous.status as PolicyStatus, next.status as PolicyStatus)
  },

  checkWarnings(body, refs, context) {
    const warnings: Warning[] = []

    if ((body.insuredHeadcount as number) < insuredOf(body).employeeCount) {
      warnings.push(
        warning(
          '/insuredHeadcount',
          'headcount_below_employees',
          '投保人数少于从业人员数，未做到全员参保',
          'insured headcount is below the number of employees: not every employee is covered',
        ),
      )
    }

    if (
      isBelowMinimumLimit(body, context) &&
      (body.periodStart as string) < MIN_LIMIT_EFFECTIVE_FROM
    ) {
      warnings.push(
        warning(
          '/perPersonLimit',
          'limit_below_minimum',
          '每人死亡伤残责任限额低于现行最低标准（起保早于 2025-03-29，予以保留）',
          'per-person limit is below the current minimum (kept: the policy started before 2025-03-29)',
        ),
      )
    }

    const previous =
      typeof body.renewalOf === 'string'
        ? refs.get(referenceId('policies', body.renewalOf))
        : undefined
    if (previous && (body.periodStart as string) > (previous.body.periodEnd as string)) {
      warnings.push(
        warning(
          '/renewalOf',
          'late_renewal',
          '续保保单起期晚于原保单止期，存在脱保期间',
          'the renewal starts after the previous policy ended: there was a gap in cover',
        ),
      )
    }

    return warnings
  },

  scope(body) {
    const insured = insuredOf(body)
    return {
      regionCode: insured.regionCode,
      industry: insured.industry,
      creditCode: insured.creditCode,
    }
  },

  derive() {
    return {}
  },

  columns(body) {
    return {
      issueDate: body.issueDate,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      premium: body.premium,
      premiumCollected: body.premiumCollected,
      insuredHeadcount: body.insuredHeadcount,
      standardizationFactor: standardizationFactor(body),
      commissionRate: body.commissionRate ?? null,
    }
  },
}

/**
 * The rate floating for safety standardisation (the sum of its factors; null without one),
 * kept as a column so that the supervision overview counts discounts without reading bodies.
 */
function standardizationFactor(body: RecordBody): string | null {
  const adjustments = ((body.rateAdjustments ?? []) as Adjustment[]).filter(
    (adjustment) => adjustment.reason === 'standardization',
  )
  if (adjustments.length === 0) return null
  return formatScaled(
    adjustments.reduce((sum, adjustment) => sum + toScaled(adjustment.factor, 6), 0n),
    6,
  )
}

function checkPeriod(body: RecordBody): FieldError[] {
  if ((body.periodEnd as string) > (body.periodStart as string)) return []
  return [fieldError('/periodEnd', 'not_after', { other: 'periodStart' })]
}

function isBelowMinimumLimit(body: RecordBody, context: RuleContext): boolean {
  return toScaled(body.perPersonLimit as string, 2) < toScaled(context.config.minPerPersonLimit, 2)
}

/** National measures: at least MIN_PER_PERSON_LIMIT per person for policies from 2025-03-29. */
function checkLimit(body: RecordBody, context: RuleContext): FieldError[] {
  if ((body.periodStart as string) < MIN_LIMIT_EFFECTIVE_FROM) return []
  if (!isBelowMinimumLimit(body, context)) return []
  return [
    fieldError('/perPersonLimit', 'below_minimum', { minimum: context.config.minPerPersonLimit }),
  ]
}

function checkPremium(body: RecordBody): FieldError[] {
  const collected = toScaled(body.premiumCollected as string, 2)
  if (collected <= toScaled(body.premium as string, 2)) return []
  return [fieldError('/premiumCollected', 'above_maximum', { maximum: 'premium' })]
}

/** finalRate = baseRate × (1 + Σ factor), compared at 6 decimals in exact arithmetic. */
function checkFinalRate(body: RecordBody): FieldError[] {
  const scale = 1_000_000n
  const factors = ((body.rateAdjustments ?? []) as Adjustment[]).reduce(
    (sum, adjustment) => sum + toScaled(adjustment.factor, 6),
    0n,
  )
  const expected = divideRounded(toScaled(body.baseRate as string, 6) * (scale + factors), scale)
  if (expected === toScaled(body.finalRate as string, 6)) return []
  return [fieldError('/finalRate', 'rate_mismatch', { expected: formatScaled(expected, 6) })]
}

function checkCommission(body: RecordBody): FieldError[] {
  if (typeof body.commissionRate !== 'string') return []
  if (toScaled(body.commissionRate, 6) <= toScaled(MAX_COMMISSION_RATE, 6)) return []
  return [fieldError('/commissionRate', 'above_maximum', { maximum: MAX_COMMISSION_RATE })]
}

/** A mandatory policy may end early only when the business closed or stopped (SPEC §4.1). */
function checkTermination(body: RecordBody): FieldError[] {
  const terminated = body.status === 'terminated'
  return [
    ...requireWhen(body, 'terminatedAt', 'status = terminated', terminated),
    ...requireWhen(body, 'terminationReason', 'status = terminated', terminated),
  ]
}

function checkCoinsurance(body: RecordBody, context: RuleContext): FieldError[] {
  const coinsurers = body.coinsurers as Array<{ insurerCode: string; share: string }> | undefined
  if (!coinsurers || coinsurers.length === 0) return []

  const errors: FieldError[] = []
  if (!coinsurers.some((c) => c.insurerCode === context.insurerCode)) {
    errors.push(fieldError('/coinsurers', 'leader_missing'))
  }
  const sum = coinsurers.reduce((total, c) => total + toScaled(c.share, 6), 0n)
  if (sum !== 1_000_000n) {
    errors.push(fieldError('/coinsurers', 'shares_not_one', { sum: formatScaled(sum, 6) }))
  }
  return errors
}
