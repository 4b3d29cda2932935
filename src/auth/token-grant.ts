import { principalOfClient } from './client.js'
import type { ClientAuthenticator } from './client-assertion.js'
import { OAuthError } from './oauth-error.js'
import type { PlatformKeys } from './platform-keys.js'

/** The form parameters of a token request (RFC 6749 section 4.4, RFC 7523 section 2.2). */
export interface TokenRequest {
  grant_type?: string | undefined
  client_assertion_type?: string | undefined
  client_assertion?: string | undefined
  client_id?: string | undefined
}

export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
}

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

/** The client credentials grant: a proven client gets an access token for its own role. */
export async function grantClientCredentials(
  deps: { clients: ClientAuthenticator; keys: PlatformKeys },
  request: TokenRequest,
): Promise<TokenResponse> {
  if (request.grant_type === undefined) {
    throw new OAuthError('invalid_request', 'grant_type is required')
  }
  if (request.grant_type !== 'client_credentials') {
    throw new OAuthError('unsupported_grant_type', 'only client_credentials is supported')
  }
  if (request.client_assertion === undefined || request.client_assertion_type === undefined) {
    throw new OAuthError(
      'invalid_request',
      'client_assertion and client_assertion_type are required (private_key_jwt)',
    )
  }
  if (request.client_assertion_type !== JWT_BEARER_ASSERTION) {
    throw new OAuthError('invalid_client', `client_assertion_type must be ${JWT_BEARER_ASSERTION}`)
  }

  const client = await deps.clients.authenticate(request.client_assertion, request.client_id)
  const token = await deps.keys.signAccessToken(principalOfClient(client))
  return { access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn }
}
