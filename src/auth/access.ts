import { AppError } from '../domain/errors/app-error.js'
import { isWithinRegion, regionLevel, regionPrefix } from '../domain/values/regions.js'
import type { Principal } from './principal.js'

/** The part of the data a principal may search; an empty scope is everything. */
export interface ReadScope {
  insurerCode?: string
  /** Match `region_code LIKE regionPrefix || '%'`; records without a region do not match. */
  regionPrefix?: string
}

/**
 * A write for `insurerCode`'s records. Only that insurer may write them: another insurer,
 * a regulator and an admin are 403 (SPEC §2: admins do no business writes).
 */
export function assertCanWrite(principal: Principal, insurerCode: string): void {
  if (principal.role === 'insurer' && principal.insurerCode === insurerCode) return

  const detail =
    principal.role === 'insurer'
      ? { zh: '只能写入本公司的数据', en: "an insurer may write only its own company's records" }
      : { zh: '只有保险公司可以写入业务数据', en: 'only insurers write business records' }
  throw new AppError('forbidden', { detail })
}

/**
 * A read of a record of `insurerCode`, in `regionCode` when given (null: a record without a
 * region). What the principal may not see is 404, exactly as if it did not exist (SPEC §2).
 */
export function assertCanRead(
  principal: Principal,
  insurerCode: string,
  regionCode?: string | null,
): void {
  const visible =
    principal.role === 'insurer'
      ? principal.insurerCode === insurerCode
      : regionCode === undefined || isRegionVisible(principal, regionCode)
  if (!visible) throw new AppError('not_found')
}

/**
 * The filter a search applies: an insurer its own records, a city or county regulator its
 * region. A province regulator and an admin see everything, records without a region included.
 */
export function readScope(principal: Principal): ReadScope {
  if (principal.role === 'insurer') return { insurerCode: principal.insurerCode }
  if (principal.role === 'admin' || isProvinceRegulator(principal)) return {}
  return { regionPrefix: regionPrefix(principal.regionCode) }
}

/**
 * Whether a record in `regionCode` is within the principal's region. A record without one
 * (a ledger entry paying for no service, SPEC §2) is seen at province level only. Regions
 * never narrow an insurer, whose records are scoped by its insurerCode instead.
 */
export function isRegionVisible(principal: Principal, regionCode: string | null): boolean {
  if (principal.role !== 'regulator') return true
  if (regionCode === null) return isProvinceRegulator(principal)
  return isWithinRegion(regionCode, principal.regionCode)
}

function isProvinceRegulator(principal: Principal): boolean {
  return principal.role === 'regulator' && regionLevel(principal.regionCode) === 'province'
}
