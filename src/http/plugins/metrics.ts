import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { PoolStats } from '../../storage/database.js'
import { routeOf } from './request-context.js'

export interface Metrics {
  registry: Registry
  recordsWritten: Counter<'kind' | 'outcome'>
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
}

/**
 * Prometheus metrics on a registry of this app's own, so that several apps in one process (the
 * tests) keep separate counts.
 */
export function registerMetrics(app: FastifyInstance, poolStats: () => PoolStats): void {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['route', 'method'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const recordsWritten = new Counter({
    name: 'records_written_total',
    help: 'Records written, by kind and outcome (created, replaced, unchanged)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  })
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = poolStats()
      this.set({ state: 'total' }, stats.total)
      this.set({ state: 'idle' }, stats.idle)
      this.set({ state: 'waiting' }, stats.waiting)
    },
  })

  app.decorate('metrics', { registry, recordsWritten })

  app.addHook('onResponse', async (request, reply) => {
    const route = routeOf(request)
    requests.inc({ route, method: request.method, status: String(reply.statusCode) })
    latency.observe({ route, method: request.method }, reply.elapsedTime / 1000)
  })
}
