import type { FastifyInstance } from 'fastify'
import { principalOf } from '../../auth/principal.js'
import { roles } from '../../auth/roles.js'
import { PrincipalSchema } from '../schemas/oauth.js'
import { problemResponses } from '../schemas/problem.js'

/**
 * Who the token speaks for: an integrator's first call after getting a token, to check the
 * client's role and tenant before sending data.
 */
export async function meRoutes(app: FastifyInstance) {
  app.get(
    '/api/v1/me',
    {
      config: { auth: { roles } },
      schema: {
        operationId: 'getCurrentClient',
        summary: '当前调用方 The client the access token speaks for',
        tags: ['auth'],
        security: [{ bearer: [] }],
        response: { 200: PrincipalSchema, ...problemResponses(401, 429) },
      },
    },
    async (request) => principalOf(request),
  )
}
