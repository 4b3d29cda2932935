import { findAllowListed } from '../../storage/allow-list-store.js'
import type { Database } from '../../storage/database.js'
import { replaceRegistry } from '../../storage/registry-store.js'
import { AppError } from '../errors/app-error.js'
import { checkRegistryRows, type RegistryRow, suspectCreditCodes } from './enterprises.js'

/** A problem document stays readable: past this many errors the rest are counted, not listed. */
const MAX_LISTED_ERRORS = 10_000

/**
 * Replaces the registry with `rows`, all or nothing: one bad row rejects the import (422 with
 * every rejected row) and the registry stays as it was, since replacing it with part of a
 * list would silently drop units that must insure.
 */
export async function importRegistry(
  db: Database,
  rows: RegistryRow[],
  earlierErrors: AppError['errors'] = [],
): Promise<{ count: number; importedAt: Date }> {
  const allowListed = await findAllowListed(db, suspectCreditCodes(rows))
  const errors = [...earlierErrors, ...checkRegistryRows(rows, (code) => allowListed.has(code))]
  errors.sort((a, b) => rowNumber(a.path) - rowNumber(b.path))

  if (errors.length > 0) {
    const rejected = new Set(errors.map((e) => e.path.split('/').slice(0, 3).join('/'))).size
    const listed = errors.length > MAX_LISTED_ERRORS ? ` (first ${MAX_LISTED_ERRORS} errors)` : ''
    throw new AppError('rule_violation', {
      detail: {
        zh: `${rejected} 行未通过校验，企业名录未作任何更改${listed ? `（仅列出前 ${MAX_LISTED_ERRORS} 项错误）` : ''}`,
        en: `${rejected} row(s) rejected; the registry was not changed${listed}`,
      },
      errors: errors.slice(0, MAX_LISTED_ERRORS),
    })
  }

  const importedAt = await replaceRegistry(
    db,
    rows.map((row) => row.enterprise),
  )
  return { count: rows.length, importedAt }
}

/** `/lines/7/name` → 7: errors are answered in the order of the rows. */
function rowNumber(path: string): number {
  return Number(path.split('/')[2] ?? 0)
}
