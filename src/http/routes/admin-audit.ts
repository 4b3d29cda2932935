import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { AppContext } from '../../context.js'
import { sealAuditLog, verifyAuditChain } from '../../storage/audit-store.js'
import { problemResponses } from '../schemas/problem.js'

const VerdictSchema = Type.Object(
  {
    ok: Type.Boolean({ title: '链完整', description: 'True when every sealed entry matches' }),
    checked: Type.Integer({ title: '已校验条数', description: 'Entries verified' }),
    firstBroken: Type.Optional(
      Type.Integer({ title: '首个断点', description: 'seq of the first entry that fails' }),
    ),
  },
  {
    title: '审计链校验结果',
    description: 'Verdict on the audit chain',
    additionalProperties: false,
  },
)

/** `GET /api/v1/admin/audit/verify`: recomputes the audit log's hash chain (SPEC §3). */
export async function adminAuditRoutes(app: FastifyInstance, context: AppContext) {
  app.get(
    '/api/v1/admin/audit/verify',
    {
      config: { auth: { roles: ['admin'] } },
      schema: {
        operationId: 'verifyAuditChain',
        summary: '校验审计日志 Verify the tamper-evident audit chain',
        tags: ['admin'],
        security: [{ bearer: [] }],
        response: { 200: VerdictSchema, ...problemResponses(401, 403, 429) },
      },
    },
    async () => {
      await sealAuditLog(context.db)
      return verifyAuditChain(context.db)
    },
  )
}
