import { KeyObject, randomUUID, sign } from 'node:crypto'
import { jwtVerify, SignJWT } from 'jose'
import type { Clock } from '../clock.js'
import type { Config } from '../config.js'
import { listPublicJwks } from '../storage/auth/signing-key-store.js'
import type { Database } from '../storage/database.js'
import {
  ACCESS_TOKEN_TYPE,
  claimsOf,
  InvalidAccessTokenError,
  principalOfClaims,
} from './access-token.js'
import type { Principal } from './principal.js'
import {
  ensureSigningKey,
  loadSigningKeys,
  type PlatformPublicJwk,
  readConfiguredKey,
  type SigningKey,
} from './signing-keys.js'
import { createVerifiedTokens } from './verified-tokens.js'

/** The platform's signing keys: access tokens, write receipts and the published JWKS. */
export interface PlatformKeys {
  signAccessToken(principal: Principal): Promise<{ accessToken: string; expiresIn: number }>
  /** The principal of a valid access token; an `InvalidAccessTokenError` otherwise. */
  verifyAccessToken(token: string): Promise<Principal>
  /** A compact JWS over `payload` as JSON, by the current key; `typ` defaults to `JOSE`. */
  signJws(payload: object, options?: { typ?: string }): Promise<string>
  /**
   * `signJws` bound to the key that is current now. Finding the key may query the database;
   * the bound signer never does, so a write transaction can sign with it without waiting on
   * a connection (PGlite has one, which the transaction holds).
   */
  jwsSigner(): Promise<(payload: object, options?: { typ?: string }) => Promise<string>>
  /**
   * Every public key the platform signed with. Access tokens verify only against the current
   * key and those retired recently; receipts must stay verifiable for ever.
   */
  jwks(): Promise<{ keys: PlatformPublicJwk[] }>
}

export interface PlatformKeysOptions {
  db: Database
  config: Config
  clock: Clock
}

/** How often a process looks for a key rotated by another process (the CLI, say). */
const REFRESH_MS = 60_000

/** A token naming an unknown key reloads the keys at most this often, so junk cannot flood. */
const UNKNOWN_KID_RELOAD_MS = 5_000

/**
 * The key from `SIGNING_KEY`, or else the one kept in the database, made once and shared by
 * every process. A retired key keeps verifying for a token lifetime plus the refresh interval
 * (a process may sign with it until it notices the rotation) plus a minute of slack.
 */
export async function createPlatformKeys(options: PlatformKeysOptions): Promise<PlatformKeys> {
  const { config, clock } = options
  const ring = config.signingKey
    ? createFixedRing(await readConfiguredKey(config.signingKey))
    : createStoredRing(options)
  const verified = createVerifiedTokens(REFRESH_MS)

  return {
    async signAccessToken(principal) {
      const key = await ring.current()
      const issuedAt = Math.floor(clock().getTime() / 1000)
      const accessToken = await new SignJWT(claimsOf(principal))
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
        .setIssuer(config.publicUrl)
        .setSubject(principal.clientId)
        .setAudience(config.publicUrl)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + config.tokenTtlSeconds)
        .setJti(randomUUID())
        .sign(key.privateKey)
      return { accessToken, expiresIn: config.tokenTtlSeconds }
    },

    async verifyAccessToken(token) {
      const now = clock()
      const known = verified.find(token, now)
      if (known) return known

      const algorithms = [...new Set((await ring.all()).map((key) => key.alg))]
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          const key = header.kid === undefined ? undefined : await ring.find(header.kid)
          if (!key) throw new InvalidAccessTokenError('unknown_key')
          return key.publicKey
        },
        {
          algorithms,
          issuer: config.publicUrl,
          audience: config.publicUrl,
          typ: ACCESS_TOKEN_TYPE,
          currentDate: now,
          requiredClaims: ['exp', 'iat', 'jti', 'sub', 'client_id'],
        },
      )
      const principal = principalOfClaims(payload)
      verified.remember(token, { principal, exp: payload.exp ?? 0, nbf: payload.nbf }, now)
      return principal
    },

    async signJws(payload, signOptions = {}) {
      return signCompact(await ring.current(), payload, signOptions.typ)
    },

    async jwsSigner() {
      const key = await ring.current()
      return async (payload, signOptions = {}) => signCompact(key, payload, signOptions.typ)
    },

    async jwks() {
      return { keys: await ring.published() }
    },
  }
}

/** Node's own handle of each key, made once: signing through WebCrypto cost three times the CPU. */
const nodeKeys = new WeakMap<SigningKey, KeyObject>()

/**
 * A compact JWS (RFC 7515): the same header and payload segments as jose's `CompactSign`,
 * signed synchronously by node:crypto. Every write signs a receipt, so this is a hot path.
 */
async function signCompact(key: SigningKey, payload: object, typ = 'JOSE'): Promise<string> {
  const header = { alg: key.alg, kid: key.kid, typ }
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`

  const privateKey = nodeKeys.get(key) ?? KeyObject.from(key.privateKey)
  nodeKeys.set(key, privateKey)
  // RFC 7518 section 3.4: an ES256 signature is R and S side by side, not DER.
  const options =
    key.alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' as const } : privateKey
  return `${input}.${sign('sha256', Buffer.from(input), options).toString('base64url')}`
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url')
}

interface KeyRing {
  current(): Promise<SigningKey>
  find(kid: string): Promise<SigningKey | undefined>
  all(): Promise<SigningKey[]>
  published(): Promise<PlatformPublicJwk[]>
}

function createFixedRing(key: SigningKey): KeyRing {
  return {
    current: async () => key,
    find: async (kid) => (kid === key.kid ? key : undefined),
    all: async () => [key],
    published: async () => [key.publicJwk],
  }
}

/**
 * The keys kept in the database, made and loaded on first use rather than at start, so that
 * the app builds on a database that is down or not yet migrated (it answers 503 until then).
 */
function createStoredRing({ db, config, clock }: PlatformKeysOptions): KeyRing {
  const retentionMs = (config.tokenTtlSeconds + 60) * 1000 + REFRESH_MS
  const load = async () => {
    if (!loaded) await ensureSigningKey(db, clock)
    return {
      keys: await loadSigningKeys(db, new Date(clock().getTime() - retentionMs)),
      loadedAt: clock().getTime(),
    }
  }

  let loaded: Awaited<ReturnType<typeof load>> | undefined
  let loading: ReturnType<typeof load> | undefined
  let lastUnknownReload = Number.NEGATIVE_INFINITY

  // One reload at a time, however many requests notice the need together.
  const reload = async () => {
    loading ??= load().finally(() => {
      loading = undefined
    })
    loaded = await loading
    return loaded.keys
  }
  const fresh = async () =>
    !loaded || clock().getTime() - loaded.loadedAt > REFRESH_MS ? reload() : loaded.keys

  return {
    async current() {
      const [key] = await fresh()
      if (!key) throw new Error('no platform signing key is active')
      return key
    },

    async find(kid) {
      const known = (await fresh()).find((key) => key.kid === kid)
      if (known || clock().getTime() - lastUnknownReload < UNKNOWN_KID_RELOAD_MS) return known
      lastUnknownReload = clock().getTime()
      return (await reload()).find((key) => key.kid === kid)
    },

    all: fresh,
    async published() {
      await fresh()
      return (await listPublicJwks(db)) as PlatformPublicJwk[]
    },
  }
}
