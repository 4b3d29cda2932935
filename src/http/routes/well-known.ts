import type { FastifyInstance } from 'fastify'
import { tokenEndpointUrl } from '../../auth/client-assertion.js'
import { clientAlgorithms } from '../../auth/client-jwks.js'
import type { AppContext } from '../../context.js'
import { PlatformJwksSchema, ServerMetadataSchema } from '../schemas/oauth.js'

/** The platform's public keys and its authorization server metadata (RFC 8414). */
export async function wellKnownRoutes(app: FastifyInstance, context: AppContext) {
  const common = { tags: ['auth'], security: [] }

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        ...common,
        operationId: 'getPlatformKeys',
        summary: '平台公钥 Platform public keys, to verify access tokens and receipts',
        response: { 200: PlatformJwksSchema },
      },
    },
    async (_request, reply) => {
      // Short: a verifier must see a new key soon after a rotation.
      reply.header('cache-control', 'public, max-age=60')
      return context.keys.jwks()
    },
  )

  app.get(
    '/.well-known/oauth-authorization-server',
    {
      schema: {
        ...common,
        operationId: 'getServerMetadata',
        summary: '授权服务器元数据 Authorization server metadata',
        response: { 200: ServerMetadataSchema },
      },
    },
    async () => ({
      issuer: context.config.publicUrl,
      token_endpoint: tokenEndpointUrl(context.config),
      jwks_uri: `${context.config.publicUrl}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: [...clientAlgorithms],
      response_types_supported: [],
      service_documentation: `${context.config.publicUrl}/docs`,
    }),
  )
}
