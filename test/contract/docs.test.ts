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

describe('GET /docs', () => {
  it('serves the API reference page, offline, pointing at /openapi.json', async () => {
    const page = await request(t.app.server).get('/docs').redirects(1)

    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.text).toContain('/openapi.json')

    const src = /<script[^>]+src="([^"]+)"/.exec(page.text)?.[1] ?? ''
    expect(src).not.toMatch(/^https?:/)
    const script = new URL(src, 'http://localhost/docs/').pathname
    expect(script).toMatch(/^\/docs\//)

    const bundle = await request(t.app.server).get(script)
    expect(bundle.status).toBe(200)
    expect(bundle.headers['content-type']).toMatch(/javascript/)
    expect(bundle.text.length).toBeGreaterThan(100_000)
  })

  it('answers 404 as a problem document for a path the docs do not have', async () => {
    const response = await request(t.app.server).get('/docs/no-such-file.js')

    expect(response.status).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  })
})
