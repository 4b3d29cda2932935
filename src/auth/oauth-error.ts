/** The RFC 6749 (section 5.2) error codes the token endpoint answers. */
export type OAuthErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type'

/**
 * A token-endpoint failure, answered as `{error, error_description}` rather than a problem
 * document, because OAuth client libraries read that shape. Descriptions are English and plain
 * ASCII without quotes or backslashes, as RFC 6749 requires of `error_description`.
 */
export class OAuthError extends Error {
  readonly status: 400 | 401

  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
  ) {
    super(`${code}: ${description}`)
    this.name = 'OAuthError'
    this.status = code === 'invalid_client' ? 401 : 400
  }
}

export function invalidClient(description: string): OAuthError {
  return new OAuthError('invalid_client', description)
}
