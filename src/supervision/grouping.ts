import type { ReadScope } from '../storage/records/search.js'

/** How a supervision view groups its figures (SPEC §6). */
export const groupings = ['insurer', 'region', 'industry'] as const

export type GroupBy = (typeof groupings)[number]

/** What every view is asked: the year, the grouping and the caller's part of the province. */
export interface ViewRequest {
  year: number
  groupBy: GroupBy
  scope: ReadScope
}

/** The field naming an item's group; a region group is a city (`450100`). */
export function groupField(groupBy: GroupBy): 'insurerCode' | 'regionCode' | 'industry' {
  if (groupBy === 'insurer') return 'insurerCode'
  return groupBy === 'region' ? 'regionCode' : 'industry'
}

/** `{insurerCode: …}`, `{regionCode: …}` or `{industry: …}` for one group's key. */
export function groupOf(groupBy: GroupBy, key: string | null): Record<string, string | null> {
  return { [groupField(groupBy)]: key }
}

/** Whether the caller sees the whole province (records without a region included). */
export function isProvinceWide(scope: ReadScope): boolean {
  return scope.regionPrefix === undefined
}

/** Groups in code order, the group without a key (records without a region) last. */
export function compareGroupKeys(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a < b ? -1 : 1
}
