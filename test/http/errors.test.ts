import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8'
const TEN_MIB = 10 * 1024 * 1024
const CLIENTS = '/api/v1/admin/clients'
const admin = `Bearer ${TEST_ADMIN_TOKEN}`

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})

afterAll(async () => {
  await t.close()
})

/** The problem document every error answers with, checked whole; `requestId` from the header. */
function expectProblem(
  response: request.Response,
  expected: { status: number; code: string; title: string; detail?: string; instance: string },
) {
  expect(response.status).toBe(expected.status)
  expect(response.headers['content-type']).toBe(PROBLEM_TYPE)
  expect(response.body).toEqual({
    type: `urn:azx-dock:problem:${expected.code}`,
    title: expected.title,
    status: expected.status,
    detail: expected.detail ?? expected.title,
    code: expected.code,
    requestId: response.headers['x-request-id'],
    instance: expected.instance,
    errors: [],
  })
}

describe('unknown routes and methods', () => {
  it('answers an unknown path with 404 route_not_found', async () => {
    const response = await request(t.app.server).get('/api/v1/nothing-here?x=1')

    expectProblem(response, {
      status: 404,
      code: 'route_not_found',
      title: '接口不存在',
      instance: '/api/v1/nothing-here',
    })
  })

  it('answers a known path with another method 405 method_not_allowed and Allow', async () => {
    const response = await request(t.app.server).delete('/healthz')

    expectProblem(response, {
      status: 405,
      code: 'method_not_allowed',
      title: '不支持的请求方法',
      instance: '/healthz',
    })
    expect(response.headers.allow).toBe('GET, HEAD')
  })

  it('answers 405 before reading the body, so a broken body cannot make it a 400', async () => {
    const response = await request(t.app.server)
      .put(CLIENTS)
      .set('authorization', admin)
      .set('content-type', 'application/json')
      .send('{broken')

    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('GET, HEAD, POST')
    expect(response.body.code).toBe('method_not_allowed')
  })

  it('answers an undecodable path with a 400 problem, not a bare error', async () => {
    const response = await request(t.app.server).get('/api/v1/%E0%A4%A').set('x-request-id', 'r-1')

    expectProblem(response, {
      status: 400,
      code: 'bad_request',
      title: '错误的请求',
      detail: '请求路径的编码不合法',
      instance: '/api/v1/%E0%A4%A',
    })
    expect(response.headers['x-request-id']).toBe('r-1')
  })

  it('answers a path parameter over 100 characters with a 414 problem', async () => {
    const response = await request(t.app.server)
      .get(`${CLIENTS}/${'a'.repeat(101)}`)
      .set('authorization', admin)

    expect(response.status).toBe(414)
    expect(response.headers['content-type']).toBe(PROBLEM_TYPE)
    expect(response.body.code).toBe('bad_request')
  })
})

describe('X-Request-Id', () => {
  it("keeps the caller's id when it is safe, echoes it and puts it in the problem", async () => {
    const id = 'gx-pingan.2026-03-01T09:30:00_42'

    const response = await request(t.app.server).get('/nope').set('x-request-id', id)

    expect(response.headers['x-request-id']).toBe(id)
    expect(response.body.requestId).toBe(id)
  })

  it.each([
    ['with spaces', 'a b'],
    ['longer than 128 characters', 'x'.repeat(129)],
    ['with a quote', 'abc"def'],
    ['with a slash', '../../etc'],
  ])('replaces an id %s by one of its own', async (_case, id) => {
    const response = await request(t.app.server).get('/nope').set('x-request-id', id)

    expect(response.headers['x-request-id']).toMatch(UUID)
    expect(response.body.requestId).toBe(response.headers['x-request-id'])
  })

  it('makes a new id for every request that brings none', async () => {
    const first = await request(t.app.server).get('/healthz')
    const second = await request(t.app.server).get('/healthz')

    expect(first.headers['x-request-id']).toMatch(UUID)
    expect(second.headers['x-request-id']).toMatch(UUID)
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id'])
  })

  it('logs each request exactly once, with its id, route and status', async () => {
    const id = 'log-once-check-1'

    await request(t.app.server).get('/healthz').set('x-request-id', id)

    const lines = t.logs.filter((line) => line.reqId === id)
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        method: 'GET',
        route: '/healthz',
        status: 200,
      }),
    ])
  })
})

describe('Accept-Language', () => {
  it.each([
    [undefined, '接口不存在'],
    ['en', 'No such route'],
    ['en-GB,en;q=0.9', 'No such route'],
    ['zh-CN', '接口不存在'],
    ['en;q=0.2, zh;q=0.8', '接口不存在'],
    ['fr-FR', '接口不存在'],
    ['*;q=abc,,;', '接口不存在'],
  ])('with %s answers the title and detail in its language: %s', async (language, title) => {
    const call = request(t.app.server).get('/nope')
    const response = await (language === undefined ? call : call.set('accept-language', language))

    expect(response.body.title).toBe(title)
    expect(response.body.detail).toBe(title)
  })
})

describe(`POST ${CLIENTS} bodies`, () => {
  const post = () => request(t.app.server).post(CLIENTS).set('authorization', admin)

  it('refuses malformed JSON with 400 malformed_json', async () => {
    const response = await post()
      .set('content-type', 'application/json')
      .set('accept-language', 'en')
      .send('{"clientId": "a",')

    expectProblem(response, {
      status: 400,
      code: 'malformed_json',
      title: 'Malformed JSON body',
      instance: CLIENTS,
    })
  })

  it('refuses an empty JSON body with 400 malformed_json', async () => {
    const response = await post().set('content-type', 'application/json').send('')

    expect(response.status).toBe(400)
    expect(response.body.code).toBe('malformed_json')
  })

  it.each([
    ['text/plain', 'clientId=a'],
    ['application/x-www-form-urlencoded', 'clientId=a&name=b'],
    ['application/xml', '<client/>'],
  ])('refuses a %s body with 415 unsupported_media_type', async (type, body) => {
    const response = await post().set('content-type', type).send(body)

    expectProblem(response, {
      status: 415,
      code: 'unsupported_media_type',
      title: '不支持的媒体类型',
      instance: CLIENTS,
    })
  })

  it('reads a body of exactly 10 MiB and refuses one byte more with 413', async () => {
    const atLimit = paddedJson(TEN_MIB)
    const overLimit = paddedJson(TEN_MIB + 1)

    const accepted = await post().set('content-type', 'application/json').send(atLimit)
    const refused = await post().set('content-type', 'application/json').send(overLimit)

    // Allowed in size, so read in full and validated; the padding is just not a client.
    expect(accepted.status).toBe(400)
    expect(accepted.body.code).toBe('validation_failed')
    expectProblem(refused, {
      status: 413,
      code: 'payload_too_large',
      title: '请求体过大',
      instance: CLIENTS,
    })
  })

  it('lists every failing field at once, in the caller language', async () => {
    const response = await post()
      .set('accept-language', 'en')
      .send({ clientId: 'bad id!', role: 'king', jwks: { keys: [] }, surplus: 1 })

    expect(response.status).toBe(400)
    expect(response.headers['content-type']).toBe(PROBLEM_TYPE)
    expect(response.body).toMatchObject({
      type: 'urn:azx-dock:problem:validation_failed',
      title: 'Request is invalid',
      status: 400,
      code: 'validation_failed',
      requestId: response.headers['x-request-id'],
      instance: CLIENTS,
    })

    const errors = response.body.errors as Array<{ path: string; code: string; message: string }>
    expect(errors.map(({ path, code }) => ({ path, code }))).toEqual(
      expect.arrayContaining([
        { path: '/clientId', code: 'invalid_format' },
        { path: '/name', code: 'required' },
        { path: '/role', code: 'invalid_value' },
        { path: '/jwks/keys', code: 'too_few_items' },
        { path: '/surplus', code: 'unknown_field' },
      ]),
    )
    expect(errors).toHaveLength(5)
    // English, as asked: printable ASCII only.
    for (const error of errors) expect(error.message).toMatch(/^[ -~]+$/)
    expect(response.body.detail).toBe('Request is invalid: 5 field(s) failed')
  })

  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"client"'],
    ['a number', '42'],
  ])('refuses %s as a body with 400 validation_failed', async (_case, body) => {
    const response = await post().set('content-type', 'application/json').send(body)

    expect(response.status).toBe(400)
    expect(response.body.code).toBe('validation_failed')
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: '', code: 'invalid_type' }),
    ])
  })

  it('refuses prototype pollution keys as malformed JSON', async () => {
    const response = await post()
      .set('content-type', 'application/json')
      .send('{"__proto__": {"admin": true}}')

    expect(response.status).toBe(400)
    expect(response.body.code).toBe('malformed_json')
  })
})

/** A JSON object of exactly `bytes` bytes. */
function paddedJson(bytes: number): string {
  const frame = '{"name":""}'
  return `{"name":"${'x'.repeat(bytes - frame.length)}"}`
}
