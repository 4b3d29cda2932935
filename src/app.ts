import Fastify, { type FastifyInstance, LogController } from 'fastify'
import type { DestinationStream } from 'pino'
import { registerAuthorization } from './auth/authorization-hook.js'
import { createPlatformKeys } from './auth/platform-keys.js'
import { type Clock, systemClock } from './clock.js'
import type { Config } from './config.js'
import type { AppContext } from './context.js'
import { registerBodyGuard } from './http/plugins/body-guard.js'
import { answerFrameworkError, registerErrorHandling } from './http/plugins/error-handling.js'
import { registerIdempotency } from './http/plugins/idempotency.js'
import { registerMetrics } from './http/plugins/metrics.js'
import { registerOpenApi } from './http/plugins/openapi.js'
import { registerRequestContext, requestIdFrom } from './http/plugins/request-context.js'
import { registerRoutes } from './http/routes/index.js'
import { registerSharedSchemas } from './http/schemas/index.js'
import { createValidatorCompiler } from './http/validation.js'
import { startAuditSealer } from './jobs/audit-sealer.js'
import { startFiguresFolder } from './jobs/figures-folder.js'
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
    frameworkErrors: answerFrameworkError,
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

  registerSharedSchemas(app)
  app.setValidatorCompiler(createValidatorCompiler(() => app.getSchemas()))
  // Writes are JSON only: a text body is 415, not a string handed to a JSON schema.
  app.removeContentTypeParser('text/plain')

  registerRequestContext(app)
  registerErrorHandling(app)
  registerBodyGuard(app)
  registerMetrics(app, database.poolStats)
  await registerOpenApi(app)

  const clock = options.clock ?? systemClock
  const keys = await createPlatformKeys({ db: database.db, config, clock })
  const context: AppContext = {
    config,
    database,
    db: database.db,
    clock,
    keys,
  }
  // First among the request hooks: the others (idempotency) need the authenticated client.
  registerAuthorization(app, context)
  registerIdempotency(app, context)
  await app.register(registerRoutes, context)

  const stopSealer = startAuditSealer(context.db, app.log)
  app.addHook('onClose', stopSealer)
  const stopFolder = startFiguresFolder(context.db, app.log)
  app.addHook('onClose', stopFolder)

  await app.ready()
  return app
}
