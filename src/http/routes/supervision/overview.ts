import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context.js'
import { chinaDay } from '../../../domain/values/time.js'
import { computeOverview } from '../../../supervision/overview.js'
import { problemResponses } from '../../schemas/problem.js'
import { ViewQuerySchema } from '../../schemas/supervision/common.js'
import { OverviewSchema } from '../../schemas/supervision/overview.js'
import { supervisionAuth, supervisionTags, viewRequestOf } from './view-route.js'

/** `GET /api/v1/supervision/overview`: underwriting, claims and services at a glance. */
export async function overviewRoute(app: FastifyInstance, context: AppContext) {
  app.get(
    '/api/v1/supervision/overview',
    {
      config: { auth: supervisionAuth },
      schema: {
        operationId: 'getSupervisionOverview',
        summary: '安责险监管总览 Overview of underwriting, claims and services',
        description:
          'Per group: policies issued in the year and those in force today, units covered, ' +
          'headcount, premium, claims of accidents in the year and the loss ratio, services ' +
          'by type, training and drills, risk classes, rate floating and compliance flags.',
        tags: supervisionTags,
        security: [{ bearer: [] }],
        querystring: ViewQuerySchema,
        response: { 200: OverviewSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) =>
      computeOverview(
        context.db,
        context.config,
        viewRequestOf(request),
        chinaDay(context.clock()),
      ),
  )
}
