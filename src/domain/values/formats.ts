/**
 * The wire formats of SPEC §1, as regular-expression sources for JSON Schema `pattern` and as
 * predicates for domain rules. Both read the same source so that they cannot drift apart.
 * Predicates take `unknown` because a JSON number where a string is due must fail, not coerce.
 */

/** Fifteen integer digits keep any amount exact in PostgreSQL `numeric` and in a decimal parser. */
const INTEGER_PART = '(0|[1-9]\\d{0,14})'

/** Yuan, at most 2 decimals: `"12800.00"`, `"12800"`. */
export const MONEY_PATTERN = `^${INTEGER_PART}(\\.\\d{1,2})?$`

/** Money that may be negative: only ledger adjustments (SPEC §4.5). */
export const SIGNED_MONEY_PATTERN = `^-?${INTEGER_PART}(\\.\\d{1,2})?$`

/** Rates, ratios and factors, at most 6 decimals, because rate rules compare to 6 decimals. */
export const RATE_PATTERN = `^-?${INTEGER_PART}(\\.\\d{1,6})?$`

/** Years from 1000: a smaller one is a mistyped year, and PostgreSQL has no year 0. */
const DAY = '[1-9]\\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])'

const TIME = '([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?'
const OFFSET = '([Zz]|[+-]([01]\\d|2[0-3]):[0-5]\\d)'

export const DATE_PATTERN = `^${DAY}$`

/**
 * RFC 3339 date-time with a required offset. Leap seconds (`:60`) are refused: neither
 * JavaScript dates nor PostgreSQL `timestamptz` keep them.
 */
export const TIMESTAMP_PATTERN = `^${DAY}[Tt]${TIME}${OFFSET}$`

/** An insurer's own numbers: policyNo, claimNo, serviceNo, hazardNo, entryNo. */
export const BUSINESS_KEY_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'

const MONEY = new RegExp(MONEY_PATTERN)
const SIGNED_MONEY = new RegExp(SIGNED_MONEY_PATTERN)
const RATE = new RegExp(RATE_PATTERN)
const DATE = new RegExp(DATE_PATTERN)
const TIMESTAMP = new RegExp(TIMESTAMP_PATTERN)
const BUSINESS_KEY = new RegExp(BUSINESS_KEY_PATTERN)

export function isMoney(
  value: unknown,
  options: { allowNegative?: boolean } = {},
): value is string {
  const pattern = options.allowNegative ? SIGNED_MONEY : MONEY
  return typeof value === 'string' && pattern.test(value)
}

export function isRate(value: unknown): value is string {
  return typeof value === 'string' && RATE.test(value)
}

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && isCalendarDay(value)
}

export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP.test(value) && isCalendarDay(value.slice(0, 10))
}

export function isBusinessKey(value: unknown): value is string {
  return typeof value === 'string' && BUSINESS_KEY.test(value)
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/** The pattern bounds month and day; this rejects the days a month lacks (2026-02-29). */
function isCalendarDay(yyyyMmDd: string): boolean {
  const [year = 0, month = 0, day = 0] = yyyyMmDd.split('-').map(Number)
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const length = month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
  return day <= length
}
