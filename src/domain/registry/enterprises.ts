import { codesOf } from '../dictionaries/dictionary.js'
import { industries } from '../dictionaries/policies.js'
import { AppError } from '../errors/app-error.js'
import { type FieldError, fieldError } from '../errors/field-error.js'
import { checkCreditCode, hasValidCheckCharacter } from '../values/credit-code.js'
import { checkRegionCode } from '../values/regions.js'
import { parseCsv } from './csv.js'

/** A unit that must insure (应保尽保), as an admin imports it. */
export interface RegistryEnterprise {
  creditCode: string
  name: string
  regionCode: string
  industry: string
}

/** A row as received, and where its fields are in the request (`/lines/7`, `/enterprises/6`). */
export interface RegistryRow {
  at: string
  enterprise: RegistryEnterprise
}

export const REGISTRY_FIELDS = ['creditCode', 'name', 'regionCode', 'industry'] as const
export const MAX_REGISTRY_ROWS = 200_000
export const MAX_NAME_LENGTH = 200

const industryCodes: readonly string[] = codesOf(industries)

/**
 * The rows of a CSV import: a header naming the four fields (in any order), then one unit a
 * line. A row's place is its line in the file, so that an admin finds it in a spreadsheet.
 */
export function readRegistryCsv(text: string): { rows: RegistryRow[]; errors: FieldError[] } {
  const [header, ...records] = parseCsv(text)
  const columns = header?.fields.map((name) => name.trim()) ?? []
  const missing = REGISTRY_FIELDS.filter((name) => !columns.includes(name))
  const unknown = columns.filter((name) => !(REGISTRY_FIELDS as readonly string[]).includes(name))
  if (missing.length > 0 || unknown.length > 0 || columns.length !== REGISTRY_FIELDS.length) {
    throw new AppError('validation_failed', {
      errors: [
        fieldError('/lines/1', 'invalid', {
          reason: `the header must name ${REGISTRY_FIELDS.join(',')} once each`,
        }),
      ],
    })
  }

  if (records.length > MAX_REGISTRY_ROWS) {
    throw new AppError('validation_failed', {
      errors: [fieldError('/lines', 'too_many_items', { limit: MAX_REGISTRY_ROWS })],
    })
  }

  const rows: RegistryRow[] = []
  const errors: FieldError[] = []
  for (const record of records) {
    const at = `/lines/${record.line}`
    if (record.fields.length !== columns.length) {
      const reason = `expected ${columns.length} fields, got ${record.fields.length}`
      errors.push(fieldError(at, 'invalid', { reason }))
      continue
    }
    const value = (name: string) => record.fields[columns.indexOf(name)]?.trim() ?? ''
    rows.push({
      at,
      enterprise: {
        creditCode: value('creditCode'),
        name: value('name'),
        regionCode: value('regionCode'),
        industry: value('industry'),
      },
    })
  }
  return { rows, errors }
}

/** The credit codes that fail their check character, which only the allow-list can save. */
export function suspectCreditCodes(rows: RegistryRow[]): string[] {
  const codes = rows.map((row) => row.enterprise.creditCode)
  return [...new Set(codes.filter((code) => !hasValidCheckCharacter(code)))]
}

/**
 * Every rule a row must pass (SPEC §1): a valid credit code (or an allow-listed pilot-era one),
 * a name, a county-level region of Guangxi, an industry of the dictionary, and no unit twice.
 */
export function checkRegistryRows(
  rows: RegistryRow[],
  isAllowListed: (code: string) => boolean,
): FieldError[] {
  const errors: FieldError[] = []
  const seen = new Map<string, string>()

  for (const { at, enterprise } of rows) {
    const credit = checkCreditCode(`${at}/creditCode`, enterprise.creditCode, isAllowListed)
    if (credit) errors.push(credit)

    const earlier = seen.get(enterprise.creditCode)
    if (earlier) {
      errors.push(fieldError(`${at}/creditCode`, 'duplicate_entry', { other: earlier }))
    } else {
      seen.set(enterprise.creditCode, at)
    }

    if (enterprise.name === '') {
      errors.push(fieldError(`${at}/name`, 'required', { field: 'name' }))
    } else if (enterprise.name.length > MAX_NAME_LENGTH) {
      errors.push(fieldError(`${at}/name`, 'too_long', { limit: MAX_NAME_LENGTH }))
    }

    const region = checkRegionCode(`${at}/regionCode`, enterprise.regionCode, { county: true })
    if (region) errors.push(region)

    if (!industryCodes.includes(enterprise.industry)) {
      errors.push(
        fieldError(`${at}/industry`, 'invalid_value', { allowed: industryCodes.join(', ') }),
      )
    }
  }
  return errors
}
