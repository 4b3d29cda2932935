import formbody from '@fastify/formbody'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'
import { createClientAuthenticator } from '../../auth/client-assertion.js'
import { OAuthError } from '../../auth/oauth-error.js'
import { grantClientCredentials } from '../../auth/token-grant.js'
import type { AppContext } from '../../context.js'
import { OAuthErrorSchema, TokenRequestSchema, TokenResponseSchema } from '../schemas/oauth.js'
import { problemResponses } from '../schemas/problem.js'

/**
 * The token endpoint (SPEC §2). Its plugin scope alone parses form bodies, so every other route
 * still answers 415 to one; and it alone answers errors as RFC 6749 JSON, not problem documents.
 */
export async function oauthTokenRoutes(app: FastifyInstance, context: AppContext) {
  await app.register(formbody)
  // RFC 6749 section 4.4.2: the request is form-encoded; JSON here is a malformed request.
  app.removeContentTypeParser('application/json')

  app.setErrorHandler(answerOAuthError)
  app.addHook('onSend', async (_request, reply) => {
    // RFC 6749 section 5.1: a token must never be cached.
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
  })

  const clients = createClientAuthenticator(context)
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/api/v1/oauth/token',
    {
      schema: {
        operationId: 'issueToken',
        summary: '获取访问令牌 Get an access token (client credentials, private_key_jwt)',
        description:
          'Form-encoded. The client_assertion is a JWT signed with one of the client keys ' +
          '(ES256 or RS256; chosen by kid, or each key of the type in turn without one), with ' +
          'iss = sub = clientId, aud = this URL or PUBLIC_URL, exp at most 5 minutes ahead ' +
          '(30 s of clock skew tolerated) and a jti that is accepted once, by every process. ' +
          'The access token is an RFC 9068 JWT (typ at+jwt) with iss and aud = PUBLIC_URL, ' +
          'sub and client_id = clientId, role, insurerCode or regionCode, iat, exp, jti. ' +
          'Errors are RFC 6749 JSON: 400 invalid_request or unsupported_grant_type, 401 ' +
          'invalid_client for any fault of the assertion (RFC 7521 section 4.2.1).',
        tags: ['auth'],
        security: [],
        consumes: ['application/x-www-form-urlencoded'],
        body: TokenRequestSchema,
        response: {
          200: TokenResponseSchema,
          400: OAuthErrorSchema,
          401: OAuthErrorSchema,
          ...problemResponses(429, 503),
        },
      },
    },
    async (request) => grantClientCredentials({ clients, keys: context.keys }, request.body),
  )
}

/** OAuth faults and malformed requests in RFC 6749 form; anything else to the app's handler. */
function answerOAuthError(error: FastifyError, _request: unknown, reply: FastifyReply) {
  const oauthError =
    error instanceof OAuthError ? error : isMalformedRequest(error) ? malformed(error) : undefined
  if (!oauthError) throw error

  return reply
    .code(oauthError.status)
    .type('application/json; charset=utf-8')
    .send({ error: oauthError.code, error_description: oauthError.description })
}

function isMalformedRequest(error: FastifyError): boolean {
  return error.validation !== undefined || (error.code ?? '').startsWith('FST_ERR_CTP_')
}

function malformed(error: FastifyError): OAuthError {
  if (!error.validation) {
    return new OAuthError('invalid_request', 'send the parameters form-encoded, as RFC 6749 asks')
  }
  const names = error.validation.map((fault) => fault.instancePath.replace(/^\//, ''))
  const list = [...new Set(names.filter(Boolean))].join(', ') || 'body'
  return new OAuthError('invalid_request', `each parameter must be sent once, as text: ${list}`)
}
