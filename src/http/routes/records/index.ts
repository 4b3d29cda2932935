import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context.js'
import type { RecordKindName } from '../../../domain/records/kinds.js'
import { kindSchemas } from '../../schemas/records/index.js'
import { readRecordRoutes } from './read-record.js'
import { searchRecordsRoute } from './search-records.js'
import { writeBatchRoute } from './write-batch.js'
import { writeRecordRoute } from './write-record.js'

/** The same write and read routes for every record kind, each with its own schemas. */
export async function recordRoutes(app: FastifyInstance, context: AppContext) {
  for (const [kind, schemas] of Object.entries(kindSchemas)) {
    const options = { context, kind: kind as RecordKindName, schemas }
    await app.register(writeRecordRoute, options)
    await app.register(readRecordRoutes, options)
    await app.register(searchRecordsRoute, options)
  }
  await app.register(writeBatchRoute, { context })
}
