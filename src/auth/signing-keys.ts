import {
  CompactSign,
  type CryptoKey,
  calculateJwkThumbprint,
  compactVerify,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose'
import type { Clock } from '../clock.js'
import {
  insertSigningKeyUnlessActive,
  listSigningKeys,
  type NewSigningKey,
  replaceActiveSigningKey,
  type SigningKeyRow,
} from '../storage/auth/signing-key-store.js'
import type { Database } from '../storage/database.js'
import { MIN_RSA_BITS } from './client-jwks.js'

export type PlatformAlgorithm = 'ES256' | 'RS256'

/** A public key as `/.well-known/jwks.json` publishes it. */
export interface PlatformPublicJwk {
  kty: 'EC' | 'RSA'
  kid: string
  alg: PlatformAlgorithm
  use: 'sig'
  crv?: string
  x?: string
  y?: string
  n?: string
  e?: string
}

/** One of the platform's keys, imported and ready to sign or verify. */
export interface SigningKey {
  kid: string
  alg: PlatformAlgorithm
  privateKey: CryptoKey
  publicKey: CryptoKey
  publicJwk: PlatformPublicJwk
}

/** The key made when none is configured: ES256, named by its RFC 7638 thumbprint. */
async function generateSigningKey(createdAt: Date): Promise<NewSigningKey> {
  const pair = await generateKeyPair('ES256', { extractable: true })
  const publicJwk = publicMembers(await exportJWK(pair.publicKey))
  const kid = await calculateJwkThumbprint(publicJwk)
  const privateJwk = { ...(await exportJWK(pair.privateKey)), kid, alg: 'ES256' }

  return { kid, privateJwk, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' }, createdAt }
}

/** Makes a key and stores it unless another process has stored one first; all then share it. */
export async function ensureSigningKey(db: Database, clock: Clock): Promise<void> {
  const [newest] = await listSigningKeys(db, clock())
  if (newest && newest.retiredAt === null) return
  await insertSigningKeyUnlessActive(db, await generateSigningKey(clock()))
}

/**
 * Makes a new active key and retires the old one. Retired keys still verify (and stay in the
 * JWKS) until every token they signed has expired; see `createPlatformKeys`.
 */
export async function rotateSigningKey(
  db: Database,
  clock: Clock,
): Promise<{ kid: string; retired: string[] }> {
  const now = clock()
  const key = await generateSigningKey(now)
  const retired = await replaceActiveSigningKey(db, key, now)
  return { kid: key.kid, retired }
}

/** The active key first, then the keys retired after `retiredAfter`, imported. */
export async function loadSigningKeys(db: Database, retiredAfter: Date): Promise<SigningKey[]> {
  const rows = await listSigningKeys(db, retiredAfter)
  return Promise.all(rows.map(importStoredKey))
}

async function importStoredKey(row: SigningKeyRow): Promise<SigningKey> {
  const privateJwk = row.privateJwk as JWK
  const alg = algorithmOf(privateJwk)
  return {
    kid: row.kid,
    alg,
    privateKey: (await importJWK(privateJwk, alg)) as CryptoKey,
    publicKey: (await importJWK(row.publicJwk as JWK, alg)) as CryptoKey,
    publicJwk: row.publicJwk as PlatformPublicJwk,
  }
}

/**
 * Reads `SIGNING_KEY` (a private JWK). Every fault stops the start with a message that never
 * repeats the key, since the message ends up in a terminal or a log.
 */
export async function readConfiguredKey(json: string): Promise<SigningKey> {
  const jwk = JSON.parse(json) as JWK
  const isEc = jwk.kty === 'EC' && jwk.crv === 'P-256'
  if (!isEc && jwk.kty !== 'RSA') {
    throw new Error('SIGNING_KEY: expected an EC P-256 (ES256) or RSA (RS256) private key')
  }
  if (jwk.kty === 'RSA' && Buffer.from(jwk.n ?? '', 'base64url').length * 8 < MIN_RSA_BITS) {
    throw new Error(`SIGNING_KEY: an RSA key needs at least ${MIN_RSA_BITS} bits`)
  }

  const alg = algorithmOf(jwk)
  const publicJwk = publicMembers(jwk)
  const kid = jwk.kid ?? (await calculateJwkThumbprint(publicJwk))
  const key: SigningKey = {
    kid,
    alg,
    privateKey: (await importJWK(jwk, alg)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, alg)) as CryptoKey,
    publicJwk: { ...publicJwk, kid, alg, use: 'sig' } as PlatformPublicJwk,
  }
  await assertKeyPairMatches(key)
  return key
}

/** A private JWK whose `d` belongs to another public key would sign unverifiable tokens. */
async function assertKeyPairMatches(key: SigningKey): Promise<void> {
  const probe = await new CompactSign(new TextEncoder().encode('probe'))
    .setProtectedHeader({ alg: key.alg })
    .sign(key.privateKey)
  try {
    await compactVerify(probe, key.publicKey)
  } catch {
    throw new Error('SIGNING_KEY: its private part does not match its public part')
  }
}

function algorithmOf(jwk: JWK): PlatformAlgorithm {
  return jwk.kty === 'RSA' ? 'RS256' : 'ES256'
}

function publicMembers(jwk: JWK): JWK {
  if (jwk.kty === 'RSA') return { kty: 'RSA', n: jwk.n, e: jwk.e }
  return { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y }
}
