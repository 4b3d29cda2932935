import type { FastifyInstance } from 'fastify'
import { readScope } from '../../auth/access.js'
import { principalOf } from '../../auth/principal.js'
import type { AppContext } from '../../context.js'
import { formatChinaTime } from '../../domain/values/time.js'
import { sealAuditLog } from '../../storage/audit-store.js'
import { readChanges } from '../../storage/change-feed.js'
import { ChangesQuerySchema, ChangesSchema } from '../schemas/changes.js'
import { problemResponses } from '../schemas/problem.js'

/** `GET /api/v1/changes`: every write the caller may see, in commit order (SPEC §7). */
export async function changeRoutes(app: FastifyInstance, context: AppContext) {
  app.get<{ Querystring: { after: number; limit: number } }>(
    '/api/v1/changes',
    {
      config: { auth: { roles: ['insurer', 'regulator', 'admin'] } },
      schema: {
        operationId: 'listChanges',
        summary: '变更流 Writes in commit order',
        description:
          'Created and replaced records (an unchanged resend is no change) within the ' +
          "caller's scope: an insurer its own, a regulator its region, an admin all. Follow " +
          'nextAfter: a write whose transaction began earlier and committed later is never ' +
          'skipped, because positions are handed out in commit order.',
        tags: ['sharing'],
        security: [{ bearer: [] }],
        querystring: ChangesQuerySchema,
        response: { 200: ChangesSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const scope = readScope(principalOf(request))
      // Seal what has committed so that a fresh write shows without waiting for the timer.
      await sealAuditLog(context.db)
      const page = await readChanges(context.db, scope, request.query)
      return {
        items: page.changes.map((c) => ({ ...c, changedAt: formatChinaTime(c.changedAt) })),
        nextAfter: page.nextAfter,
      }
    },
  )
}
