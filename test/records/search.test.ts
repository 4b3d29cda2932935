import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, runAuthMatrix, type TestClient } from '../helpers/auth.js'
import { claimBody, creditCode, INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurerA: TestClient
let insurerB: TestClient
let province: TestClient

/** A policy of a unit in `regionCode`, of `industry`, issued in `year`. */
function policy(key: string, regionCode: string, industry: string, year: number, extra = {}) {
  const base = policyBody(key)
  return {
    kind: 'policies',
    key,
    record: {
      ...base,
      insured: { ...(base.insured as object), regionCode, industry, creditCode: creditCode(year) },
      issueDate: `${year}-04-01`,
      periodStart: `${year}-04-02`,
      periodEnd: `${year + 1}-04-01`,
      ...extra,
    },
  }
}

function claim(key: string, policyNo: string, occurredAt: string, extra = {}) {
  const base = claimBody(key, policyNo)
  return {
    kind: 'claims',
    key,
    record: {
      ...base,
      accident: { ...(base.accident as object), occurredAt },
      reportedAt: occurredAt,
      ...extra,
    },
  }
}

async function batch(client: TestClient, items: object[]) {
  const response = await request(t.app.server)
    .post(`/api/v1/insurers/${client.insurerCode}/batches`)
    .set('authorization', `Bearer ${await client.token()}`)
    .send({ atomic: true, items })
  expect(response.status).toBe(200)
  return response
}

beforeAll(async () => {
  t = await createTestApp()
  insurerA = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  insurerB = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  province = await createClient(t, { role: 'regulator', regionCode: '450000' })

  const terminated = {
    status: 'terminated',
    terminatedAt: '2025-09-01',
    terminationReason: 'business_closed',
  }
  await batch(insurerA, [
    policy('S-A-1', '450102', 'hazardous_chemicals', 2026),
    policy('S-A-2', '450103', 'mine', 2025, { status: 'expired' }),
    policy('S-A-3', '450202', 'construction', 2026),
    claim('SC-A-1', 'S-A-1', '2026-05-01T09:00:00+08:00'),
    // 2025-12-31 20:00 UTC is New Year's morning in Guangxi: a claim of 2026.
    claim('SC-A-2', 'S-A-3', '2025-12-31T20:00:00Z'),
    claim('SC-A-3', 'S-A-2', '2025-06-01T09:00:00+08:00', {
      status: 'paid',
      paidAmount: '20000.00',
      paidAt: '2025-07-01T09:00:00+08:00',
    }),
  ])
  await batch(insurerB, [
    policy('S-B-1', '450102', 'hazardous_chemicals', 2026),
    policy('S-B-2', '450205', 'fireworks', 2025, terminated),
    policy('S-B-3', '450302', 'transport', 2026),
    claim('SC-B-1', 'S-B-1', '2025-12-31T15:00:00Z', { status: 'registered' }),
    claim('SC-B-2', 'S-B-3', '2026-04-10T09:00:00+08:00'),
  ])
})

afterAll(async () => {
  await t.close()
})

async function search(path: string, client: TestClient = province) {
  return request(t.app.server)
    .get(path)
    .set('authorization', `Bearer ${await client.token()}`)
}

async function keysOf(path: string, client: TestClient = province): Promise<string[]> {
  const response = await search(path, client)
  expect(response.status).toBe(200)
  expect(response.body.nextCursor).toBeNull()
  const keys = response.body.items.map(
    (item: { policyNo?: string; claimNo?: string }) => item.claimNo ?? item.policyNo,
  )
  return keys.sort()
}

describe('GET /api/v1/policies', () => {
  it('answers each record exactly as a read of it would', async () => {
    const response = await search(`/api/v1/policies?insurerCode=${INSURER_A}&limit=1`)
    const read = await search(`/api/v1/insurers/${INSURER_A}/policies/S-A-1`)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ items: [read.body], nextCursor: expect.any(String) })
  })

  it('shows an insurer only its own policies, whatever it asks for', async () => {
    expect(await keysOf('/api/v1/policies', insurerA)).toEqual(['S-A-1', 'S-A-2', 'S-A-3'])
    expect(await keysOf(`/api/v1/policies?insurerCode=${INSURER_B}`, insurerA)).toEqual([])
  })

  it('shows a regulator the policies inside its region only', async () => {
    const nanning = await createClient(t, { role: 'regulator', regionCode: '450100' })
    const xingning = await createClient(t, { role: 'regulator', regionCode: '450102' })

    expect(await keysOf('/api/v1/policies')).toEqual([
      'S-A-1',
      'S-A-2',
      'S-A-3',
      'S-B-1',
      'S-B-2',
      'S-B-3',
    ])
    expect(await keysOf('/api/v1/policies', nanning)).toEqual(['S-A-1', 'S-A-2', 'S-B-1'])
    expect(await keysOf('/api/v1/policies', xingning)).toEqual(['S-A-1', 'S-B-1'])
    expect(await keysOf('/api/v1/policies?regionCode=450200', nanning)).toEqual([])
  })

  it.each([
    [`insurerCode=${INSURER_B}`, ['S-B-1', 'S-B-2', 'S-B-3']],
    ['regionCode=450100', ['S-A-1', 'S-A-2', 'S-B-1']],
    ['regionCode=450102', ['S-A-1', 'S-B-1']],
    ['regionCode=450200', ['S-A-3', 'S-B-2']],
    ['regionCode=450000', ['S-A-1', 'S-A-2', 'S-A-3', 'S-B-1', 'S-B-2', 'S-B-3']],
    ['industry=hazardous_chemicals', ['S-A-1', 'S-B-1']],
    ['status=in_force', ['S-A-1', 'S-A-3', 'S-B-1', 'S-B-3']],
    ['status=terminated', ['S-B-2']],
    ['year=2025', ['S-A-2', 'S-B-2']],
    ['year=2024', []],
    ['regionCode=450100&status=in_force&year=2026', ['S-A-1', 'S-B-1']],
  ])('filters by %s', async (query, expected) => {
    expect(await keysOf(`/api/v1/policies?${query}`)).toEqual(expected)
  })

  it('filters by updatedSince: only what changed at or after that instant', async () => {
    const since = new Date(Date.now() + 1).toISOString()
    await new Promise((resolve) => setTimeout(resolve, 20))
    await batch(insurerA, [
      policy('S-A-2', '450103', 'mine', 2025, { status: 'expired', remarks: '更正' }),
    ])

    expect(await keysOf(`/api/v1/policies?updatedSince=${since}`)).toEqual(['S-A-2'])
    expect(
      await keysOf(
        `/api/v1/policies?updatedSince=${encodeURIComponent('2020-01-01T00:00:00+08:00')}`,
      ),
    ).toHaveLength(6)
  })

  it.each([
    ['an unknown filter', 'colour=red', '/query/colour'],
    ['a filter of another kind', 'level=major', '/query/level'],
    ['a limit of 0', 'limit=0', '/query/limit'],
    ['a limit over 1,000', 'limit=1001', '/query/limit'],
    ['a region outside Guangxi', 'regionCode=440100', '/query/regionCode'],
    ['a time without offset', 'updatedSince=2026-01-01T00:00:00', '/query/updatedSince'],
    ['a cursor of another API', 'cursor=bm90LWEtY3Vyc29y', '/query/cursor'],
    ['a cursor that is not base64url', 'cursor=%25%25', '/query/cursor'],
  ])('refuses %s with 400', async (_name, query, path) => {
    const response = await search(`/api/v1/policies?${query}`)

    expect([response.status, response.body.code]).toEqual([400, 'validation_failed'])
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual([path])
  })

  it('pages with a cursor, visiting every record once while others are written', async () => {
    const writer = await createClient(t, { role: 'insurer' })
    const keys = Array.from({ length: 7 }, (_, i) => `S-PAGE-${i}`)
    await batch(
      writer,
      keys.map((key) => policy(key, '450105', 'other', 2026)),
    )

    const seen: string[] = []
    let cursor: string | null = ''
    for (let page = 0; cursor !== null; page++) {
      const query = `insurerCode=${writer.insurerCode}&limit=3${cursor ? `&cursor=${cursor}` : ''}`
      const response = await search(`/api/v1/policies?${query}`, writer)
      expect(response.status).toBe(200)
      expect(response.body.items.length).toBeLessThanOrEqual(3)
      seen.push(...response.body.items.map((item: { policyNo: string }) => item.policyNo))
      cursor = response.body.nextCursor

      if (page === 0) {
        // A new policy, a replaced one already seen, and a replaced one still ahead.
        await batch(writer, [
          policy('S-PAGE-NEW', '450105', 'other', 2026),
          policy('S-PAGE-0', '450105', 'other', 2026, { remarks: '已看过' }),
          policy('S-PAGE-6', '450105', 'other', 2026, { remarks: '未看到' }),
        ])
      }
    }

    expect(seen).toEqual([...keys, 'S-PAGE-NEW'])
  })

  it('refuses every faulty token and admits every role', async () => {
    await runAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/policies',
      roles: ['insurer', 'regulator', 'admin'],
      isAdmitted: (response) => response.status === 200,
    })
  })
})

describe('GET /api/v1/claims', () => {
  it('shows an insurer only its own claims', async () => {
    expect(await keysOf('/api/v1/claims', insurerA)).toEqual(['SC-A-1', 'SC-A-2', 'SC-A-3'])
    expect(await keysOf('/api/v1/claims', insurerB)).toEqual(['SC-B-1', 'SC-B-2'])
  })

  it('places each claim where its policy is, for regulators', async () => {
    const liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })
    const guilin = await createClient(t, { role: 'regulator', regionCode: '450300' })

    expect(await keysOf('/api/v1/claims', liuzhou)).toEqual(['SC-A-2'])
    expect(await keysOf('/api/v1/claims', guilin)).toEqual(['SC-B-2'])
    expect(await keysOf('/api/v1/claims')).toHaveLength(5)
  })

  it.each([
    [`insurerCode=${INSURER_A}`, ['SC-A-1', 'SC-A-2', 'SC-A-3']],
    ['regionCode=450100', ['SC-A-1', 'SC-A-3', 'SC-B-1']],
    ['regionCode=450102', ['SC-A-1', 'SC-B-1']],
    ['industry=construction', ['SC-A-2']],
    ['status=paid', ['SC-A-3']],
    ['status=reported', ['SC-A-1', 'SC-A-2', 'SC-B-2']],
    ['year=2026', ['SC-A-1', 'SC-A-2', 'SC-B-2']],
    ['year=2025', ['SC-A-3', 'SC-B-1']],
  ])('filters by %s', async (query, expected) => {
    expect(await keysOf(`/api/v1/claims?${query}`)).toEqual(expected)
  })

  it('answers each claim with its derived grade', async () => {
    const response = await search('/api/v1/claims?status=paid')
    const read = await search(`/api/v1/insurers/${INSURER_A}/claims/SC-A-3`)

    expect(response.body).toEqual({ items: [read.body], nextCursor: null })
    expect(read.body.derived).toEqual({ grade: 'general' })
  })

  it('pages claims with a cursor to the end', async () => {
    const seen: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const response = await search(`/api/v1/claims?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...response.body.items.map((item: { claimNo: string }) => item.claimNo))
      cursor = response.body.nextCursor
    }
    expect(seen.sort()).toEqual(['SC-A-1', 'SC-A-2', 'SC-A-3', 'SC-B-1', 'SC-B-2'])
  })
})
