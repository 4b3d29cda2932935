import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../context.js'
import { AppError } from '../domain/errors/app-error.js'
import { type TokenFault, tokenFaultOf } from './access-token.js'
import { isAdminToken } from './admin-token.js'
import { createClientCache } from './client-cache.js'
import { BOOTSTRAP_ADMIN, type Principal } from './principal.js'

export interface BearerAuthenticator {
  /** The principal behind the request's bearer token; a 401 problem otherwise. */
  authenticate(request: FastifyRequest): Promise<Principal>
}

/** Disabling a client reaches every process within this time (see createClientCache). */
const CLIENT_CACHE_MS = 2_000

/** Longer than any token we sign; a larger header is refused before it is parsed. */
const MAX_TOKEN_LENGTH = 8_192

const ADMIN_ROUTES = '/api/v1/admin/'

type Fault = TokenFault | 'missing' | 'client'

const faults: Record<Fault, { zh: string; en: string }> = {
  missing: {
    zh: '缺少访问令牌：请在 Authorization 头中以 Bearer 方式提供',
    en: 'no access token: send Authorization: Bearer <token>',
  },
  malformed: { zh: '访问令牌格式错误', en: 'the access token is not a well-formed JWT' },
  algorithm: { zh: '访问令牌的签名算法不被接受', en: 'the access token algorithm is not accepted' },
  type: { zh: '不是访问令牌（typ 应为 at+jwt）', en: 'not an access token (typ must be at+jwt)' },
  unknown_key: { zh: '访问令牌的签名密钥未知', en: 'the access token names an unknown key' },
  signature: { zh: '访问令牌签名无效', en: 'the access token signature is invalid' },
  expired: { zh: '访问令牌已过期', en: 'the access token has expired' },
  claims: {
    zh: '访问令牌的签发者、受众或主体不正确',
    en: 'the access token issuer, audience or subject is wrong',
  },
  client: { zh: '客户端不存在或已停用', en: 'the client is unknown or disabled' },
}

/**
 * Checks bearer tokens: the bootstrap `ADMIN_TOKEN` on admin routes only, otherwise an access
 * token signed by the platform whose client still exists and is enabled.
 */
export function createBearerAuthenticator(context: AppContext): BearerAuthenticator {
  const clients = createClientCache(context.db, context.clock, CLIENT_CACHE_MS)

  return {
    async authenticate(request) {
      const token = bearerTokenOf(request.headers.authorization)
      const isAdminRoute = request.routeOptions.url?.startsWith(ADMIN_ROUTES) ?? false
      if (isAdminRoute && isAdminToken(token, context.config.adminToken)) return BOOTSTRAP_ADMIN

      const principal = await verify(context, token)
      const client = await clients.find(principal.clientId)
      if (!client || client.disabled) throw unauthorized('client')
      return principal
    },
  }
}

function bearerTokenOf(header: string | undefined): string {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '')
  if (!match?.[1]) throw unauthorized('missing')
  if (match[1].length > MAX_TOKEN_LENGTH) throw unauthorized('malformed')
  return match[1]
}

async function verify(context: AppContext, token: string): Promise<Principal> {
  try {
    return await context.keys.verifyAccessToken(token)
  } catch (error) {
    const fault = tokenFaultOf(error)
    if (!fault) throw error
    throw unauthorized(fault)
  }
}

/** RFC 6750 section 3: a request without credentials gets no error code, a bad token does. */
function unauthorized(fault: Fault): AppError {
  const detail = faults[fault]
  const challenge =
    fault === 'missing'
      ? 'Bearer realm="azx-dock"'
      : `Bearer realm="azx-dock", error="invalid_token", error_description="${detail.en}"`
  return new AppError('unauthorized', { detail, headers: { 'www-authenticate': challenge } })
}
