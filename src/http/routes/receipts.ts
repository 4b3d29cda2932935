import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { assertCanRead } from '../../auth/access.js'
import { principalOf } from '../../auth/principal.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../domain/errors/app-error.js'
import { formatChinaTime } from '../../domain/values/time.js'
import { findReceipt } from '../../storage/records/history-store.js'
import { problemResponses } from '../schemas/problem.js'
import { ref } from '../schemas/records/index.js'

/** `GET /api/v1/receipts/{receiptId}`: a receipt again, exactly as it was signed. */
export async function receiptRoutes(app: FastifyInstance, context: AppContext) {
  app.get<{ Params: { receiptId: string } }>(
    '/api/v1/receipts/:receiptId',
    {
      config: { auth: { roles: ['insurer', 'admin'] } },
      schema: {
        operationId: 'getReceipt',
        summary: '查询回执 A receipt again',
        tags: ['receipts'],
        security: [{ bearer: [] }],
        params: Type.Object(
          {
            receiptId: Type.String({
              title: '回执编号',
              description: 'Receipt id',
              format: 'uuid',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref('Receipt'), ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const principal = principalOf(request)
      const row = await findReceipt(context.db, request.params.receiptId)
      if (!row) throw new AppError('not_found')
      assertCanRead(principal, row.insurer_code)

      return {
        receiptId: row.receipt_id,
        insurerCode: row.insurer_code,
        kind: row.kind,
        key: row.key,
        version: row.version,
        sha256: row.sha256,
        receivedAt: formatChinaTime(row.received_at),
        signature: row.signature,
      }
    },
  )
}
