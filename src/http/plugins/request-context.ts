import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'

/** An incoming request id is kept only when it is short and plain enough to log safely. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export function requestIdFrom(request: { headers: Record<string, unknown> }): string {
  const incoming = request.headers['x-request-id']
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated client, once auth has run; logged with the request. */
    clientId: string | undefined
  }
}

/**
 * Echoes the request id and logs each request exactly once, with its id, client, route, status
 * and duration. Bodies, headers and tokens are never logged.
 */
export function registerRequestContext(app: FastifyInstance): void {
  app.decorateRequest('clientId', undefined)

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        clientId: request.clientId,
        method: request.method,
        route: routeOf(request),
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    )
  })
}

/** The route pattern (`/api/v1/insurers/:insurerCode/…`), never the raw URL with its values. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched'
}
