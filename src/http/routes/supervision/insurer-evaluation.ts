import type { FastifyInstance } from 'fastify'
import { readScope } from '../../../auth/access.js'
import { principalOf } from '../../../auth/principal.js'
import type { AppContext } from '../../../context.js'
import { computeInsurerEvaluation } from '../../../supervision/insurer-evaluation.js'
import { SUBMISSION_DAYS } from '../../../supervision/rules.js'
import { problemResponses } from '../../schemas/problem.js'
import {
  EvaluationQuerySchema,
  InsurerEvaluationSchema,
} from '../../schemas/supervision/insurer-evaluation.js'
import { supervisionAuth, supervisionTags } from './view-route.js'

/** `GET /api/v1/supervision/insurer-evaluation`: the yearly indicators of each insurer. */
export async function insurerEvaluationRoute(app: FastifyInstance, context: AppContext) {
  app.get<{ Querystring: { year: number } }>(
    '/api/v1/supervision/insurer-evaluation',
    {
      config: { auth: supervisionAuth },
      schema: {
        operationId: 'getInsurerEvaluation',
        summary: '承保机构年度评估 Yearly evaluation indicators per insurer',
        description:
          'Spend ratio, services per policy, major hazards found, rectified and reported, and ' +
          'two docking indicators. On-time submission rate: of the records whose business ' +
          'date (policy issueDate, claim reportedAt, service startedAt, hazard foundAt, ledger ' +
          `bookedAt) falls in the year, the share first received within ${SUBMISSION_DAYS} ` +
          'calendar days (China time) after that date. Rejected-submission rate: record ' +
          'writes refused with 400 or 422 (a rejected batch item counts as one; dry runs and ' +
          'idempotent replays do not count) over all record writes received in the year; ' +
          'province-wide callers only, since a refused record has no region.',
        tags: supervisionTags,
        security: [{ bearer: [] }],
        querystring: EvaluationQuerySchema,
        response: { 200: InsurerEvaluationSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) =>
      computeInsurerEvaluation(context.db, context.config, {
        year: request.query.year,
        scope: readScope(principalOf(request)),
      }),
  )
}
