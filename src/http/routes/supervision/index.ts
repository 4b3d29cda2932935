import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context.js'
import { coverageRoute } from './coverage.js'
import { hazardLoopRoute } from './hazards.js'
import { insurerEvaluationRoute } from './insurer-evaluation.js'
import { overviewRoute } from './overview.js'
import { preventionSpendRoute } from './prevention-spend.js'

/** The supervision views of SPEC §6, for regulators (within their region) and admins. */
export async function supervisionRoutes(app: FastifyInstance, context: AppContext) {
  await app.register(preventionSpendRoute, context)
  await app.register(hazardLoopRoute, context)
  await app.register(overviewRoute, context)
  await app.register(coverageRoute, context)
  await app.register(insurerEvaluationRoute, context)
}
