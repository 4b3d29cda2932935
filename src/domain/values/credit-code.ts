import { type FieldError, fieldError } from '../errors/field-error.js'

/** GB 32100-2015 characters: digits and capitals without I, O, S, V, Z; a value is its index. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** Weight of position i (1-based) is 3^(i-1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

/** The same characters as a regular-expression class. */
const CHARACTER_CLASS = '[0-9A-HJ-NP-RTUWXY]'

/** The form only (18 characters of the charset), for JSON Schema `pattern`. */
export const CREDIT_CODE_PATTERN = `^${CHARACTER_CLASS}{18}$`

const FORM = new RegExp(CREDIT_CODE_PATTERN)
const FIRST_17 = new RegExp(`^${CHARACTER_CLASS}{17}$`)

export function isCreditCodeForm(value: string): boolean {
  return FORM.test(value)
}

/** The 18th character for the first 17; a RangeError for anything but 17 charset characters. */
export function computeCheckCharacter(first17: string): string {
  if (!FIRST_17.test(first17)) {
    throw new RangeError('expected the first 17 characters of a unified social credit code')
  }

  const sum = WEIGHTS.reduce(
    (total, weight, i) => total + CHARSET.indexOf(first17.charAt(i)) * weight,
    0,
  )
  return CHARSET.charAt((31 - (sum % 31)) % 31)
}

export function hasValidCheckCharacter(value: string): boolean {
  return isCreditCodeForm(value) && computeCheckCharacter(value.slice(0, 17)) === value.charAt(17)
}

/**
 * The credit-code rule of SPEC §1. Pilot-era codes that fail the check character are accepted
 * when an admin has allow-listed them; the list lives in the database, so the caller looks it up.
 */
export function checkCreditCode(
  path: string,
  value: string,
  isAllowListed: (code: string) => boolean,
): FieldError | undefined {
  if (!isCreditCodeForm(value)) return fieldError(path, 'invalid_credit_code')
  if (hasValidCheckCharacter(value) || isAllowListed(value)) return undefined
  return fieldError(path, 'credit_code_checksum')
}
