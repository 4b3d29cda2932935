import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context.js'
import type { HazardList } from '../../../storage/supervision/hazard-conditions.js'
import { computeHazardLoop } from '../../../supervision/hazards.js'
import { problemResponses } from '../../schemas/problem.js'
import { HazardLoopQuerySchema, HazardLoopSchema } from '../../schemas/supervision/hazards.js'
import { supervisionAuth, supervisionTags, viewRequestOf } from './view-route.js'

/** `GET /api/v1/supervision/hazards`: the major-hazard closed loop per group. */
export async function hazardLoopRoute(app: FastifyInstance, context: AppContext) {
  app.get<{ Querystring: { list?: HazardList } }>(
    '/api/v1/supervision/hazards',
    {
      config: { auth: supervisionAuth },
      schema: {
        operationId: 'getHazardLoop',
        summary: '重大事故隐患闭环监测 The hazard closed loop',
        description:
          'Hazards found in the year (China time) per group: by level and status, overdue, ' +
          'overdue-unreported, notified late and the rectification rate, evaluated now with ' +
          'the same rules as the derived fields of each hazard. `list` adds those hazards.',
        tags: supervisionTags,
        security: [{ bearer: [] }],
        querystring: HazardLoopQuerySchema,
        response: { 200: HazardLoopSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) =>
      computeHazardLoop(
        context.db,
        context.config,
        { ...viewRequestOf(request), list: request.query.list },
        context.clock(),
      ),
  )
}
