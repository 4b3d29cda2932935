import { randomUUID } from 'node:crypto'
import { decodeJwt, decodeProtectedHeader, type JWTPayload, SignJWT } from 'jose'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usedAssertions } from '../../src/storage/tables/auth.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import {
  type AssertionOverrides,
  adminAuthorization,
  createClient,
  createClientKey,
  JWT_BEARER,
  requestToken,
  type TestClient,
} from '../helpers/auth.js'

let t: TestApp
let insurer: TestClient

const tokenUrl = 'http://localhost:8080/api/v1/oauth/token'

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: '91450200MA5N3F8R6M' })
})

afterAll(async () => {
  await t.close()
})

function seconds(): number {
  return Math.floor(Date.now() / 1000)
}

function postForm(body: string | object, type = 'form') {
  return request(t.app.server).post('/api/v1/oauth/token').type(type).send(body)
}

describe('POST /api/v1/oauth/token', () => {
  it('answers an access token for a valid assertion, never to be cached', async () => {
    const response = await requestToken(t, await insurer.assertion())

    expect(response.status).toBe(200)
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
    })
  })

  it('signs an RFC 9068 access token naming the client, its role and its insurer', async () => {
    const response = await requestToken(t, await insurer.assertion())
    const token = response.body.access_token as string
    const jwks = await request(t.app.server).get('/.well-known/jwks.json')
    const claims = decodeJwt(token)

    expect(decodeProtectedHeader(token)).toEqual({
      alg: 'ES256',
      kid: jwks.body.keys[0].kid,
      typ: 'at+jwt',
    })
    expect(claims).toEqual({
      iss: 'http://localhost:8080',
      aud: 'http://localhost:8080',
      sub: insurer.clientId,
      client_id: insurer.clientId,
      role: 'insurer',
      insurerCode: '91450200MA5N3F8R6M',
      iat: expect.any(Number),
      exp: (claims.iat ?? 0) + 900,
      jti: expect.any(String),
    })
  })

  it('accepts PUBLIC_URL itself as the audience', async () => {
    const assertion = await insurer.assertion({ claims: { aud: 'http://localhost:8080' } })

    const response = await requestToken(t, assertion)

    expect(response.status).toBe(200)
  })

  it('tries each key of the client when the assertion names no kid', async () => {
    const first = await createClientKey()
    const second = await createClientKey()
    const client = await createClient(t, { role: 'regulator', key: first })
    await request(t.app.server)
      .patch(`/api/v1/admin/clients/${client.clientId}`)
      .set('authorization', adminAuthorization(t))
      .send({ jwks: { keys: [first.publicJwk, second.publicJwk] } })

    const assertion = await client.assertion({ key: second, header: { kid: undefined } })
    const response = await requestToken(t, assertion)

    expect(response.status).toBe(200)
    expect(decodeJwt(response.body.access_token)).toMatchObject({
      role: 'regulator',
      regionCode: '450000',
    })
  })

  it('accepts an RS256 assertion from a client with an RSA key', async () => {
    const client = await createClient(t, { role: 'admin', key: await createClientKey('RS256') })

    const response = await requestToken(t, await client.assertion())

    expect(response.status).toBe(200)
    expect(decodeJwt(response.body.access_token).role).toBe('admin')
  })

  it('accepts an assertion once: a replay is invalid_client', async () => {
    const assertion = await insurer.assertion()

    const first = await requestToken(t, assertion)
    const replay = await requestToken(t, assertion)

    expect(first.status).toBe(200)
    expect(replay.status).toBe(401)
    expect(replay.headers['cache-control']).toBe('no-store')
    expect(replay.body).toEqual({
      error: 'invalid_client',
      error_description: 'client_assertion was used before: make a new one with a fresh jti',
    })
  })

  it('refuses an assertion replayed to another process sharing the database', async () => {
    const other = await createTestApp({ database: t.database })
    try {
      const assertion = await insurer.assertion()

      const first = await requestToken(t, assertion)
      const replay = await requestToken(other, assertion)

      expect(first.status).toBe(200)
      expect([replay.status, replay.body.error]).toEqual([401, 'invalid_client'])
    } finally {
      await other.close()
    }
  })

  it('forgets used assertion ids once their assertions have expired', async () => {
    let now = Date.now()
    const later = await createTestApp({ database: t.database, clock: () => new Date(now) })
    try {
      const client = await createClient(later, { role: 'insurer' })
      const rows = async () =>
        (await t.database.handle.db.select().from(usedAssertions)).filter(
          (row) => row.clientId === client.clientId,
        )

      await requestToken(later, await client.assertion())
      const before = await rows()
      now += 10 * 60_000
      const fresh = seconds() + 600
      await requestToken(later, await client.assertion({ claims: { iat: fresh, exp: fresh + 60 } }))
      const after = await rows()

      expect(before).toHaveLength(1)
      expect(after).toHaveLength(1)
      expect(after[0]?.jti).not.toBe(before[0]?.jti)
    } finally {
      await later.close()
    }
  })

  const assertionFaults: Array<[string, () => Promise<AssertionOverrides>, string]> = [
    [
      'an expired assertion',
      async () => ({ claims: { iat: seconds() - 600, exp: seconds() - 120 } }),
      'client_assertion has expired',
    ],
    [
      'an assertion living more than 5 minutes',
      async () => ({ claims: { exp: seconds() + 600 } }),
      'exp must be at most 5 minutes ahead',
    ],
    [
      'an assertion without exp',
      async () => ({ claims: { exp: undefined } }),
      'client_assertion has no exp claim',
    ],
    [
      'an assertion without jti',
      async () => ({ claims: { jti: undefined } }),
      'client_assertion has no jti claim',
    ],
    [
      'an assertion for another audience',
      async () => ({ claims: { aud: 'https://elsewhere.example/token' } }),
      `aud must be ${tokenUrl} or http://localhost:8080`,
    ],
    [
      'an assertion whose sub is not its iss',
      async () => ({ claims: { sub: 'someone-else' } }),
      'iss and sub must both be the client id',
    ],
    [
      'an assertion of an unknown client',
      async () => ({ claims: { iss: 'nobody', sub: 'nobody' } }),
      'unknown client',
    ],
    [
      'an assertion signed by another key under a registered kid',
      async () => ({ key: { ...(await createClientKey()), kid: insurer.key.kid } }),
      'client_assertion signature matches no key of the client',
    ],
    [
      'an assertion naming a kid the client never registered',
      async () => ({ header: { kid: 'unregistered' } }),
      'client has no ES256 key with this kid',
    ],
    [
      'an RS256 assertion from a client with only an EC key',
      async () => ({ key: await createClientKey('RS256') }),
      'client has no RS256 key with this kid',
    ],
  ]

  it.each(assertionFaults)(
    'refuses %s as invalid_client',
    async (_name, overrides, description) => {
      const response = await requestToken(t, await insurer.assertion(await overrides()))

      expect(response.status).toBe(401)
      expect(response.body).toEqual({ error: 'invalid_client', error_description: description })
    },
  )

  it('refuses assertions signed with HS256 or not signed at all', async () => {
    const claims: JWTPayload = {
      iss: insurer.clientId,
      sub: insurer.clientId,
      aud: tokenUrl,
      exp: seconds() + 60,
      jti: randomUUID(),
    }
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a shared secret of thirty-two bytes!'))
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url')
    const none = `${encode({ alg: 'none' })}.${encode(claims)}.`

    const responses = [await requestToken(t, hmac), await requestToken(t, none)]

    for (const response of responses) {
      expect(response.status).toBe(401)
      expect(response.body).toEqual({
        error: 'invalid_client',
        error_description: 'client_assertion must be signed with ES256 or RS256',
      })
    }
  })

  it('refuses an assertion that is not a JWT', async () => {
    const response = await requestToken(t, 'not-a-jwt')

    expect(response.body).toEqual({
      error: 'invalid_client',
      error_description: 'client_assertion is not a signed JWT',
    })
  })

  it('refuses a client_id parameter that is not the assertion issuer', async () => {
    const assertion = await insurer.assertion()

    const response = await requestToken(t, assertion, { client_id: 'someone-else' })

    expect(response.body).toEqual({
      error: 'invalid_client',
      error_description: 'client_id does not match the assertion',
    })
  })

  it('answers unsupported_grant_type to any grant but client_credentials', async () => {
    const response = await requestToken(t, await insurer.assertion(), { grant_type: 'password' })

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      error: 'unsupported_grant_type',
      error_description: 'only client_credentials is supported',
    })
  })

  it('answers invalid_request to a missing grant_type or a missing assertion', async () => {
    const noGrant = await postForm({ client_assertion_type: JWT_BEARER, client_assertion: 'x' })
    const noAssertion = await postForm({ grant_type: 'client_credentials' })

    expect([noGrant.status, noGrant.body]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'grant_type is required' },
    ])
    expect([noAssertion.status, noAssertion.body.error]).toEqual([400, 'invalid_request'])
  })

  it('answers invalid_client to another client_assertion_type', async () => {
    const response = await requestToken(t, await insurer.assertion(), {
      client_assertion_type: 'urn:example:saml',
    })

    expect(response.status).toBe(401)
    expect(response.body).toEqual({
      error: 'invalid_client',
      error_description: `client_assertion_type must be ${JWT_BEARER}`,
    })
  })

  it('answers invalid_request to a repeated parameter', async () => {
    const assertion = await insurer.assertion()
    const body =
      'grant_type=client_credentials&grant_type=client_credentials' +
      `&client_assertion_type=${encodeURIComponent(JWT_BEARER)}&client_assertion=${assertion}`

    const response = await postForm(body)

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'each parameter must be sent once, as text: grant_type',
    })
  })

  it('answers invalid_request to a JSON body: token requests are form-encoded', async () => {
    const response = await postForm(
      {
        grant_type: 'client_credentials',
        client_assertion_type: JWT_BEARER,
        client_assertion: await insurer.assertion(),
      },
      'json',
    )

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      error: 'invalid_request',
      error_description: 'send the parameters form-encoded, as RFC 6749 asks',
    })
  })

  it('ignores parameters it does not know, as RFC 6749 asks', async () => {
    const response = await requestToken(t, await insurer.assertion(), { scope: 'anything' })

    expect(response.status).toBe(200)
  })
})
