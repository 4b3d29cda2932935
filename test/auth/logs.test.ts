import { exportJWK } from 'jose'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listSigningKeys } from '../../src/storage/auth/signing-key-store.js'
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js'
import { createClient, requestToken } from '../helpers/auth.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})

afterAll(async () => {
  await t.close()
})

describe('request logs', () => {
  it('never hold a token, an assertion, a key or the admin token', async () => {
    const client = await createClient(t, { role: 'insurer' })
    const assertion = await client.assertion()
    const token = (await requestToken(t, assertion)).body.access_token as string
    await requestToken(t, assertion)
    await request(t.app.server).get('/api/v1/me').set('authorization', `Bearer ${token}`)
    await request(t.app.server).get('/api/v1/me').set('authorization', `Bearer ${token}x`)
    await request(t.app.server).get('/api/v1/me').set('authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
    const [platformKey] = await listSigningKeys(t.database.handle.db, new Date())
    const platformSecret = platformKey?.privateJwk as { d: string }
    const clientSecret = await exportJWK(client.key.privateKey)

    const logs = t.rawLogs.join('\n')
    const secrets = [
      TEST_ADMIN_TOKEN,
      assertion.split('.')[2],
      token.split('.')[2],
      platformSecret.d,
      clientSecret.d,
    ]

    expect(t.rawLogs.length).toBeGreaterThan(5)
    expect(secrets.filter((secret) => secret && logs.includes(secret))).toEqual([])
  })

  it('name the client of every authenticated request', async () => {
    const client = await createClient(t, { role: 'regulator' })
    const token = await client.token()

    await request(t.app.server).get('/api/v1/me').set('authorization', `Bearer ${token}`)

    const lines = t.logs.filter((line) => line.route === '/api/v1/me' && line.status === 200)
    expect(lines.at(-1)).toMatchObject({ clientId: client.clientId, msg: 'request completed' })
    const adminLines = t.logs.filter((line) => line.route === '/api/v1/admin/clients')
    expect(adminLines.at(-1)).toMatchObject({ clientId: 'bootstrap-admin', status: 201 })
  })
})
