import type { FastifyInstance } from 'fastify'
import { DictionarySchema } from './dictionaries.js'
import { ProblemSchema } from './problem.js'
import { BatchResultSchema } from './records/batch.js'
import { kindSchemas } from './records/index.js'
import { ReceiptSchema } from './records/views.js'

/**
 * Registers the schemas routes refer to by `$ref`; they become named components of the
 * OpenAPI document and are handed to the validators (STACK.md, traps 3 and 4).
 */
export function registerSharedSchemas(app: FastifyInstance): void {
  app.addSchema(ProblemSchema)
  app.addSchema(ReceiptSchema)
  app.addSchema(DictionarySchema)
  app.addSchema(BatchResultSchema)
  for (const kind of Object.values(kindSchemas)) {
    for (const schema of kind.schemas) app.addSchema(schema)
  }
}
