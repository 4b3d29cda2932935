import { errors, type JWTPayload } from 'jose'
import type { Principal } from './principal.js'
import { isRole } from './roles.js'

/** RFC 9068, section 2.1: the media type that tells an access token from any other JWT. */
export const ACCESS_TOKEN_TYPE = 'at+jwt'

/** Why a bearer token was refused; each becomes its own sentence in the 401 answer. */
export type TokenFault =
  | 'malformed'
  | 'algorithm'
  | 'type'
  | 'unknown_key'
  | 'signature'
  | 'expired'
  | 'claims'

export class InvalidAccessTokenError extends Error {
  constructor(readonly fault: TokenFault) {
    super(`access token refused: ${fault}`)
    this.name = 'InvalidAccessTokenError'
  }
}

/**
 * The private claims of an access token. The tenant (insurerCode or regionCode) is read back
 * from these verified claims only, never from the request (STACK.md, trap 16).
 */
export function claimsOf(principal: Principal): JWTPayload {
  const claims: JWTPayload = { client_id: principal.clientId, role: principal.role }
  if (principal.role === 'insurer') claims.insurerCode = principal.insurerCode
  if (principal.role === 'regulator') claims.regionCode = principal.regionCode
  return claims
}

/** The principal a verified token speaks for; a token that names none is refused. */
export function principalOfClaims(payload: JWTPayload): Principal {
  const { sub, client_id: clientId, role, insurerCode, regionCode } = payload
  if (typeof sub !== 'string' || sub !== clientId || !isRole(role)) {
    throw new InvalidAccessTokenError('claims')
  }

  if (role === 'admin') return { clientId: sub, role }
  if (role === 'insurer' && typeof insurerCode === 'string' && insurerCode !== '') {
    return { clientId: sub, role, insurerCode }
  }
  if (role === 'regulator' && typeof regionCode === 'string' && regionCode !== '') {
    return { clientId: sub, role, regionCode }
  }
  throw new InvalidAccessTokenError('claims')
}

/** Names what jose found wrong; anything else (a database fault) is not a token fault. */
export function tokenFaultOf(error: unknown): TokenFault | undefined {
  if (error instanceof InvalidAccessTokenError) return error.fault
  if (error instanceof errors.JWTExpired) return 'expired'
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === 'typ' ? 'type' : 'claims'
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm'
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature'
  if (error instanceof errors.JOSEError) return 'malformed'
  return undefined
}
