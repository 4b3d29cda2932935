import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})

afterAll(async () => {
  await t.close()
})

describe('GET /healthz', () => {
  it('answers ok while the process is alive', async () => {
    const response = await request(t.app.server).get('/healthz')

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'ok' })
    expect(response.headers['x-request-id']).toMatch(/.+/)
  })
})

describe('GET /readyz', () => {
  it('answers ready once the database is reachable and migrated', async () => {
    const response = await request(t.app.server).get('/readyz')

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'ready' })
  })
})

describe('GET /metrics', () => {
  it('exposes request counts, latency and the database pool in Prometheus text', async () => {
    await request(t.app.server).get('/healthz')
    const response = await request(t.app.server).get('/metrics')

    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/plain/)
    expect(response.text).toMatch(
      /http_requests_total\{route="\/healthz",method="GET",status="200"\} \d+/,
    )
    expect(response.text).toContain('http_request_duration_seconds_bucket')
    expect(response.text).toContain('db_pool_connections{state="total"}')
  })
})
