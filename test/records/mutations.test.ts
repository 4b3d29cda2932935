import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { adminAuthorization, createClient, type TestClient } from '../helpers/auth.js'
import { claimBody, INSURER_A, policyBody } from '../helpers/fixtures.js'

/*
 * Mutation testing of the write routes: bodies that are nearly right, and bodies that are
 * wildly wrong, must each get a problem document or a success, never a 5xx. The generator is
 * seeded, so a failure names a case that can be replayed exactly.
 */

const CASES = 200
const SEED = 0x5a_0c_d0_c4

let t: TestApp
let insurer: TestClient

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 1_000_000 } })
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  await request(t.app.server)
    .put(`/api/v1/insurers/${INSURER_A}/policies/M-POLICY`)
    .set('authorization', `Bearer ${await insurer.token()}`)
    .send(policyBody('M-POLICY'))
})

afterAll(async () => {
  await t.close()
})

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** mulberry32: a small deterministic generator, good enough to pick mutations. */
function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = state
    x = Math.imul(x ^ (x >>> 15), x | 1)
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
  const int = (below: number) => Math.floor(next() * below)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T
  return { next, int, pick }
}

type Random = ReturnType<typeof createRandom>

/** Text spliced into the JSON after stringifying: what JSON.stringify cannot produce. */
const RAW_MARKER = '\u0001raw:'
const raw: Record<string, (random: Random) => string> = {
  deepArrays: (r) => {
    const depth = r.pick([64, 1_000, 20_000, 100_000])
    return '['.repeat(depth) + ']'.repeat(depth)
  },
  deepObjects: (r) => {
    const depth = r.pick([64, 1_000, 20_000])
    return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
  },
  protoKey: () => '{"__proto__":{"polluted":true}}',
  constructorKey: () => '{"constructor":{"prototype":{"polluted":true}}}',
  bigNumber: () => '1e400',
  longNumber: () => '1'.repeat(5000),
  loneSurrogate: () => '"\\ud800"',
  nulEscape: () => '"a\\u0000b"',
}

const strange: readonly Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  2 ** 31,
  2 ** 53 + 2,
  1e21,
  1e308,
  '',
  ' ',
  'text',
  '12800.00',
  '12800',
  '-1.00',
  '1e5',
  '0x10',
  '12800.001',
  ' 12 ',
  'NaN',
  '2026-02-30',
  '2026-13-01',
  '0999-01-01',
  '9999-12-31',
  '2026-01-01T24:00:00+08:00',
  '2026-01-01T00:00:00+15:00',
  '9999-12-31T23:59:59-14:00',
  '2026-03-01T09:30:00.1234567891+08:00',
  '450000',
  '450100',
  '459999',
  '440100',
  '45010',
  '91450100MA5K7B2X50',
  '91450100ma5k7b2x5r',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '😀',
  '\u202eabc',
  '\ufeff',
  '中文'.repeat(1000),
  [],
  {},
  [1, 2, 3],
  { nested: { deeper: [null] } },
  ['reported'],
]

const mutators: Record<string, (value: Json, random: Random) => Json | undefined> = {
  drop: () => undefined,
  strange: (_value, r) => structuredClone(r.pick(strange)),
  null: () => null,
  hugeString: (_value, r) => 'x'.repeat(r.pick([2_001, 65_537, 1_000_000])),
  numberForString: (value) => (typeof value === 'string' ? Number(value) || 12800 : 12800),
  stringForNumber: (value) => String(value),
  arrayForObject: (value) => [value],
  objectForArray: (value) => (Array.isArray(value) ? { ...value } : { value }),
  unicodeAppended: (value, r) =>
    typeof value === 'string'
      ? value + r.pick(['\u0000', '\ud83d', '😀', '\u0301', '\u2028'])
      : value,
  rawSplice: (_value, r) => `${RAW_MARKER}${r.pick(Object.keys(raw))}`,
  unknownField: (value, r) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? { ...value, [r.pick(['colour', 'extra', 'prototype', '', 'a\u0000', '\udc00'])]: 1 }
      : value,
}

/** Every path into a JSON value, the root included. */
function pathsOf(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const here = [prefix]
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))]
  if (value && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
  }
  return here
}

function mutateAt(root: Json, path: Array<string | number>, change: (v: Json) => Json | undefined) {
  if (path.length === 0) return change(root) ?? null
  const parent = path.slice(0, -1).reduce<Json>((node, step) => (node as never)[step], root)
  const last = path.at(-1) as string | number
  const next = change((parent as never)[last])
  if (Array.isArray(parent)) {
    if (next === undefined) parent.splice(last as number, 1)
    else parent[last as number] = next
  } else if (parent && typeof parent === 'object') {
    if (next === undefined) delete parent[last as string]
    else parent[last as string] = next
  }
  return root
}

interface Mutant {
  text: string
  applied: string[]
}

function mutate(base: Json, random: Random): Mutant {
  let body = structuredClone(base)
  const applied: string[] = []
  for (let n = 1 + random.int(3); n > 0; n--) {
    const path = random.pick(pathsOf(body))
    const name = random.pick(Object.keys(mutators))
    applied.push(`${name} at /${path.join('/')}`)
    body = mutateAt(body, path, (v) => mutators[name]?.(v, random))
  }

  const text = JSON.stringify(body).replace(
    new RegExp(`"${RAW_MARKER}(\\w+)"`, 'g'),
    (_match, kind: string) => raw[kind]?.(random) ?? 'null',
  )
  return { text, applied }
}

/** What any answer must be: a success, or a problem document naming its own status. */
function fault(response: request.Response): string | undefined {
  if (response.status >= 500) return `${response.status} ${response.text.slice(0, 200)}`
  if (response.status < 300) {
    return /^application\/json/.test(response.headers['content-type'] ?? '')
      ? undefined
      : `success with content-type ${response.headers['content-type']}`
  }
  const isProblem =
    /^application\/problem\+json/.test(response.headers['content-type'] ?? '') &&
    response.body?.status === response.status &&
    typeof response.body?.code === 'string'
  return isProblem
    ? undefined
    : `${response.status} is not a problem document: ${response.text.slice(0, 200)}`
}

async function runMutants(
  seed: number,
  base: (i: number) => Json,
  send: (i: number, text: string, random: Random) => Promise<request.Response>,
) {
  const random = createRandom(seed)
  const failures: string[] = []
  const statuses = new Map<number, number>()

  for (let i = 0; i < CASES; i++) {
    const mutant = mutate(base(i), random)
    const response = await send(i, mutant.text, random)
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
    const problem = fault(response)
    if (problem) failures.push(`case ${i} (${mutant.applied.join('; ')}): ${problem}`)
  }

  expect(failures).toEqual([])
  // The mutants must exercise both sides: some are still valid, most are refused.
  expect([...statuses.keys()].some((s) => s < 300)).toBe(true)
  expect([...statuses.keys()].some((s) => s >= 400)).toBe(true)
}

async function sendRaw(method: 'put' | 'post', url: string, text: string, headers = {}) {
  return request(t.app.server)
    [method](url)
    .set('authorization', `Bearer ${await insurer.token()}`)
    .set('content-type', 'application/json')
    .set(headers)
    .send(text)
}

const policyUrl = (key: string) => `/api/v1/insurers/${INSURER_A}/policies/${key}`

describe('PUT /api/v1/insurers/{insurerCode}/policies/{key}', () => {
  it.each([
    ['U+0000 in a name', 'a\u0000b', '/insured/name'],
    ['an unpaired high surrogate in a name', 'a\ud800b', '/insured/name'],
    ['an unpaired low surrogate in a name', '\udc00', '/insured/name'],
  ])('refuses %s, which the database cannot store, with 400', async (_name, name, path) => {
    const body = policyBody('M-CHARS-1')
    const text = JSON.stringify({ ...body, insured: { ...(body.insured as object), name } })
    const response = await sendRaw('put', policyUrl('M-CHARS-1'), text)

    expect([response.status, response.body.code]).toEqual([400, 'validation_failed'])
    expect(response.body.errors).toEqual([
      { path, code: 'invalid_characters', message: expect.any(String) },
    ])
  })

  it('stores characters outside the basic plane and reads them back unchanged', async () => {
    const body = policyBody('M-CHARS-2')
    const name = '𠀀𡈽化工😀有限公司\u2028'
    const insured = { ...(body.insured as object), name }
    const response = await sendRaw(
      'put',
      policyUrl('M-CHARS-2'),
      JSON.stringify({ ...body, insured }),
    )

    expect(response.status).toBe(201)
    expect(response.body.insured.name).toBe(name)
  })

  it(`answers ${CASES} mutated policies without a 5xx`, { timeout: 300_000 }, async () => {
    await runMutants(
      SEED,
      (i) => policyBody(`M-P-${i}`) as Json,
      (i, text) => sendRaw('put', `/api/v1/insurers/${INSURER_A}/policies/M-P-${i}`, text),
    )
  })
})

describe('PUT /api/v1/insurers/{insurerCode}/claims/{key}', () => {
  it(`answers ${CASES} mutated claims without a 5xx`, { timeout: 300_000 }, async () => {
    await runMutants(
      SEED + 1,
      (i) => claimBody(`M-C-${i}`, 'M-POLICY') as Json,
      (i, text) => sendRaw('put', `/api/v1/insurers/${INSURER_A}/claims/M-C-${i}`, text),
    )
  })
})

describe('POST /api/v1/insurers/{insurerCode}/batches', () => {
  it(`answers ${CASES} mutated batches without a 5xx`, { timeout: 300_000 }, async () => {
    const batch = (i: number): Json => ({
      atomic: i % 2 === 0,
      items: [
        { kind: 'policies', key: `M-BP-${i}`, record: policyBody(`M-BP-${i}`) as Json },
        { kind: 'claims', key: `M-BC-${i}`, record: claimBody(`M-BC-${i}`, `M-BP-${i}`) as Json },
      ],
    })
    await runMutants(SEED + 2, batch, (i, text, random) =>
      sendRaw(
        'post',
        `/api/v1/insurers/${INSURER_A}/batches${random.int(4) === 0 ? '?dryRun=true' : ''}`,
        text,
        random.int(2) === 0 ? { 'idempotency-key': `mutant-${i}` } : {},
      ),
    )
  })

  it('refuses a body nested deeper than any record, before it reaches recursive code', async () => {
    const depth = 100_000
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`
    const text = `{"items":[{"kind":"policies","key":"M-DEEP-1","record":{"remarks":${nested}}}]}`
    const response = await sendRaw('post', `/api/v1/insurers/${INSURER_A}/batches`, text, {
      'idempotency-key': 'mutant-deep-1',
    })

    expect([response.status, response.body.code]).toEqual([400, 'validation_failed'])
    expect(response.body.errors).toEqual([
      {
        path: `/items/0/record/remarks${'/0'.repeat(28)}`,
        code: 'too_deep',
        message: expect.any(String),
      },
    ])
  })

  it('leaves the audit chain whole after every mutant', async () => {
    await expect
      .poll(async () => {
        const response = await request(t.app.server)
          .get('/api/v1/admin/audit/verify')
          .set('authorization', adminAuthorization(t))
        return response.body.ok
      })
      .toBe(true)
  })
})
