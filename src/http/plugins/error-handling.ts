import type { ErrorObject } from 'ajv'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import FindMyWay from 'find-my-way'
import { AppError } from '../../domain/errors/app-error.js'
import { type ProblemCode, problems } from '../../domain/errors/catalogue.js'
import { isDatabaseUnavailable } from '../../storage/errors.js'
import { sendProblem } from '../problem.js'
import { toFieldErrors } from '../validation.js'

const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/** Fastify's own error codes, answered with the catalogue's codes. */
const fastifyCodes: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
}

const statusCodes: Record<number, ProblemCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

/**
 * Every error, Fastify's own included, becomes an RFC 9457 problem document. A 5xx never shows
 * its cause to the caller; it is logged with the request id instead.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  const knownRoutes = FindMyWay()
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (
        methods.includes(method as (typeof methods)[number]) &&
        !knownRoutes.hasRoute(method as 'GET', route.url)
      ) {
        knownRoutes.on(method as 'GET', route.url, () => {})
      }
    }
  })

  const answerUnrouted = (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/'
    const allowed = methods.filter((m) => knownRoutes.find(m, path) !== null)
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '))
      return sendProblem(request, reply, { code: 'method_not_allowed' })
    }
    return sendProblem(request, reply, { code: 'route_not_found' })
  }

  // Answered before the body is read: a wrong method is 405 whatever the body, never a 400.
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) return answerUnrouted(request, reply)
  })
  app.setNotFoundHandler(answerUnrouted)

  app.setErrorHandler((error: FastifyError, request, reply) => handleError(error, request, reply))
}

/**
 * Fastify's `frameworkErrors`: failures found before routing, which skip the hooks (a path that
 * cannot be percent-decoded, a path parameter over 100 characters). Still problem documents.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  reply.header('x-request-id', request.id)
  request.log.info({ code: error.code, method: request.method }, 'request refused before routing')

  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(request, reply, {
      code: 'bad_request',
      status: 414,
      detail: { zh: '请求路径中的参数过长', en: 'a path parameter is too long' },
    })
  }
  return sendProblem(request, reply, {
    code: 'bad_request',
    detail: { zh: '请求路径的编码不合法', en: 'the request path is not validly percent-encoded' },
  })
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    reply.headers(error.headers)
    return sendProblem(request, reply, {
      code: error.code,
      detail: error.detail,
      errors: error.errors,
    })
  }

  if (error.validation) {
    const errors = toFieldErrors(error.validation as ErrorObject[], error.validationContext)
    return sendProblem(request, reply, { code: 'validation_failed', errors })
  }

  const mapped = error.code ? fastifyCodes[error.code] : undefined
  if (mapped) return sendProblem(request, reply, { code: mapped })
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return sendProblem(request, reply, { code: 'malformed_json' })
  }

  if (isDatabaseUnavailable(error)) {
    request.log.error({ err: error }, 'database unavailable')
    reply.header('retry-after', '5')
    return sendProblem(request, reply, { code: 'service_unavailable' })
  }

  const status = error.statusCode ?? 500
  if (status >= 400 && status < 500) {
    const code = statusCodes[status] ?? 'bad_request'
    return sendProblem(request, reply, {
      code,
      status: problems[code].status === status ? undefined : status,
    })
  }

  request.log.error({ err: error }, 'request failed')
  return sendProblem(request, reply, { code: 'internal_error' })
}
