import { importJWK } from 'jose'
import { type FieldError, fieldError } from '../domain/errors/field-error.js'

/** The only signature algorithms a client may use for its assertions (SPEC §2). */
export const clientAlgorithms = ['ES256', 'RS256'] as const

export type ClientAlgorithm = (typeof clientAlgorithms)[number]

/** A client's public key: EC P-256 for ES256 or RSA for RS256, named by `kid`. */
export interface PublicJwk {
  kty: 'EC' | 'RSA'
  kid: string
  use?: 'sig'
  alg?: ClientAlgorithm
  key_ops?: string[]
  crv?: 'P-256'
  x?: string
  y?: string
  n?: string
  e?: string
}

export interface ClientJwks {
  keys: PublicJwk[]
}

export const MAX_CLIENT_KEYS = 10
export const MAX_KID_LENGTH = 128

/** NIST SP 800-57 part 1: RSA keys below 2048 bits are no longer acceptable for signatures. */
export const MIN_RSA_BITS = 2048

const PUBLIC_MEMBERS = ['kty', 'kid', 'use', 'alg', 'key_ops', 'crv', 'x', 'y', 'n', 'e'] as const

/** Private (and symmetric) key material: a client registers what verifies, never what signs. */
const SECRET_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const

export function algorithmOfKey(jwk: Pick<PublicJwk, 'kty'>): ClientAlgorithm {
  return jwk.kty === 'EC' ? 'ES256' : 'RS256'
}

/**
 * Checks a client's key set as the CLI or the admin API hands it over. Answers the set holding
 * only public members, or every failing field; a key that cannot be imported is refused here
 * rather than at the client's first token request.
 */
export async function checkClientJwks(
  path: string,
  value: unknown,
): Promise<{ jwks: ClientJwks; errors: [] } | { jwks: undefined; errors: FieldError[] }> {
  const keys = (value as { keys?: unknown } | null)?.keys
  if (!Array.isArray(keys)) {
    return { jwks: undefined, errors: [fieldError(`${path}/keys`, 'required', { field: 'keys' })] }
  }
  if (keys.length === 0 || keys.length > MAX_CLIENT_KEYS) {
    const code = keys.length === 0 ? 'too_few_items' : 'too_many_items'
    const limit = keys.length === 0 ? 1 : MAX_CLIENT_KEYS
    return { jwks: undefined, errors: [fieldError(`${path}/keys`, code, { limit })] }
  }

  const errors: FieldError[] = []
  const seenKids = new Set<string>()
  for (const [index, key] of keys.entries()) {
    const keyPath = `${path}/keys/${index}`
    const keyErrors = await checkPublicJwk(keyPath, key)
    const kid = (key as { kid?: unknown }).kid
    if (typeof kid === 'string' && seenKids.has(kid)) {
      keyErrors.push(fieldError(`${keyPath}/kid`, 'duplicate_kid', { kid }))
    }
    if (typeof kid === 'string') seenKids.add(kid)
    errors.push(...keyErrors)
  }

  if (errors.length > 0) return { jwks: undefined, errors }
  return { jwks: { keys: keys.map((key) => publicMembers(key as PublicJwk)) }, errors: [] }
}

async function checkPublicJwk(path: string, value: unknown): Promise<FieldError[]> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [fieldError(path, 'invalid_type', { expected: 'object' })]
  }

  const jwk = value as Record<string, unknown>
  const secrets = SECRET_MEMBERS.filter((member) => member in jwk)
  if (secrets.length > 0)
    return secrets.map((member) => fieldError(`${path}/${member}`, 'jwk_private'))

  const errors = checkMembers(path, jwk)
  if (errors.length > 0) return errors

  const key = jwk as unknown as PublicJwk
  const alg = algorithmOfKey(key)
  try {
    await importJWK({ ...publicMembers(key), ext: true }, alg)
  } catch {
    return [fieldError(path, 'jwk_invalid')]
  }
  return []
}

function checkMembers(path: string, jwk: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = []
  const isText = (member: string) => typeof jwk[member] === 'string' && jwk[member] !== ''
  const require = (member: string) => {
    if (!isText(member)) errors.push(fieldError(`${path}/${member}`, 'required', { field: member }))
  }

  if (jwk.kty !== 'EC' && jwk.kty !== 'RSA') return [fieldError(`${path}/kty`, 'jwk_unsupported')]

  require('kid')
  if (isText('kid') && String(jwk.kid).length > MAX_KID_LENGTH) {
    errors.push(fieldError(`${path}/kid`, 'too_long', { limit: MAX_KID_LENGTH }))
  }

  const alg = algorithmOfKey({ kty: jwk.kty })
  if (jwk.alg !== undefined && jwk.alg !== alg) {
    errors.push(fieldError(`${path}/alg`, 'invalid_value', { allowed: alg }))
  }
  if (jwk.use !== undefined && jwk.use !== 'sig') {
    errors.push(fieldError(`${path}/use`, 'invalid_value', { allowed: 'sig' }))
  }

  if (jwk.kty === 'EC') {
    if (jwk.crv !== 'P-256') errors.push(fieldError(`${path}/crv`, 'jwk_unsupported'))
    require('x')
    require('y')
  } else {
    require('n')
    require('e')
    const bits = isText('n') ? modulusBits(String(jwk.n)) : MIN_RSA_BITS
    if (bits < MIN_RSA_BITS) {
      errors.push(fieldError(`${path}/n`, 'jwk_rsa_too_short', { bits, minimum: MIN_RSA_BITS }))
    }
  }
  return errors
}

function modulusBits(n: string): number {
  const bytes = Buffer.from(n, 'base64url')
  const start = bytes.findIndex((byte) => byte !== 0)
  if (start === -1) return 0
  return (bytes.length - start - 1) * 8 + (bytes[start] ?? 0).toString(2).length
}

function publicMembers(jwk: PublicJwk): PublicJwk {
  const kept = PUBLIC_MEMBERS.filter((member) => jwk[member] !== undefined)
  return Object.fromEntries(kept.map((member) => [member, jwk[member]])) as unknown as PublicJwk
}
