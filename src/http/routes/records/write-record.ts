import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { assertCanWrite } from '../../../auth/access.js'
import { principalOf } from '../../../auth/principal.js'
import type { AppContext } from '../../../context.js'
import { ruleViolation } from '../../../domain/errors/app-error.js'
import type { RecordKindName } from '../../../domain/records/kinds.js'
import { renderWarnings, toRecordView } from '../../../domain/records/views.js'
import { runWrites } from '../../../domain/records/write-records.js'
import { pickLanguage } from '../../language.js'
import { CreditCodeSchema } from '../../schemas/common.js'
import { problemResponses } from '../../schemas/problem.js'
import { type KindSchemas, ref } from '../../schemas/records/index.js'
import { KeyParamSchema } from '../../schemas/records/views.js'
import { createWriteDependencies } from './dependencies.js'
import { createPrecondition, etagOf } from './preconditions.js'

export const InsurerKeyParamsSchema = Type.Object(
  {
    insurerCode: { ...CreditCodeSchema, title: '保险机构代码', description: 'Insurer branch' },
    key: KeyParamSchema,
  },
  { additionalProperties: false },
)

export const DryRunQuerySchema = Type.Object(
  {
    dryRun: Type.Optional(
      Type.Boolean({
        title: '试运行',
        description: 'Run every check and answer as a real write would, storing nothing',
      }),
    ),
  },
  { additionalProperties: false },
)

const PreconditionHeadersSchema = Type.Object({
  'if-match': Type.Optional(
    Type.String({ title: '版本条件', description: 'Write only over this version: "3"' }),
  ),
  'if-none-match': Type.Optional(
    Type.String({ title: '仅创建', description: '* to create only', maxLength: 200 }),
  ),
})

/** `PUT /api/v1/insurers/{insurerCode}/{kind}/{key}`: create or replace one record. */
export async function writeRecordRoute(
  app: FastifyInstance,
  options: { context: AppContext; kind: RecordKindName; schemas: KindSchemas },
) {
  const { context, kind, schemas } = options
  const deps = createWriteDependencies(app, context)

  app.put<{
    Params: { insurerCode: string; key: string }
    Querystring: { dryRun?: boolean }
    Headers: { 'if-match'?: string; 'if-none-match'?: string }
    Body: Record<string, unknown>
  }>(
    `/api/v1/insurers/:insurerCode/${kind}/:key`,
    {
      config: { auth: { roles: ['insurer'] } },
      schema: {
        operationId: `put${schemas.names.body}`,
        summary: `写入${schemas.title} Create or replace a ${schemas.names.body.toLowerCase()}`,
        tags: [kind],
        security: [{ bearer: [] }],
        params: InsurerKeyParamsSchema,
        querystring: DryRunQuerySchema,
        headers: PreconditionHeadersSchema,
        body: ref(schemas.names.body),
        response: {
          200: ref(schemas.names.writeResult),
          201: ref(schemas.names.writeResult),
          ...problemResponses(400, 401, 403, 412, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { insurerCode, key } = request.params
      assertCanWrite(principal, insurerCode)

      const dryRun = request.query.dryRun === true
      const run = await runWrites(
        deps,
        { insurerCode, clientId: principal.clientId, requestId: request.id },
        [{ kind, key, body: request.body }],
        {
          dryRun,
          atomic: true,
          receipt: { per: 'record' },
          precondition: createPrecondition(request.headers),
        },
      )

      const evaluation = run.outcomes[0]?.evaluation
      if (!evaluation) throw new Error('a single write produced no outcome')
      if (evaluation.outcome === 'rejected') throw ruleViolation(evaluation.errors)

      const language = pickLanguage(request.headers['accept-language'])
      const view = toRecordView(evaluation.record, { config: context.config, now: context.clock() })
      reply.code(evaluation.outcome === 'created' ? 201 : 200)
      reply.header('etag', etagOf(evaluation.record.version))
      return {
        ...view,
        ...(dryRun ? {} : { receipt: run.receipts[0] }),
        warnings: renderWarnings(evaluation.warnings, language),
      }
    },
  )
}
