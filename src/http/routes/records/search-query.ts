import { regionPrefix } from '../../../domain/values/regions.js'
import type { SearchFilters } from '../../../storage/records/search.js'
import { commonSearchFilters } from '../../schemas/search.js'

/** A search query as validated: the common filters, the kind's own, and paging. */
export type SearchQuery = Record<string, string | number | boolean | undefined>

const commonNames = new Set(Object.keys(commonSearchFilters))

/**
 * The storage filters of a search (or an export) query: the common ones by name, a region as
 * the prefix of its hierarchy, and every other field as a kind-specific filter.
 */
export function searchFiltersOf(query: SearchQuery): SearchFilters {
  const extra = Object.fromEntries(
    Object.entries(query).filter(
      (entry): entry is [string, string | number | boolean] =>
        !commonNames.has(entry[0]) && entry[1] !== undefined,
    ),
  )
  return {
    insurerCode: query.insurerCode as string | undefined,
    regionPrefix: query.regionCode ? regionPrefix(String(query.regionCode)) : undefined,
    industry: query.industry as string | undefined,
    status: query.status as string | undefined,
    updatedSince: query.updatedSince as string | undefined,
    extra,
  }
}
