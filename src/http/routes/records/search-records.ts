import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { readScope } from '../../../auth/access.js'
import { principalOf } from '../../../auth/principal.js'
import type { AppContext } from '../../../context.js'
import { AppError } from '../../../domain/errors/app-error.js'
import { fieldError } from '../../../domain/errors/field-error.js'
import type { RecordKindName } from '../../../domain/records/kinds.js'
import { toRecordView } from '../../../domain/records/views.js'
import { chinaDay } from '../../../domain/values/time.js'
import { searchRecords } from '../../../storage/records/search.js'
import { problemResponses } from '../../schemas/problem.js'
import { type KindSchemas, ref } from '../../schemas/records/index.js'
import { searchQuerySchema } from '../../schemas/search.js'
import { type SearchQuery, searchFiltersOf } from './search-query.js'

type PagedSearchQuery = SearchQuery & { limit: number }

/** `GET /api/v1/{kind}`: search across insurers within the caller's scope, page by page. */
export async function searchRecordsRoute(
  app: FastifyInstance,
  options: { context: AppContext; kind: RecordKindName; schemas: KindSchemas },
) {
  const { context, kind, schemas } = options

  app.get<{ Querystring: PagedSearchQuery }>(
    `/api/v1/${kind}`,
    {
      config: { auth: { roles: ['insurer', 'regulator', 'admin'] } },
      // A page holds up to 1,000 views built here from validated records: the engine's own
      // JSON.stringify writes them faster than a schema serializer, which must also test each
      // view against the branches of its schema. The schema still documents the answer.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        operationId: `search${schemas.names.body}`,
        summary: `检索${schemas.title} Search across insurers within the caller's scope`,
        tags: [kind],
        security: [{ bearer: [] }],
        querystring: searchQuerySchema(kind),
        response: {
          200: Type.Object(
            {
              items: Type.Array(ref(schemas.names.view), {
                title: '记录',
                description: 'Records in a stable order',
              }),
              nextCursor: Type.Union([Type.String(), Type.Null()], {
                title: '下一页游标',
                description: 'Pass as cursor for the next page; null on the last page',
              }),
            },
            { title: '检索结果', description: 'One page', additionalProperties: false },
          ),
          ...problemResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const query = request.query
      const scope = readScope(principalOf(request))
      const now = context.clock()

      const { cursor, limit, ...filters } = query
      const page = await searchRecords(
        context.db,
        kind,
        scope,
        searchFiltersOf(filters),
        { after: decodeCursor(cursor as string | undefined), limit },
        { today: chinaDay(now) },
      )

      return {
        items: page.records.map((r) => toRecordView(r, { config: context.config, now })),
        nextCursor: page.nextAfter === undefined ? null : encodeCursor(page.nextAfter),
      }
    },
  )
}

/** Cursors are opaque to clients: the last id seen, in base64url. */
function encodeCursor(after: number): string {
  return Buffer.from(`after:${after}`).toString('base64url')
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0
  const match = /^after:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (!match) {
    throw new AppError('validation_failed', {
      errors: [fieldError('/query/cursor', 'invalid', { reason: 'not a cursor of this API' })],
    })
  }
  return Number(match[1])
}
