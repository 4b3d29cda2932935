import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { readScope } from '../../auth/access.js'
import { principalOf } from '../../auth/principal.js'
import type { AppContext } from '../../context.js'
import { createNdjsonExport } from '../../domain/exports/ndjson-export.js'
import type { RecordKindName } from '../../domain/records/kinds.js'
import { toRecordView } from '../../domain/records/views.js'
import { chinaDay } from '../../domain/values/time.js'
import { searchRecords } from '../../storage/records/search.js'
import { problemResponses } from '../schemas/problem.js'
import { kindSchemas, ref } from '../schemas/records/index.js'
import { searchQuerySchema } from '../schemas/search.js'
import { type SearchQuery, searchFiltersOf } from './records/search-query.js'

/** Rows read per query: large enough to be cheap per row, small enough to hold in memory. */
const EXPORT_PAGE_SIZE = 1000

/** `GET /api/v1/exports/{kind}`: every record a search would find, streamed as NDJSON. */
export async function exportRoutes(app: FastifyInstance, context: AppContext) {
  for (const [name, schemas] of Object.entries(kindSchemas)) {
    const kind = name as RecordKindName
    const { limit: _limit, cursor: _cursor, ...filters } = searchQuerySchema(kind).properties

    app.get<{ Querystring: SearchQuery }>(
      `/api/v1/exports/${kind}`,
      {
        config: { auth: { roles: ['insurer', 'regulator', 'admin'] } },
        schema: {
          operationId: `export${schemas.names.body}`,
          summary: `导出${schemas.title} Export as NDJSON`,
          description:
            'The filters of the search, without paging: one record view per line ' +
            '(application/x-ndjson), in id order, streamed as it is read. Records written ' +
            'while an export runs may or may not be in it; each record appears once.',
          tags: ['sharing'],
          security: [{ bearer: [] }],
          querystring: Type.Object(filters, { additionalProperties: false }),
          response: {
            200: {
              description: 'One record view per line',
              content: { 'application/x-ndjson': { schema: ref(schemas.names.view) } },
            },
            ...problemResponses(400, 401, 403, 429),
          },
        },
      },
      async (request, reply) => {
        const scope = readScope(principalOf(request))
        const filters = searchFiltersOf(request.query)
        const now = context.clock()
        const derive = { config: context.config, now }

        const stream = createNdjsonExport(async (after) => {
          const page = await searchRecords(
            context.db,
            kind,
            scope,
            filters,
            { after, limit: EXPORT_PAGE_SIZE },
            { today: chinaDay(now) },
          )
          const lines = page.records.map((r) => `${JSON.stringify(toRecordView(r, derive))}\n`)
          return { lines, nextAfter: page.nextAfter }
        })
        return reply.type('application/x-ndjson; charset=utf-8').send(stream)
      },
    )
  }
}
