import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context.js'
import { computePreventionSpend } from '../../../supervision/prevention-spend.js'
import { problemResponses } from '../../schemas/problem.js'
import { ViewQuerySchema } from '../../schemas/supervision/common.js'
import { PreventionSpendSchema } from '../../schemas/supervision/prevention-spend.js'
import { supervisionAuth, supervisionTags, viewRequestOf } from './view-route.js'

/** `GET /api/v1/supervision/prevention-spend`: the prevention-spend cap per group. */
export async function preventionSpendRoute(app: FastifyInstance, context: AppContext) {
  app.get(
    '/api/v1/supervision/prevention-spend',
    {
      config: { auth: supervisionAuth },
      schema: {
        operationId: 'getPreventionSpend',
        summary: '事故预防费用监测 Prevention spending against the cap',
        description:
          'Per group: premium collected on the policies issued in the year, the cap ' +
          '(PREVENTION_CAP_RATIO of it), the budget and the spending booked in the ledger in ' +
          "the year, their ratio and flags. Non-voided records in the caller's region only.",
        tags: supervisionTags,
        security: [{ bearer: [] }],
        querystring: ViewQuerySchema,
        response: { 200: PreventionSpendSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => computePreventionSpend(context.db, context.config, viewRequestOf(request)),
  )
}
