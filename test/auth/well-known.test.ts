import { generateKeyPairSync } from 'node:crypto'
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPlatformKeys } from '../../src/auth/platform-keys.js'
import { rotateSigningKey } from '../../src/auth/signing-keys.js'
import { runMigrations } from '../../src/storage/migrate.js'
import { signingKeys } from '../../src/storage/tables/auth.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, signPlatformToken } from '../helpers/auth.js'
import { createTestDatabase } from '../helpers/database.js'

let t: TestApp
let now = Date.now()
const clock = () => new Date(now)

beforeAll(async () => {
  t = await createTestApp({ clock })
})

afterAll(async () => {
  await t.close()
})

async function publishedKids(app: TestApp): Promise<string[]> {
  const response = await request(app.app.server).get('/.well-known/jwks.json')
  return response.body.keys.map((key: { kid: string }) => key.kid)
}

function me(app: TestApp, token: string) {
  return request(app.app.server).get('/api/v1/me').set('authorization', `Bearer ${token}`)
}

/** A token fetched at the app's own time, whatever the test did to its clock. */
async function tokenAtAppTime(client: Awaited<ReturnType<typeof createClient>>) {
  const at = Math.floor(now / 1000)
  const assertion = await client.assertion({ claims: { iat: at, exp: at + 60 } })
  const response = await request(t.app.server).post('/api/v1/oauth/token').type('form').send({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  })
  return response.body.access_token as string
}

describe('GET /.well-known/jwks.json', () => {
  it('publishes the public signing key, without private members', async () => {
    const response = await request(t.app.server).get('/.well-known/jwks.json')

    expect(response.status).toBe(200)
    expect(response.headers['cache-control']).toBe('public, max-age=60')
    expect(response.body).toEqual({
      keys: [
        {
          kty: 'EC',
          crv: 'P-256',
          x: expect.any(String),
          y: expect.any(String),
          kid: expect.any(String),
          alg: 'ES256',
          use: 'sig',
        },
      ],
    })
  })

  it('verifies the access tokens the token endpoint issues', async () => {
    const client = await createClient(t, { role: 'insurer' })
    const jwks = await request(t.app.server).get('/.well-known/jwks.json')

    const verified = await jwtVerify(await client.token(), createLocalJWKSet(jwks.body), {
      currentDate: clock(),
    })

    expect(verified.payload.sub).toBe(client.clientId)
  })

  // A database of its own, created and migrated: slow on a busy box.
  it('is one key for every process sharing a database, even when they start together', async () => {
    const database = await createTestDatabase()
    // Migrated first: the race under test is the key's creation, not the migrations'.
    await runMigrations(database.handle)
    const config = { migrateOnStart: false }
    const [first, second] = await Promise.all([
      createTestApp({ database, config }),
      createTestApp({ database, config }),
    ])
    try {
      // The key is made on first use: both processes need it at the same moment.
      const kids = await Promise.all([publishedKids(first), publishedKids(second)])
      const stored = await database.handle.db.select().from(signingKeys)

      expect(stored).toHaveLength(1)
      expect(kids).toEqual([[stored[0]?.kid], [stored[0]?.kid]])
    } finally {
      await first.close()
      await second.close()
      await database.drop()
    }
  }, 120_000)

  it('publishes and signs with the configured SIGNING_KEY instead of a stored key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'configured-2026' }
    const app = await createTestApp({
      database: t.database,
      config: { signingKey: JSON.stringify(jwk) },
    })
    try {
      const client = await createClient(app, { role: 'regulator' })
      const token = await client.token()
      const jwks = await request(app.app.server).get('/.well-known/jwks.json')

      expect(jwks.body).toEqual({
        keys: [
          { kty: 'RSA', n: jwk.n, e: jwk.e, kid: 'configured-2026', alg: 'RS256', use: 'sig' },
        ],
      })
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', kid: 'configured-2026' })
      expect((await me(app, token)).status).toBe(200)
    } finally {
      await app.close()
    }
  })
})

describe('GET /.well-known/oauth-authorization-server', () => {
  it('describes the token endpoint and the keys (RFC 8414)', async () => {
    const response = await request(t.app.server).get('/.well-known/oauth-authorization-server')

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      issuer: 'http://localhost:8080',
      token_endpoint: 'http://localhost:8080/api/v1/oauth/token',
      jwks_uri: 'http://localhost:8080/.well-known/jwks.json',
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['ES256', 'RS256'],
      response_types_supported: [],
      service_documentation: 'http://localhost:8080/docs',
    })
  })
})

describe('signing key rotation', () => {
  it('keeps tokens of the retired key valid until they expire, and its key published', async () => {
    const client = await createClient(t, { role: 'insurer' })
    const oldToken = await tokenAtAppTime(client)
    const [oldKid] = await publishedKids(t)

    const { kid: newKid, retired } = await rotateSigningKey(t.database.handle.db, clock)
    now += 61_000
    const newToken = await tokenAtAppTime(client)

    expect(retired).toEqual([oldKid])
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid)
    expect(await publishedKids(t)).toEqual([newKid, oldKid])
    expect((await me(t, oldToken)).status).toBe(200)
    expect((await me(t, newToken)).status).toBe(200)

    now += 900_000
    const expired = await me(t, oldToken)
    expect([expired.status, expired.body.detail]).toEqual([401, '访问令牌已过期'])

    // Receipts signed with the retired key must stay verifiable (SPEC §3: the insurer's proof).
    now += 120_000
    expect(await publishedKids(t)).toEqual([newKid, oldKid])
    expect((await me(t, newToken)).status).toBe(401)
    expect((await me(t, await tokenAtAppTime(client))).status).toBe(200)
  })

  it('accepts at once a token of a key rotated in by another process', async () => {
    const other = await createTestApp({ database: t.database, clock })
    try {
      const client = await createClient(t, { role: 'insurer' })
      await rotateSigningKey(t.database.handle.db, clock)
      // Signed by the new key, which `other` has not loaded yet.
      const token = await signPlatformToken(t, client, {
        claims: { iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 300 },
      })

      expect((await me(other, token)).status).toBe(200)
    } finally {
      await other.close()
    }
  })
})

describe('compact JWS for receipts', () => {
  it('signs any JSON payload with the current key, verifiable with the JWKS', async () => {
    const keys = await createPlatformKeys({ db: t.database.handle.db, config: t.config, clock })

    const jws = await keys.signJws({ receiptId: 'r-1', sha256: 'abc' }, { typ: 'receipt+jws' })
    const plain = await keys.signJws({ receiptId: 'r-2' })
    const verified = await compactVerify(jws, createLocalJWKSet(await keys.jwks()))

    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual({
      receiptId: 'r-1',
      sha256: 'abc',
    })
    expect(verified.protectedHeader).toEqual({
      alg: 'ES256',
      kid: (await keys.jwks()).keys[0]?.kid,
      typ: 'receipt+jws',
    })
    expect(decodeProtectedHeader(plain).typ).toBe('JOSE')
  })
})
