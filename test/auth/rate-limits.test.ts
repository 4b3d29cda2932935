import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient } from '../helpers/auth.js'

let t: TestApp
let limited: TestApp
let now = Date.now()

beforeAll(async () => {
  t = await createTestApp()
  // A second process on the same database, with a limit small enough to reach.
  limited = await createTestApp({
    database: t.database,
    config: { rateLimitPerMinute: 3 },
    clock: () => new Date(now),
  })
})

afterAll(async () => {
  await limited.close()
  await t.close()
})

function me(token?: string) {
  const pending = request(limited.app.server).get('/api/v1/me')
  return token ? pending.set('authorization', `Bearer ${token}`) : pending
}

describe('rate limits', () => {
  it('answers 429 with Retry-After past the limit, counting each client apart', async () => {
    const first = await (await createClient(t, { role: 'insurer' })).token()
    const second = await (await createClient(t, { role: 'insurer' })).token()
    now += 60_000

    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await me(first)).status)
    const refused = await me(first)
    const other = await me(second)

    expect(statuses).toEqual([200, 200, 200, 429])
    expect(refused.body.code).toBe('rate_limited')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60)
    expect(other.status).toBe(200)
  })

  it('admits a client again in the next minute', async () => {
    const token = await (await createClient(t, { role: 'regulator' })).token()
    now += 60_000
    for (let i = 0; i < 4; i++) await me(token)

    now += 60_000

    expect((await me(token)).status).toBe(200)
  })

  it('counts requests without a valid token per address, the token endpoint included', async () => {
    now += 60_000

    const token = () => request(limited.app.server).post('/api/v1/oauth/token').type('form')
    const statuses = [
      (await me()).status,
      (await me('not-a-token')).status,
      (await token().send({})).status,
    ]
    const refused = await token().send({})

    expect(statuses).toEqual([401, 401, 400])
    expect(refused.status).toBe(429)
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(refused.headers['retry-after']).toMatch(/^\d+$/)
  })

  it('never limits probes, scrapers and key fetches', async () => {
    now += 60_000

    const statuses = []
    for (let i = 0; i < 5; i++) {
      statuses.push((await request(limited.app.server).get('/healthz')).status)
      statuses.push((await request(limited.app.server).get('/.well-known/jwks.json')).status)
    }

    expect(new Set(statuses)).toEqual(new Set([200]))
  })
})
