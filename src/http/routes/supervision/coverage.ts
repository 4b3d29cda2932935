import type { FastifyInstance } from 'fastify'
import { readScope } from '../../../auth/access.js'
import { principalOf } from '../../../auth/principal.js'
import type { AppContext } from '../../../context.js'
import { chinaDay } from '../../../domain/values/time.js'
import { computeCoverage } from '../../../supervision/coverage.js'
import { problemResponses } from '../../schemas/problem.js'
import { CoverageQuerySchema, CoverageSchema } from '../../schemas/supervision/coverage.js'
import { supervisionAuth, supervisionTags } from './view-route.js'

type CoverageQuery = {
  year: number
  on?: string
  groupBy: 'region' | 'industry'
  after?: string
  limit: number
}

/** `GET /api/v1/supervision/coverage`: 应保尽保, registered units without cover. */
export async function coverageRoute(app: FastifyInstance, context: AppContext) {
  app.get<{ Querystring: CoverageQuery }>(
    '/api/v1/supervision/coverage',
    {
      config: { auth: supervisionAuth },
      schema: {
        operationId: 'getCoverageGaps',
        summary: '应保尽保监测 Registered units without cover',
        description:
          "Units of the enterprise registry (within the caller's region) that no policy of " +
          'any insurer covers on the day checked, page by page, with coverage per group.',
        tags: supervisionTags,
        security: [{ bearer: [] }],
        querystring: CoverageQuerySchema,
        response: { 200: CoverageSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const { year, on, groupBy, after, limit } = request.query
      const scope = readScope(principalOf(request))
      return computeCoverage(
        context.db,
        { year, on, groupBy, scope, page: { after, limit } },
        chinaDay(context.clock()),
      )
    },
  )
}
