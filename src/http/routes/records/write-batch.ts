import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { assertCanWrite } from '../../../auth/access.js'
import { principalOf } from '../../../auth/principal.js'
import type { AppContext } from '../../../context.js'
import { ruleViolation } from '../../../domain/errors/app-error.js'
import type { FieldError } from '../../../domain/errors/field-error.js'
import { canonicalJson, sha256Hex } from '../../../domain/records/canonical.js'
import type { RecordKindName } from '../../../domain/records/kinds.js'
import { renderWarnings } from '../../../domain/records/views.js'
import { runWrites, type WriteItem, type WriteRun } from '../../../domain/records/write-records.js'
import { type Language, pickLanguage } from '../../language.js'
import { storeIdempotentAnswer } from '../../plugins/idempotency.js'
import { renderFieldErrors } from '../../problem.js'
import { CreditCodeSchema } from '../../schemas/common.js'
import { problemResponses } from '../../schemas/problem.js'
import { BatchRequestSchema } from '../../schemas/records/batch.js'
import { kindSchemas, ref } from '../../schemas/records/index.js'
import { createSchemaChecker } from '../../validation.js'
import { createWriteDependencies } from './dependencies.js'
import { DryRunQuerySchema } from './write-record.js'

/** `POST /api/v1/insurers/{insurerCode}/batches`: many records in one request, in order. */
export async function writeBatchRoute(app: FastifyInstance, options: { context: AppContext }) {
  const { context } = options
  const deps = createWriteDependencies(app, context)
  const check = createSchemaChecker(app.getSchemas())

  app.post<{
    Params: { insurerCode: string }
    Querystring: { dryRun?: boolean }
    Body: { atomic?: boolean; items: Array<{ kind: RecordKindName; key: string; record: object }> }
  }>(
    '/api/v1/insurers/:insurerCode/batches',
    {
      config: { auth: { roles: ['insurer'] } },
      schema: {
        operationId: 'postBatch',
        summary: '批量写入 Write many records in one request',
        description:
          'Items are applied in order. The batch receipt signs the SHA-256 of the canonical ' +
          'JSON of the request body. Send `Idempotency-Key` to make retries safe.',
        tags: ['batches'],
        security: [{ bearer: [] }],
        params: Type.Object(
          { insurerCode: { ...CreditCodeSchema, title: '保险机构代码', description: 'Insurer' } },
          { additionalProperties: false },
        ),
        querystring: DryRunQuerySchema,
        body: BatchRequestSchema,
        response: {
          200: ref('BatchResult'),
          ...problemResponses(400, 401, 403, 409, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const { insurerCode } = request.params
      assertCanWrite(principal, insurerCode)

      const language = pickLanguage(request.headers['accept-language'])
      const items: WriteItem[] = request.body.items.map((item, index) => {
        const schemaId = kindSchemas[item.kind]?.names.body ?? ''
        const errors = check(schemaId, item.record, `/items/${index}/record`)
        if (errors.length > 0) return { kind: item.kind, key: item.key, errors }
        return { kind: item.kind, key: item.key, body: item.record as Record<string, unknown> }
      })

      let payload: string | undefined
      const answer = (run: WriteRun) => JSON.stringify(batchAnswer(run, language))
      const run = await runWrites(
        deps,
        { insurerCode, clientId: principal.clientId, requestId: request.id },
        items,
        {
          dryRun: request.query.dryRun === true,
          atomic: request.body.atomic === true,
          receipt: {
            per: 'batch',
            key: request.id,
            sha256: sha256Hex(canonicalJson(request.body)),
          },
          beforeCommit: async (tx, committed) => {
            payload = answer(committed)
            const headers = { 'content-type': 'application/json; charset=utf-8' }
            await storeIdempotentAnswer(tx, request, { status: 200, headers, body: payload })
          },
        },
      )

      const rejected = run.outcomes.some((o) => o.evaluation.outcome === 'rejected')
      if (request.body.atomic === true && rejected) throw ruleViolation(itemErrors(run))
      return reply.type('application/json; charset=utf-8').send(payload ?? answer(run))
    },
  )
}

function batchAnswer(run: WriteRun, language: Language) {
  return {
    results: run.outcomes.map(({ item, evaluation }, index) => {
      const base = { index, kind: item.kind, key: item.key, status: evaluation.outcome }
      if (evaluation.outcome === 'rejected') {
        return { ...base, errors: renderFieldErrors(inRequest(evaluation.errors, index), language) }
      }
      return {
        ...base,
        version: evaluation.record.version,
        warnings: renderWarnings(evaluation.warnings, language),
      }
    }),
    ...(run.receipts[0] ? { receipt: run.receipts[0] } : {}),
  }
}

/** Every rejected item's errors, for the 422 of an atomic batch. */
function itemErrors(run: WriteRun): FieldError[] {
  return run.outcomes.flatMap(({ evaluation }, index) =>
    evaluation.outcome === 'rejected' ? inRequest(evaluation.errors, index) : [],
  )
}

/**
 * An item's errors with paths into the request (`/items/3/record/policyNo`). Schema errors
 * already carry them; the rules name fields of the record alone.
 */
function inRequest(errors: FieldError[], index: number): FieldError[] {
  const prefix = `/items/${index}/record`
  return errors.map((error) =>
    error.path.startsWith('/items/') ? error : { ...error, path: prefix + error.path },
  )
}
