import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../../context.js'
import type { WriteDependencies } from '../../../domain/records/write-records.js'

/** What the write pipeline needs from the app: database, signer, configuration, clock, metrics. */
export function createWriteDependencies(
  app: FastifyInstance,
  context: AppContext,
): WriteDependencies {
  return {
    db: context.db,
    withConnection: context.database.withConnection,
    signer: context.keys,
    config: context.config,
    clock: context.clock,
    onWritten: (kind, outcome) => app.metrics.recordsWritten.inc({ kind, outcome }),
  }
}
