import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { healthRoutes } from './health.js'

/** Every route of the service, each group in a file of its own. */
export async function registerRoutes(app: FastifyInstance, context: AppContext) {
  await app.register(healthRoutes, context)
}
