import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { AppContext } from '../../context.js'
import { AppError } from '../../domain/errors/app-error.js'
import { formatChinaTime } from '../../domain/values/time.js'
import {
  allowListCreditCode,
  listAllowList,
  removeFromAllowList,
} from '../../storage/allow-list-store.js'
import { CreditCodeSchema, TimestampSchema } from '../schemas/common.js'
import { problemResponses } from '../schemas/problem.js'

const EntrySchema = Type.Object(
  {
    creditCode: CreditCodeSchema,
    reason: Type.String({ title: '原因', description: 'Why this code is accepted' }),
    createdAt: { ...TimestampSchema, title: '加入时间', description: 'When it was added' },
  },
  { title: '白名单条目', description: 'An allow-listed code', additionalProperties: false },
)

const ParamsSchema = Type.Object({ creditCode: CreditCodeSchema }, { additionalProperties: false })

const common = { tags: ['admin'], security: [{ bearer: [] }] }
const auth = { roles: ['admin' as const] }

/**
 * The allow-list of pilot-era credit codes that fail the GB 32100 check character but were
 * issued all the same (SPEC §1). Writes naming such a code are accepted once it is listed.
 */
export async function adminAllowListRoutes(app: FastifyInstance, context: AppContext) {
  const path = '/api/v1/admin/credit-code-allowlist'

  app.get(
    path,
    {
      config: { auth },
      schema: {
        ...common,
        operationId: 'listCreditCodeAllowList',
        summary: '信用代码白名单 Allow-listed pilot-era credit codes',
        response: {
          200: Type.Object(
            { items: Type.Array(EntrySchema, { title: '条目', description: 'Entries' }) },
            { title: '白名单', description: 'The allow-list', additionalProperties: false },
          ),
          ...problemResponses(401, 403, 429),
        },
      },
    },
    async () => {
      const entries = await listAllowList(context.db)
      return { items: entries.map((e) => ({ ...e, createdAt: formatChinaTime(e.createdAt) })) }
    },
  )

  app.put<{ Params: { creditCode: string }; Body: { reason: string } }>(
    `${path}/:creditCode`,
    {
      config: { auth },
      schema: {
        ...common,
        operationId: 'allowListCreditCode',
        summary: '加入白名单 Accept a pilot-era credit code',
        params: ParamsSchema,
        body: Type.Object(
          {
            reason: Type.String({
              title: '原因',
              description: 'Why the code is accepted',
              minLength: 1,
              maxLength: 500,
            }),
          },
          { title: '白名单条目', description: 'Entry', additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 415, 429) },
      },
    },
    async (request, reply) => {
      await allowListCreditCode(context.db, request.params.creditCode, request.body.reason)
      return reply.code(204).send()
    },
  )

  app.delete<{ Params: { creditCode: string } }>(
    `${path}/:creditCode`,
    {
      config: { auth },
      schema: {
        ...common,
        operationId: 'removeCreditCodeFromAllowList',
        summary: '移出白名单 Stop accepting a pilot-era credit code',
        params: ParamsSchema,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const removed = await removeFromAllowList(context.db, request.params.creditCode)
      if (!removed) throw new AppError('not_found')
      return reply.code(204).send()
    },
  )
}
