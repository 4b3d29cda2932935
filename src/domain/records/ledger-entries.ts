import { type FieldError, fieldError } from '../errors/field-error.js'
import { toScaled } from '../values/decimal.js'
import { checkVoiding, requireWhen } from './common-rules.js'
import { type RecordBody, type RecordKind, referenceId } from './kind.js'

const noScope = { regionCode: null, industry: null, creditCode: null }

export const ledgerEntryKind: RecordKind = {
  name: 'ledger-entries',
  keyField: 'entryNo',

  creditCodes(body) {
    const payee = body.payee as { creditCode?: string } | undefined
    return payee?.creditCode ? [{ path: '/payee/creditCode', value: payee.creditCode }] : []
  },

  regionCodes: () => [],

  /** SPEC §3: the service an entry pays for must exist, whatever the entry's kind. */
  references(body) {
    if (typeof body.serviceNo !== 'string') return []
    return [{ kind: 'services', key: body.serviceNo, path: '/serviceNo', required: true }]
  },

  checkRules(body) {
    return [
      ...checkVoiding(body),
      ...requireWhen(body, 'serviceNo', 'kind = expense', body.kind === 'expense'),
      ...checkAmount(body),
      ...checkBookedInYear(body),
    ]
  },

  /** An entry has no status: any correction is a new version. */
  checkTransition: () => [],

  checkWarnings: () => [],

  /**
   * SPEC §2: an entry sits where the service it pays for sits; one without a service (a budget,
   * say) has no region and is seen at province level only.
   */
  scope(body, refs) {
    if (typeof body.serviceNo !== 'string') return noScope
    return refs.get(referenceId('services', body.serviceNo))?.scope ?? noScope
  },

  derive() {
    return {}
  },

  columns(body) {
    return {
      year: body.year,
      entryKind: body.kind,
      amount: body.amount,
      serviceNo: body.serviceNo ?? null,
      bookedAt: body.bookedAt,
    }
  },
}

/** SPEC §4.5: a budget or an expense is a positive amount; only an adjustment may be negative. */
function checkAmount(body: RecordBody): FieldError[] {
  if (body.kind === 'adjustment' || toScaled(body.amount as string, 2) > 0n) return []
  return [fieldError('/amount', 'below_minimum', { minimum: '0.01' })]
}

/** The booking date falls inside the budget year it is booked to. */
function checkBookedInYear(body: RecordBody): FieldError[] {
  if ((body.bookedAt as string).slice(0, 4) === String(body.year)) return []
  return [fieldError('/bookedAt', 'outside_year', { year: String(body.year) })]
}
