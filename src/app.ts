import Fastify, { type FastifyInstance, LogController } from 'fastify'
import type { DestinationStream } from 'pino'
import { type Clock, systemClock } from './clock.js'
import type { Config } from './config.js'
import type { AppContext } from './context.js'
import { registerErrorHandling } from './http/plugins/error-handling.js'
import { registerMetrics } from './http/plugins/metrics.js'
import { registerOpenApi } from './http/plugins/openapi.js'
import { registerRequestContext, requestIdFrom } from './http/plugins/request-context.js'
import { registerRoutes } from './http/routes/index.js'
import { ProblemSchema } from './http/schemas/problem.js'
import { createValidatorCompiler } from './http/validation.js'
import { type DatabaseHandle, openDatabase } from './storage/database.js'
import { runMigrations } from './storage/migrate.js'

export interface AppOptions {
  config: Config
  /** An open database; when given, the caller closes it. Otherwise the app opens its own. */
  database?: DatabaseHandle
  clock?: Clock
  /** Where log lines go; standard output when absent. */
  logStream?: DestinationStream
}

const TEN_MIB = 10 * 1024 * 1024

/** Builds the whole application, ready to `listen` or to `inject`; never listens itself. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options
  const database = options.database ?? (await openDatabase(config))
  if (config.migrateOnStart) await runMigrations(database)

  const app = Fastify({
    bodyLimit: TEN_MIB,
    genReqId: requestIdFrom,
    requestIdHeader: false,
    // One line per request, written by our own hook with chosen fields (request-context.ts).
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // Requests are logged by our own hook with chosen fields; these keys are masked anywhere.
      redact: ['authorization', 'token', 'assertion', 'client_assertion', 'access_token'],
    },
  })

  if (!options.database) app.addHook('onClose', () => database.close())

  app.addSchema(ProblemSchema)
  app.setValidatorCompiler(createValidatorCompiler(() => app.getSchemas()))
  // Writes are JSON only: a text body is 415, not a string handed to a JSON schema.
  app.removeContentTypeParser('text/plain')

  registerRequestContext(app)
  registerErrorHandling(app)
  registerMetrics(app, database.poolStats)
  await registerOpenApi(app)

  const context: AppContext = {
    config,
    database,
    db: database.db,
    clock: options.clock ?? systemClock,
  }
  await app.register(registerRoutes, context)

  await app.ready()
  return app
}
