import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js'
import { createClient } from '../helpers/auth.js'

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8'
const admin = `Bearer ${TEST_ADMIN_TOKEN}`

let t: TestApp

beforeAll(async () => {
  // The sweep sends a thousand requests or more from one address.
  t = await createTestApp({ config: { rateLimitPerMinute: 1_000_000 } })
})

afterAll(async () => {
  await t.close()
})

describe('any input', () => {
  it('never produces a 500 on any documented operation, and every error is a problem', async () => {
    const document = (await request(t.app.server).get('/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>
    }
    const insurer = await createClient(t, { role: 'insurer' })
    const regulator = await createClient(t, { role: 'regulator' })
    const callers: Caller[] = [
      { name: 'anonymous', insurerCode: 'x' },
      { name: 'bootstrap admin', authorization: admin, insurerCode: 'x' },
      {
        name: 'insurer',
        authorization: `Bearer ${await insurer.token()}`,
        insurerCode: insurer.insurerCode ?? '',
      },
      {
        name: 'regulator',
        authorization: `Bearer ${await regulator.token()}`,
        insurerCode: insurer.insurerCode ?? '',
      },
    ]
    const faults: string[] = []
    let sent = 0

    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item).filter((m) => m !== 'parameters')) {
        for (const caller of callers) {
          const attempts = attemptsFor(path, caller)
          const responses = await Promise.all(attempts.map((a) => send(method, a, caller)))
          sent += responses.length

          responses.forEach((response, index) => {
            const fault = judge(response)
            const url = attempts[index]?.url
            if (fault) faults.push(`${method.toUpperCase()} ${url} (${caller.name}): ${fault}`)
          })
        }
      }
    }

    expect(sent).toBeGreaterThan(100)
    expect(faults).toEqual([])
  }, 180_000)
})

type Caller = { name: string; authorization?: string; insurerCode: string }
type Attempt = {
  url: string
  type?: string
  body?: string
  headers?: Record<string, string>
}

/**
 * Odd values in every path parameter, the query, the body and the conditional headers. The
 * caller's own insurer code stays in place in some, so that a write gets past the tenancy check.
 */
function attemptsFor(path: string, caller: Caller): Attempt[] {
  const fill = (value: string, insurerCode = value) =>
    path.replace('{insurerCode}', insurerCode).replace(/\{[^}]+\}/g, value)
  const own = (value: string) => fill(value, caller.insurerCode)
  const query = '?limit=-1&cursor=%25%25&updatedSince=yesterday&year=abc&after=x&dryRun=maybe'
  const json = 'application/json'
  // Without a token every protected route stops at authentication: one try says enough.
  if (!caller.authorization) return [{ url: fill('%C3%A9%20%2F..') }]

  return [
    { url: fill('%C3%A9%20%2F..') },
    { url: own('A'.repeat(80)) + query },
    { url: own('P-1'), type: json, body: '{"a":' },
    { url: own('P-1'), type: json, body: '{"a":[1,{"b":null}],"policyNo":7,"items":"x"}' },
    { url: own('P-1'), type: json, body: '{"items":[{"kind":"policies","key":"P-1"}]}' },
    { url: own('P-1'), type: 'text/csv', body: 'a,b\n1,2' },
    { url: own('P-1'), type: 'application/x-www-form-urlencoded', body: 'a=%FF' },
    {
      url: own('P-1'),
      type: json,
      body: '{}',
      headers: {
        'if-match': 'garbage',
        'if-none-match': '"1", *',
        'idempotency-key': 'k'.repeat(300),
      },
    },
  ]
}

function send(method: string, attempt: Attempt, caller: Caller) {
  const call = request(t.app.server)[method as 'get'](attempt.url)
  if (caller.authorization) call.set('authorization', caller.authorization)
  if (attempt.type) call.set('content-type', attempt.type)
  for (const [name, value] of Object.entries(attempt.headers ?? {})) call.set(name, value)
  return attempt.body === undefined ? call : call.send(attempt.body)
}

/** What is wrong with an answer to junk, if anything. */
function judge(response: request.Response): string | undefined {
  if (response.status >= 500) return `${response.status} ${response.text.slice(0, 200)}`
  if (response.status < 400) return undefined

  const type = response.headers['content-type'] ?? ''
  // The token endpoint answers errors as RFC 6749 says: JSON with an `error` code.
  const isOAuthError =
    type.startsWith('application/json') && typeof response.body.error === 'string'
  if (type !== PROBLEM_TYPE && !isOAuthError) return `${response.status} answered as ${type}`
  if (!isOAuthError && response.body.requestId !== response.headers['x-request-id']) {
    return 'problem without the request id'
  }
  return undefined
}
