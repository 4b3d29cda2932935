import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { AppError } from '../../domain/errors/app-error.js'
import { type Database, ping } from '../../storage/database.js'
import { hasPendingMigrations } from '../../storage/migrate.js'
import { problemResponses } from '../schemas/problem.js'

const StatusSchema = Type.Object(
  { status: Type.String({ title: '状态', description: 'ok or ready' }) },
  { title: '服务状态', description: 'Service status', additionalProperties: false },
)

/** Liveness, readiness and metrics: what an orchestrator and a Prometheus scraper poll. */
export async function healthRoutes(app: FastifyInstance, options: { db: Database }) {
  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        summary: '存活检查 Liveness: the process is up',
        tags: ['operations'],
        // Orchestrators and scrapers call these without a token.
        security: [],
        response: { 200: StatusSchema },
      },
    },
    async () => ({ status: 'ok' }),
  )

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        summary: '就绪检查 Readiness: database reachable and migrations applied',
        tags: ['operations'],
        security: [],
        response: { 200: StatusSchema, ...problemResponses(503) },
      },
    },
    async () => {
      const detail = await readinessProblem(options.db)
      if (detail)
        throw new AppError('service_unavailable', { detail, headers: { 'retry-after': '5' } })
      return { status: 'ready' }
    },
  )

  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'getMetrics',
        summary: '监控指标 Prometheus metrics',
        tags: ['operations'],
        security: [],
        produces: ['text/plain'],
        response: { 200: Type.String({ title: '指标', description: 'Prometheus text format' }) },
      },
    },
    async (_request, reply) => {
      reply.type(app.metrics.registry.contentType)
      return app.metrics.registry.metrics()
    },
  )
}

async function readinessProblem(db: Database) {
  try {
    await ping(db)
  } catch {
    return { zh: '数据库不可达', en: 'database is unreachable' }
  }
  if (await hasPendingMigrations(db)) {
    return { zh: '数据库迁移尚未完成', en: 'database migrations are pending' }
  }
  return undefined
}
