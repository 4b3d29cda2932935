import {
  decodeJwt,
  decodeProtectedHeader,
  errors,
  importJWK,
  type JWTPayload,
  jwtVerify,
  type ProtectedHeaderParameters,
} from 'jose'
import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import { purgeUsedAssertions, recordAssertionUse } from '../storage/auth/assertion-store.js'
import type { Database } from '../storage/database.js'
import type { Client } from './client.js'
import { algorithmOfKey, type ClientAlgorithm, clientAlgorithms } from './client-jwks.js'
import { findClientById } from './client-registry.js'
import { invalidClient } from './oauth-error.js'

/** SPEC §2: an assertion may live at most 5 minutes. */
const MAX_LIFETIME_SECONDS = 300

/** Clients' clocks drift; half a minute either way is tolerated. */
const CLOCK_SKEW_SECONDS = 30

const MAX_JTI_LENGTH = 256
const PURGE_INTERVAL_MS = 60_000

export interface ClientAuthenticator {
  /** The client a `private_key_jwt` assertion (RFC 7523) proves; `invalid_client` otherwise. */
  authenticate(assertion: string, clientIdParameter: string | undefined): Promise<Client>
}

export function tokenEndpointUrl(config: Config): string {
  return `${config.publicUrl}/api/v1/oauth/token`
}

/**
 * Every fault is `invalid_client`, as RFC 7521 (section 4.2.1) requires of an invalid client
 * assertion; the description says which check failed, for the integrator reading it.
 */
export function createClientAuthenticator(deps: {
  db: Database
  config: Config
  clock: Clock
}): ClientAuthenticator {
  const { db, config, clock } = deps
  let lastPurge = Number.NEGATIVE_INFINITY

  // Used ids are kept only while their assertion could still pass the `exp` check.
  const purgeNowAndThen = async () => {
    const now = clock().getTime()
    if (now - lastPurge < PURGE_INTERVAL_MS) return
    lastPurge = now
    await purgeUsedAssertions(db, new Date(now - 2 * CLOCK_SKEW_SECONDS * 1000))
  }

  return {
    async authenticate(assertion, clientIdParameter) {
      const { header, claims } = decode(assertion)
      const clientId = claims.iss
      if (typeof clientId !== 'string' || clientId === '' || claims.sub !== clientId) {
        throw invalidClient('iss and sub must both be the client id')
      }
      if (clientIdParameter !== undefined && clientIdParameter !== clientId) {
        throw invalidClient('client_id does not match the assertion')
      }

      const client = await findClientById(db, clientId)
      // Descriptions never echo the caller's values: RFC 6749 limits them to plain ASCII.
      if (!client) throw invalidClient('unknown client')
      if (client.disabled) throw invalidClient('client is disabled')

      const payload = await verifyWithClientKeys(assertion, header, client, config, clock)
      const jti = checkLifetimeAndId(payload, clock)

      const expiresAt = new Date((payload.exp ?? 0) * 1000)
      if (!(await recordAssertionUse(db, { clientId, jti, expiresAt }))) {
        throw invalidClient('client_assertion was used before: make a new one with a fresh jti')
      }
      await purgeNowAndThen()
      return client
    },
  }
}

function decode(assertion: string): { header: ProtectedHeaderParameters; claims: JWTPayload } {
  let header: ProtectedHeaderParameters
  let claims: JWTPayload
  try {
    header = decodeProtectedHeader(assertion)
    claims = decodeJwt(assertion)
  } catch {
    throw invalidClient('client_assertion is not a signed JWT')
  }

  if (!(clientAlgorithms as readonly unknown[]).includes(header.alg)) {
    throw invalidClient('client_assertion must be signed with ES256 or RS256')
  }
  return { header, claims }
}

/** Keys are chosen by `kid`; an assertion without one is tried against each key of its type. */
async function verifyWithClientKeys(
  assertion: string,
  header: ProtectedHeaderParameters,
  client: Client,
  config: Config,
  clock: Clock,
): Promise<JWTPayload> {
  const alg = header.alg as ClientAlgorithm
  const candidates = client.jwks.keys.filter(
    (key) => algorithmOfKey(key) === alg && (header.kid === undefined || key.kid === header.kid),
  )
  if (candidates.length === 0) {
    const which = header.kid === undefined ? '' : ' with this kid'
    throw invalidClient(`client has no ${alg} key${which}`)
  }

  for (const jwk of candidates) {
    const key = await importJWK(jwk, alg)
    try {
      const verified = await jwtVerify(assertion, key, {
        algorithms: [alg],
        issuer: client.clientId,
        subject: client.clientId,
        audience: [tokenEndpointUrl(config), config.publicUrl],
        requiredClaims: ['exp', 'jti'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: clock(),
      })
      return verified.payload
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue
      if (!(error instanceof errors.JOSEError)) throw error
      throw invalidClient(describeClaimFault(error, config))
    }
  }
  throw invalidClient('client_assertion signature matches no key of the client')
}

function checkLifetimeAndId(payload: JWTPayload, clock: Clock): string {
  const now = Math.floor(clock().getTime() / 1000)
  if ((payload.exp ?? 0) > now + MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    throw invalidClient('exp must be at most 5 minutes ahead')
  }

  const { jti } = payload
  if (typeof jti !== 'string' || jti === '' || jti.length > MAX_JTI_LENGTH) {
    throw invalidClient(`jti must be a string of 1 to ${MAX_JTI_LENGTH} characters`)
  }
  return jti
}

function describeClaimFault(error: unknown, config: Config): string {
  if (error instanceof errors.JWTExpired) return 'client_assertion has expired'
  if (!(error instanceof errors.JWTClaimValidationFailed)) {
    return 'client_assertion is not a valid JWT'
  }
  if (error.reason === 'missing') return `client_assertion has no ${error.claim} claim`
  if (error.claim === 'aud') {
    return `aud must be ${tokenEndpointUrl(config)} or ${config.publicUrl}`
  }
  return `client_assertion claim ${error.claim} is invalid`
}
