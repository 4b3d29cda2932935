import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../context.js'
import { AppError } from '../domain/errors/app-error.js'
import { createBearerAuthenticator } from './bearer.js'
import type { Principal } from './principal.js'
import { createRateLimiter, type RateLimiter } from './rate-limiter.js'
import type { Role } from './roles.js'

/** What a protected route declares: `config: { auth: { roles: ['insurer'] } }`. */
export interface RouteAuth {
  roles: readonly Role[]
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Absent: the route is public. Present: a bearer token of one of these roles is required. */
    auth?: RouteAuth
  }

  interface FastifyRequest {
    /** Set on protected routes once the token is verified; read it with `principalOf`. */
    principal: Principal | undefined
  }
}

/**
 * Authentication, role checks and rate limits for every route, in one hook that runs before the
 * body is read: a refused request costs no parsing. Requests under /api/v1 are counted per
 * client once authenticated and per IP address otherwise; /healthz, /metrics, /.well-known and
 * the docs are not counted, so that probes and scrapers never meet a 429.
 */
export function registerAuthorization(app: FastifyInstance, context: AppContext): void {
  const bearer = createBearerAuthenticator(context)
  const limiter = createRateLimiter(context.config.rateLimitPerMinute, context.clock)
  app.decorateRequest('principal', undefined)

  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config.auth
    if (!auth) {
      if (request.url.startsWith('/api/v1/')) enforceLimit(limiter, addressKey(request))
      return
    }

    let principal: Principal
    try {
      principal = await bearer.authenticate(request)
    } catch (error) {
      // Failed attempts count against the address, which slows down guessing.
      enforceLimit(limiter, addressKey(request))
      throw error
    }

    request.principal = principal
    request.clientId = principal.clientId
    enforceLimit(limiter, `client:${principal.clientId}`)

    if (!auth.roles.includes(principal.role)) {
      const allowed = auth.roles.join(', ')
      throw new AppError('forbidden', {
        detail: {
          zh: `此操作仅限角色：${allowed}`,
          en: `this operation is for role(s): ${allowed}`,
        },
      })
    }
  })
}

function addressKey(request: FastifyRequest): string {
  return `address:${request.ip}`
}

/** A 429 is thrown, never answered from an idempotency record: a retry must run again. */
function enforceLimit(limiter: RateLimiter, key: string): void {
  const retryAfter = limiter.hit(key)
  if (retryAfter !== undefined) {
    throw new AppError('rate_limited', { headers: { 'retry-after': String(retryAfter) } })
  }
}
