import { generateKeyPairSync } from 'node:crypto'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerClient } from '../../src/auth/client-registry.js'
import { creditCodeAllowlist } from '../../src/storage/tables/auth.js'
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js'
import {
  adminAuthorization,
  createClient,
  createClientKey,
  requestToken,
  runAuthMatrix,
  signAssertion,
} from '../helpers/auth.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})

afterAll(async () => {
  await t.close()
})

const timestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/)

function admin() {
  const agent = request(t.app.server)
  const auth = adminAuthorization(t)
  return {
    post: (url: string, body: object) => agent.post(url).set('authorization', auth).send(body),
    get: (url: string) => agent.get(url).set('authorization', auth),
    patch: (url: string, body: object) => agent.patch(url).set('authorization', auth).send(body),
  }
}

async function newClientBody(overrides: Record<string, unknown> = {}) {
  const key = await createClientKey()
  return {
    clientId: `client-${Math.random().toString(36).slice(2, 10)}`,
    name: '中国平安财产保险股份有限公司广西分公司',
    role: 'insurer',
    insurerCode: '91450100MA5K7B2X5R',
    jwks: { keys: [key.publicJwk] },
    ...overrides,
  }
}

function rsaPublicJwk(bits: number, kid: string) {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits })
  return { ...publicKey.export({ format: 'jwk' }), kid }
}

describe('POST /api/v1/admin/clients', () => {
  it('registers an insurer and answers the stored client with its location', async () => {
    const body = await newClientBody()

    const response = await admin().post('/api/v1/admin/clients', body)

    expect(response.status).toBe(201)
    expect(response.headers.location).toBe(`/api/v1/admin/clients/${body.clientId}`)
    expect(response.body).toEqual({
      clientId: body.clientId,
      name: body.name,
      role: 'insurer',
      insurerCode: '91450100MA5K7B2X5R',
      jwks: body.jwks,
      disabled: false,
      createdAt: timestamp,
      updatedAt: timestamp,
    })
  })

  it('registers a regulator of a Guangxi division and an admin with neither code', async () => {
    const regulator = await newClientBody({ role: 'regulator', regionCode: '450102' })
    delete (regulator as { insurerCode?: string }).insurerCode
    const adminClient = await newClientBody({ role: 'admin' })
    delete (adminClient as { insurerCode?: string }).insurerCode

    const first = await admin().post('/api/v1/admin/clients', regulator)
    const second = await admin().post('/api/v1/admin/clients', adminClient)

    expect([first.status, first.body.regionCode, first.body.insurerCode]).toEqual([
      201,
      '450102',
      undefined,
    ])
    expect([second.status, second.body.role, second.body.regionCode]).toEqual([
      201,
      'admin',
      undefined,
    ])
  })

  it('requires the code that goes with the role and refuses the other one', async () => {
    const body = await newClientBody({ regionCode: '450100' })
    delete (body as { insurerCode?: string }).insurerCode

    const response = await admin().post('/api/v1/admin/clients', body).set('accept-language', 'en')

    expect(response.status).toBe(400)
    expect(response.body).toEqual({
      type: 'urn:azx-dock:problem:validation_failed',
      title: 'Request is invalid',
      status: 400,
      detail: 'Request is invalid: 2 field(s) failed',
      code: 'validation_failed',
      requestId: expect.any(String),
      instance: '/api/v1/admin/clients',
      errors: [
        { path: '/insurerCode', code: 'role_requires', message: 'is required for role insurer' },
        { path: '/regionCode', code: 'role_forbids', message: 'must be absent for role insurer' },
      ],
    })
  })

  it('refuses an insurerCode whose check character is wrong', async () => {
    const body = await newClientBody({ insurerCode: '91450100MA5K7B2X50' })

    const response = await admin().post('/api/v1/admin/clients', body)

    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      { path: '/insurerCode', code: 'credit_code_checksum', message: expect.any(String) },
    ])
  })

  it('accepts a pilot-era insurerCode that an admin has allow-listed', async () => {
    await t.database.handle.db
      .insert(creditCodeAllowlist)
      .values({ creditCode: '91450100MA5K7B2X51', reason: 'pilot-era code' })
    const body = await newClientBody({ insurerCode: '91450100MA5K7B2X51' })

    const response = await admin().post('/api/v1/admin/clients', body)

    expect(response.status).toBe(201)
  })

  it('refuses a regulator region that is not a Guangxi division', async () => {
    const body = await newClientBody({ role: 'regulator', regionCode: '459999' })
    delete (body as { insurerCode?: string }).insurerCode

    const response = await admin().post('/api/v1/admin/clients', body)

    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      { path: '/regionCode', code: 'region_unknown', message: expect.any(String) },
    ])
  })

  it('refuses private keys, symmetric keys and keys without a kid', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'private' }
    const symmetric = { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ', kid: 'shared' }
    const { kid: _kid, ...withoutKid } = (await createClientKey()).publicJwk
    const body = await newClientBody({ jwks: { keys: [privateJwk, symmetric, withoutKid] } })

    const response = await admin().post('/api/v1/admin/clients', body)

    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: '/jwks/keys/0/d', code: 'unknown_field' }),
      expect.objectContaining({ path: '/jwks/keys/1/k', code: 'unknown_field' }),
      expect.objectContaining({ path: '/jwks/keys/1/kty', code: 'invalid_value' }),
      expect.objectContaining({ path: '/jwks/keys/2/kid', code: 'required' }),
    ])
  })

  it('refuses RSA keys under 2048 bits, other curves, bad points and repeated kids', async () => {
    const good = (await createClientKey()).publicJwk
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({
      format: 'jwk',
    })
    const offCurve = { ...good, kid: 'off-curve', y: good.x }
    const body = await newClientBody({
      jwks: {
        keys: [rsaPublicJwk(1024, 'short'), { ...p384, kid: 'p384' }, offCurve, good, { ...good }],
      },
    })

    const response = await admin().post('/api/v1/admin/clients', body)

    expect(response.status).toBe(400)
    expect(
      response.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
    ).toEqual([['/jwks/keys/1/crv', 'invalid_value']])

    const domainOnly = await newClientBody({
      jwks: { keys: [rsaPublicJwk(1024, 'short'), offCurve, good, { ...good }] },
    })
    const second = await admin().post('/api/v1/admin/clients', domainOnly)

    expect(second.status).toBe(400)
    expect(second.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual(
      [
        ['/jwks/keys/0/n', 'jwk_rsa_too_short'],
        ['/jwks/keys/1', 'jwk_invalid'],
        ['/jwks/keys/3/kid', 'duplicate_kid'],
      ],
    )
  })

  it('accepts an RSA key of 2048 bits', async () => {
    const body = await newClientBody({ jwks: { keys: [rsaPublicJwk(2048, 'rsa-2048')] } })

    const response = await admin().post('/api/v1/admin/clients', body)

    expect(response.status).toBe(201)
  })

  it('answers 409 when the clientId is taken, and for the reserved bootstrap-admin', async () => {
    const body = await newClientBody()
    await admin().post('/api/v1/admin/clients', body)

    const again = await admin().post('/api/v1/admin/clients', body)
    const reserved = await admin().post(
      '/api/v1/admin/clients',
      await newClientBody({ clientId: 'bootstrap-admin' }),
    )

    expect([again.status, again.body.code]).toEqual([409, 'client_exists'])
    expect([reserved.status, reserved.body.code]).toEqual([409, 'client_exists'])
  })

  it('refuses unknown fields', async () => {
    const response = await admin().post(
      '/api/v1/admin/clients',
      await newClientBody({ scope: 'x' }),
    )

    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: '/scope', code: 'unknown_field' }),
    ])
  })

  it('refuses a form-encoded body with 415: only the token endpoint parses forms', async () => {
    const response = await request(t.app.server)
      .post('/api/v1/admin/clients')
      .set('authorization', adminAuthorization(t))
      .type('form')
      .send({ clientId: 'form-client' })

    expect(response.status).toBe(415)
    expect(response.body.code).toBe('unsupported_media_type')
  })

  it('refuses every faulty token and every role but admin', async () => {
    await runAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/admin/clients',
      body: {},
      roles: ['admin'],
      isAdmitted: (response) => response.status === 400,
    })
  })
})

describe('GET /api/v1/admin/clients', () => {
  it('lists every client by clientId', async () => {
    const regulator = await createClient(t, { role: 'regulator' })
    const insurer = await createClient(t, { role: 'insurer' })

    const response = await admin().get('/api/v1/admin/clients')
    const ids = response.body.items.map((client: { clientId: string }) => client.clientId)

    expect(response.status).toBe(200)
    expect(ids).toEqual([...ids].sort())
    expect(ids).toContain(regulator.clientId)
    expect(
      response.body.items.find((c: { clientId: string }) => c.clientId === insurer.clientId),
    ).toEqual({
      clientId: insurer.clientId,
      name: `测试客户端 ${insurer.clientId}`,
      role: 'insurer',
      insurerCode: insurer.insurerCode,
      jwks: { keys: [insurer.key.publicJwk] },
      disabled: false,
      createdAt: timestamp,
      updatedAt: timestamp,
    })
  })

  it('refuses every faulty token and every role but admin', async () => {
    await runAuthMatrix(t, { method: 'GET', url: '/api/v1/admin/clients', roles: ['admin'] })
  })
})

describe('GET /api/v1/admin/clients/{clientId}', () => {
  it('answers one client', async () => {
    const client = await createClient(t, { role: 'regulator', regionCode: '450300' })

    const response = await admin().get(`/api/v1/admin/clients/${client.clientId}`)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      clientId: client.clientId,
      name: `测试客户端 ${client.clientId}`,
      role: 'regulator',
      regionCode: '450300',
      jwks: { keys: [client.key.publicJwk] },
      disabled: false,
      createdAt: timestamp,
      updatedAt: timestamp,
    })
  })

  it('answers 404 for an unknown client', async () => {
    const response = await admin().get('/api/v1/admin/clients/no-such-client')

    expect([response.status, response.body.code]).toEqual([404, 'not_found'])
  })

  it('refuses every faulty token and every role but admin', async () => {
    const client = await createClient(t, { role: 'insurer' })
    await runAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/admin/clients/${client.clientId}`,
      roles: ['admin'],
    })
  })
})

describe('PATCH /api/v1/admin/clients/{clientId}', () => {
  it('renames a client', async () => {
    const client = await createClient(t, { role: 'insurer' })

    const response = await admin().patch(`/api/v1/admin/clients/${client.clientId}`, {
      name: '新名称',
    })

    expect(response.status).toBe(200)
    expect(response.body.name).toBe('新名称')
  })

  it('replaces the keys: the old key is refused, the new one accepted', async () => {
    const client = await createClient(t, { role: 'insurer' })
    const newKey = await createClientKey()

    const response = await admin().patch(`/api/v1/admin/clients/${client.clientId}`, {
      jwks: { keys: [newKey.publicJwk] },
    })
    const byOld = await requestToken(t, await client.assertion())
    const byNew = await requestToken(t, await signAssertion(t, client.clientId, newKey))

    expect(response.status).toBe(200)
    expect(response.body.jwks).toEqual({ keys: [newKey.publicJwk] })
    expect([byOld.status, byOld.body.error]).toEqual([401, 'invalid_client'])
    expect(byNew.status).toBe(200)
  })

  it('disables a client: its tokens and assertions are refused until it is enabled', async () => {
    const client = await createClient(t, { role: 'insurer' })
    const token = await client.token()
    const me = () => request(t.app.server).get('/api/v1/me').set('authorization', `Bearer ${token}`)

    const disabled = await admin().patch(`/api/v1/admin/clients/${client.clientId}`, {
      disabled: true,
    })
    const refusedCall = await me()
    const refusedToken = await requestToken(t, await client.assertion())
    await admin().patch(`/api/v1/admin/clients/${client.clientId}`, { disabled: false })
    const grantedToken = await requestToken(t, await client.assertion())

    expect([disabled.status, disabled.body.disabled]).toEqual([200, true])
    expect([refusedCall.status, refusedCall.body.code]).toEqual([401, 'unauthorized'])
    expect(refusedToken.body).toEqual({
      error: 'invalid_client',
      error_description: 'client is disabled',
    })
    expect(grantedToken.status).toBe(200)
  })

  it('refuses an empty change and answers 404 for an unknown client', async () => {
    const client = await createClient(t, { role: 'insurer' })

    const empty = await admin().patch(`/api/v1/admin/clients/${client.clientId}`, {})
    const unknown = await admin().patch('/api/v1/admin/clients/no-such-client', { name: 'x' })

    expect([empty.status, empty.body.code]).toEqual([400, 'validation_failed'])
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found'])
  })

  it('refuses every faulty token and every role but admin', async () => {
    const client = await createClient(t, { role: 'insurer' })
    await runAuthMatrix(t, {
      method: 'PATCH',
      url: `/api/v1/admin/clients/${client.clientId}`,
      body: { name: '矩阵' },
      roles: ['admin'],
      isAdmitted: (response) => response.status === 200,
    })
  })
})

describe('admin routes without ADMIN_TOKEN', () => {
  it('answer 401 to the former admin token but admit an admin client', async () => {
    const app = await createTestApp({ database: t.database, config: { adminToken: undefined } })
    try {
      const key = await createClientKey()
      await registerClient(
        app.database.handle.db,
        { clientId: 'ops-console', name: '运维', role: 'admin', jwks: { keys: [key.publicJwk] } },
        () => new Date(),
      )
      const assertion = await signAssertion(app, 'ops-console', key)
      const token = (await requestToken(app, assertion)).body.access_token as string

      const withOldToken = await request(app.app.server)
        .get('/api/v1/admin/clients')
        .set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      const withoutToken = await request(app.app.server).get('/api/v1/admin/clients')
      const asAdminClient = await request(app.app.server)
        .get('/api/v1/admin/clients')
        .set('authorization', `Bearer ${token}`)

      expect([withOldToken.status, withOldToken.body.code]).toEqual([401, 'unauthorized'])
      expect([withoutToken.status, withoutToken.body.code]).toEqual([401, 'unauthorized'])
      expect(asAdminClient.status).toBe(200)
    } finally {
      await app.close()
    }
  })
})
