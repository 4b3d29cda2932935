import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../domain/errors/app-error.js'
import { fieldError } from '../../domain/errors/field-error.js'
import { type RegistryEnterprise, readRegistryCsv } from '../../domain/registry/enterprises.js'
import { importRegistry } from '../../domain/registry/import-registry.js'
import { formatChinaTime } from '../../domain/values/time.js'
import { listRegistry } from '../../storage/registry-store.js'
import { problemResponses } from '../schemas/problem.js'
import {
  RegistryCsvSchema,
  RegistryImportResultSchema,
  RegistryJsonSchema,
  RegistryListQuerySchema,
  RegistryPageSchema,
} from '../schemas/registry.js'

const PATH = '/api/v1/admin/registry/enterprises'
const common = { tags: ['admin'], security: [{ bearer: [] }] }

/**
 * The enterprise registry (应保尽保 名录): replaced whole by an admin, as CSV or JSON, and
 * listed. CSV is parsed here only: every other route still answers 415 to it.
 */
export async function adminRegistryRoutes(app: FastifyInstance, context: AppContext) {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body)
  })

  app.put<{ Body: string | { enterprises: RegistryEnterprise[] } }>(
    PATH,
    {
      config: { auth: { roles: ['admin'] } },
      schema: {
        ...common,
        operationId: 'replaceRegistry',
        summary: '导入企业名录 Replace the enterprise registry',
        description:
          'All or nothing: when any row fails, the answer is 422 naming every rejected row ' +
          '(`/lines/{line}/{field}` for CSV, `/enterprises/{index}/{field}` for JSON) and the ' +
          'registry is left as it was.',
        body: {
          content: {
            'application/json': { schema: RegistryJsonSchema },
            'text/csv': { schema: RegistryCsvSchema },
          },
        },
        response: {
          200: RegistryImportResultSchema,
          ...problemResponses(400, 401, 403, 413, 415, 422, 429),
        },
      },
    },
    async (request) => {
      const { body } = request
      // Fastify validates a body only when one arrives: an empty request reaches us as is.
      if (body === undefined || body === null) {
        throw new AppError('validation_failed', {
          errors: [fieldError('', 'required', { field: 'enterprises' })],
        })
      }
      const read =
        typeof body === 'string'
          ? readRegistryCsv(body)
          : {
              rows: body.enterprises.map((enterprise, index) => ({
                at: `/enterprises/${index}`,
                enterprise,
              })),
              errors: [],
            }

      const result = await importRegistry(context.db, read.rows, read.errors)
      request.log.info({ count: result.count }, 'enterprise registry replaced')
      return { count: result.count, importedAt: formatChinaTime(result.importedAt) }
    },
  )

  app.get<{ Querystring: { after?: string; limit: number } }>(
    PATH,
    {
      config: { auth: { roles: ['admin'] } },
      schema: {
        ...common,
        operationId: 'listRegistry',
        summary: '查询企业名录 List the enterprise registry',
        querystring: RegistryListQuerySchema,
        response: { 200: RegistryPageSchema, ...problemResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const { after, limit } = request.query
      const entries = await listRegistry(context.db, { after, limit: limit + 1 })
      const more = entries.length > limit
      const shown = more ? entries.slice(0, limit) : entries
      return {
        items: shown.map((e) => ({ ...e, importedAt: formatChinaTime(e.importedAt) })),
        nextAfter: more ? (shown.at(-1)?.creditCode ?? null) : null,
      }
    },
  )
}
