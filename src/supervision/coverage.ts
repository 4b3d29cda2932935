import { AppError } from '../domain/errors/app-error.js'
import { fieldError } from '../domain/errors/field-error.js'
import type { Database } from '../storage/database.js'
import type { ReadScope } from '../storage/records/search.js'
import { countCoverage, findCoverageGaps } from '../storage/supervision/coverage.js'
import { ratioOf } from './figures.js'
import { groupOf } from './grouping.js'
import { coverageRule } from './rules.js'

export interface CoverageRequest {
  year: number
  /** The day to check; by default today within the current year, else the year's last day. */
  on: string | undefined
  groupBy: 'region' | 'industry'
  scope: ReadScope
  page: { after: string | undefined; limit: number }
}

/** 应保尽保: registered units with no policy in force (SPEC §6). */
export async function computeCoverage(db: Database, request: CoverageRequest, today: string) {
  const on = referenceDay(request, today)
  const query = { on, regionPrefix: request.scope.regionPrefix }

  const counts = await countCoverage(db, query, request.groupBy)
  const gaps = await findCoverageGaps(db, query, {
    after: request.page.after,
    limit: request.page.limit + 1,
  })
  const more = gaps.length > request.page.limit
  const shown = more ? gaps.slice(0, request.page.limit) : gaps

  return {
    year: request.year,
    on,
    rule: coverageRule(on),
    items: shown.map((gap) => ({
      creditCode: gap.credit_code,
      name: gap.name,
      regionCode: gap.region_code,
      industry: gap.industry,
    })),
    nextAfter: more ? (shown.at(-1)?.credit_code ?? null) : null,
    summary: counts.map((row) => ({
      ...groupOf(request.groupBy, row.group_key),
      registered: row.registered,
      covered: row.covered,
      uncovered: row.registered - row.covered,
      coverageRate: ratioOf(row.covered, row.registered),
    })),
  }
}

function referenceDay(request: CoverageRequest, today: string): string {
  const { year, on } = request
  if (on !== undefined) {
    if (on.startsWith(`${year}-`)) return on
    throw new AppError('validation_failed', {
      errors: [fieldError('/query/on', 'outside_year', { year })],
    })
  }
  const currentYear = Number(today.slice(0, 4))
  if (year === currentYear) return today
  return year < currentYear ? `${year}-12-31` : `${year}-01-01`
}
