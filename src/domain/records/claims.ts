import type { AccidentGrade, ClaimStatus } from '../dictionaries/claims.js'
import { type FieldError, fieldError } from '../errors/field-error.js'
import { toScaled } from '../values/decimal.js'
import { chinaDay } from '../values/time.js'
import { checkVoiding, instant, requireWhen, warning } from './common-rules.js'
import { type RecordBody, type RecordKind, referenceId } from './kind.js'
import { checkStatusMove, type Lifecycle } from './lifecycle.js'

const lifecycle: Lifecycle<ClaimStatus> = {
  reported: ['registered', 'assessed', 'paid', 'declined', 'withdrawn'],
  registered: ['assessed', 'paid', 'declined', 'withdrawn'],
  assessed: ['paid', 'declined', 'withdrawn'],
  paid: [],
  declined: [],
  withdrawn: [],
}

interface Accident {
  occurredAt: string
  regionCode: string
  deaths?: number
  seriousInjuries?: number
  minorInjuries?: number
  directLoss?: string
}

/**
 * Accident grades of the State Council's regulation on accident reporting (国务院令第493号):
 * the highest grade reached by deaths, serious injuries or direct loss in yuan.
 */
const gradeThresholds: Array<{
  grade: AccidentGrade
  deaths: number
  serious: number
  loss: bigint
}> = [
  { grade: 'extra_major', deaths: 30, serious: 100, loss: 100_000_000n },
  { grade: 'major', deaths: 10, serious: 50, loss: 50_000_000n },
  { grade: 'larger', deaths: 3, serious: 10, loss: 10_000_000n },
]

export function gradeAccident(accident: Accident): AccidentGrade {
  const deaths = accident.deaths ?? 0
  const serious = accident.seriousInjuries ?? 0
  const loss = accident.directLoss ? toScaled(accident.directLoss, 2) / 100n : 0n

  const reached = gradeThresholds.find(
    (t) => deaths >= t.deaths || serious >= t.serious || loss >= t.loss,
  )
  return reached?.grade ?? 'general'
}

function accidentOf(body: RecordBody): Accident {
  return body.accident as Accident
}

export const claimKind: RecordKind = {
  name: 'claims',
  keyField: 'claimNo',

  creditCodes: () => [],

  regionCodes(body) {
    return [{ path: '/accident/regionCode', value: accidentOf(body).regionCode, county: false }]
  },

  references(body) {
    return [{ kind: 'policies', key: body.policyNo as string, path: '/policyNo', required: true }]
  },

  checkRules(body) {
    const errors: FieldError[] = [...checkVoiding(body)]

    if (instant(body.reportedAt) < instant(accidentOf(body).occurredAt)) {
      errors.push(fieldError('/reportedAt', 'before', { other: 'accident.occurredAt' }))
    }
    const paid = body.status === 'paid'
    errors.push(
      ...requireWhen(body, 'paidAmount', 'status = paid', paid),
      ...requireWhen(body, 'paidAt', 'status = paid', paid),
      ...requireWhen(body, 'declineReason', 'status = declined', body.status === 'declined'),
    )
    if (
      typeof body.paidAt === 'string' &&
      instant(body.paidAt) < instant(accidentOf(body).occurredAt)
    ) {
      errors.push(fieldError('/paidAt', 'before', { other: 'accident.occurredAt' }))
    }
    return errors
  },

  checkTransition(previous, next) {
    return checkStatusMove(lifecycle, previous.status as ClaimStatus, next.status as ClaimStatus)
  },

  checkWarnings(body, refs) {
    const policy = refs.get(referenceId('policies', body.policyNo as string))
    if (!policy) return []

    const day = chinaDay(accidentOf(body).occurredAt)
    const start = policy.body.periodStart as string
    const end = policy.body.periodEnd as string
    if (day >= start && day <= end) return []
    return [
      warning(
        '/accident/occurredAt',
        'accident_outside_period',
        '事故发生时间不在保险期间内',
        'the accident happened outside the policy period',
      ),
    ]
  },

  scope(body, refs) {
    const policy = refs.get(referenceId('policies', body.policyNo as string))
    return policy?.scope ?? { regionCode: null, industry: null, creditCode: null }
  },

  derive(body) {
    return { grade: gradeAccident(accidentOf(body)) }
  },

  columns(body) {
    const accident = accidentOf(body)
    return {
      policyNo: body.policyNo,
      occurredAt: accident.occurredAt,
      grade: gradeAccident(accident),
      deaths: accident.deaths ?? 0,
      injuries: (accident.seriousInjuries ?? 0) + (accident.minorInjuries ?? 0),
      reserve: body.reserve ?? null,
      paidAmount: body.paidAmount ?? null,
    }
  },
}
