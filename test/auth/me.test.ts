import { decodeJwt, decodeProtectedHeader } from 'jose'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js'
import {
  createClient,
  hmacToken,
  runAuthMatrix,
  signPlatformToken,
  unsignedToken,
  withForeignSignature,
} from '../helpers/auth.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})

afterAll(async () => {
  await t.close()
})

describe('GET /api/v1/me', () => {
  it('answers the insurer a token speaks for, with its insurerCode', async () => {
    const insurer = await createClient(t, { role: 'insurer', insurerCode: '91450100MA5K7B2X5R' })

    const response = await request(t.app.server)
      .get('/api/v1/me')
      .set('authorization', `Bearer ${await insurer.token()}`)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      clientId: insurer.clientId,
      role: 'insurer',
      insurerCode: '91450100MA5K7B2X5R',
    })
  })

  it('answers the regulator a token speaks for, with its regionCode', async () => {
    const regulator = await createClient(t, { role: 'regulator', regionCode: '450100' })

    const response = await request(t.app.server)
      .get('/api/v1/me')
      .set('authorization', `Bearer ${await regulator.token()}`)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      clientId: regulator.clientId,
      role: 'regulator',
      regionCode: '450100',
    })
  })

  it('refuses the bootstrap admin token, which is good on admin routes only', async () => {
    const response = await request(t.app.server)
      .get('/api/v1/me')
      .set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`)

    expect(response.status).toBe(401)
    expect(response.body.code).toBe('unauthorized')
    expect(response.headers['www-authenticate']).toMatch(
      /^Bearer realm="azx-dock", error="invalid_token"/,
    )
  })

  it('refuses every faulty token and admits every role', async () => {
    await runAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/me',
      roles: ['insurer', 'regulator', 'admin'],
      isAdmitted: (response) => response.status === 200,
    })
  })

  it('says in its 401 and its WWW-Authenticate what is wrong with a refused token', async () => {
    const client = await createClient(t, { role: 'regulator' })
    const token = await client.token()
    const claims = decodeJwt(token)
    const kid = decodeProtectedHeader(token).kid ?? ''
    const now = Math.floor(Date.now() / 1000)
    const cases: Array<[string, string]> = [
      ['not-a-jwt', 'the access token is not a well-formed JWT'],
      [withForeignSignature(token), 'the access token signature is invalid'],
      [
        await signPlatformToken(t, client, { claims: { iat: now - 999, exp: now - 99 } }),
        'the access token has expired',
      ],
      [
        await signPlatformToken(t, client, { header: { typ: 'JWT' } }),
        'not an access token (typ must be at+jwt)',
      ],
      [
        await signPlatformToken(t, client, { claims: { aud: 'https://elsewhere.example' } }),
        'the access token issuer, audience or subject is wrong',
      ],
      [
        await signPlatformToken(t, client, { header: { kid: 'retired-long-ago' } }),
        'the access token names an unknown key',
      ],
      [
        unsignedToken({ alg: 'none', typ: 'at+jwt', kid }, claims),
        'the access token algorithm is not accepted',
      ],
      [await hmacToken(t, claims, kid), 'the access token algorithm is not accepted'],
    ]

    for (const [refused, sentence] of cases) {
      const response = await request(t.app.server)
        .get('/api/v1/me')
        .set('accept-language', 'en')
        .set('authorization', `Bearer ${refused}`)

      expect([response.status, response.body.detail]).toEqual([401, sentence])
      expect(response.headers['www-authenticate']).toBe(
        `Bearer realm="azx-dock", error="invalid_token", error_description="${sentence}"`,
      )
    }
  })

  it('asks for a token, without an error code, when none is sent', async () => {
    const response = await request(t.app.server).get('/api/v1/me').set('accept-language', 'en')

    expect(response.status).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Bearer realm="azx-dock"')
    expect(response.body).toEqual({
      type: 'urn:azx-dock:problem:unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'no access token: send Authorization: Bearer <token>',
      code: 'unauthorized',
      requestId: expect.any(String),
      instance: '/api/v1/me',
      errors: [],
    })
  })
})
