import pg from 'pg'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { testDatabaseUrl } from '../helpers/database.js'
import { creditCode, INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurerA: TestClient
let insurerB: TestClient
let nanning: TestClient
let province: TestClient

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 1_000_000 } })
  insurerA = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  insurerB = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  nanning = await createClient(t, { role: 'regulator', regionCode: '450100' })
  province = await createClient(t, { role: 'regulator', regionCode: '450000' })

  await putPolicy(insurerA, 'FEED-A1', '450102')
  await putPolicy(insurerA, 'FEED-A2', '450202')
  await putPolicy(insurerB, 'FEED-B1', '450103')
  // The same body again changes nothing; another premium is version 2.
  await putPolicy(insurerA, 'FEED-A1', '450102')
  await putPolicy(insurerA, 'FEED-A1', '450102', { premiumCollected: '1000.00' })
  await sealedUpTo(4)
}, 120_000)

afterAll(async () => {
  await t.close()
})

async function putPolicy(
  client: TestClient,
  key: string,
  regionCode: string,
  overrides: Record<string, unknown> = {},
) {
  const insured = { ...(policyBody(key).insured as object), creditCode: creditCode(7), regionCode }
  const response = await request(t.app.server)
    .put(`/api/v1/insurers/${client.insurerCode}/policies/${key}`)
    .set('authorization', `Bearer ${await client.token()}`)
    .send(policyBody(key, { insured, ...overrides }))
  if (response.status >= 300) throw new Error(`write refused: ${response.text}`)
}

async function feed(client: TestClient, query = '') {
  const response = await request(t.app.server)
    .get(`/api/v1/changes${query}`)
    .set('authorization', `Bearer ${await client.token()}`)
  expect(response.status).toBe(200)
  return response.body as {
    items: Array<{ seq: number; kind: string; insurerCode: string; key: string; version: number }>
    nextAfter: number
  }
}

/**
 * Entries are sealed once every transaction older than theirs has ended, on the whole
 * PostgreSQL server (transaction ids are shared by its databases): on a busy server the feed
 * lags a little behind the writes, and a reader waits for it.
 */
async function sealedUpTo(count: number) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if ((await feed(province)).items.length >= count) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the feed never showed ${count} writes`)
}

const summary = (items: Array<{ key: string; version: number }>) =>
  items.map((item) => `${item.key}@${item.version}`)

describe('GET /api/v1/changes', () => {
  it('answers every write a province regulator may see, in order, resends left out', async () => {
    const page = await feed(province)

    expect(summary(page.items)).toEqual(['FEED-A1@1', 'FEED-A2@1', 'FEED-B1@1', 'FEED-A1@2'])
    expect(page.items[0]).toEqual({
      seq: expect.any(Number),
      kind: 'policies',
      insurerCode: INSURER_A,
      key: 'FEED-A1',
      version: 1,
      changedAt: expect.stringMatching(/\+08:00$/),
    })
    const seqs = page.items.map((item) => item.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(page.nextAfter).toBe(seqs.at(-1))
  })

  it('shows an insurer its own writes only', async () => {
    expect(summary((await feed(insurerB)).items)).toEqual(['FEED-B1@1'])
  })

  it('shows a city regulator the writes of its city only', async () => {
    expect(summary((await feed(nanning)).items)).toEqual(['FEED-A1@1', 'FEED-B1@1', 'FEED-A1@2'])
  })

  it('pages with after and limit; a reader following nextAfter sees each write once', async () => {
    const seen: string[] = []
    let after = 0
    for (let i = 0; i < 10; i++) {
      const page = await feed(province, `?after=${after}&limit=1`)
      seen.push(...summary(page.items))
      if (page.nextAfter === after) break
      after = page.nextAfter
    }

    expect(seen).toEqual(['FEED-A1@1', 'FEED-A2@1', 'FEED-B1@1', 'FEED-A1@2'])
  })

  it('moves an insurer past the writes of others it cannot see', async () => {
    const everything = await feed(province)
    const own = await feed(insurerB)

    expect(own.nextAfter).toBe(everything.nextAfter)
  })

  it('refuses a negative position', async () => {
    const response = await request(t.app.server)
      .get('/api/v1/changes?after=-1')
      .set('authorization', `Bearer ${await province.token()}`)

    expect(response.status).toBe(400)
  })
})

/**
 * STACK.md, trap 15. PostgreSQL only: PGlite has a single connection, so no transaction can be
 * held open beside the app's writes.
 */
describe.skipIf(!testDatabaseUrl)('GET /api/v1/changes, commit order', () => {
  it('never passes a write still in flight, and shows it once it commits', async () => {
    const start = (await feed(province)).nextAfter
    const late = new pg.Client({ connectionString: t.database.url })
    await late.connect()

    try {
      await late.query('begin')
      // What the API writes for a record, on a connection of its own, not yet committed.
      await late.query(
        `insert into audit_log (client_id, request_id, insurer_code, region_code, kind, key,
                                version, sha256, outcome)
         values ($1, 'req-late', $2, '450102', 'policies', 'FEED-LATE', 1, $3, 'created')`,
        [insurerA.clientId, INSURER_A, 'f'.repeat(64)],
      )

      await putPolicy(insurerA, 'FEED-AFTER-1', '450102')
      await putPolicy(insurerB, 'FEED-AFTER-2', '450103')

      const blocked = await feed(province, `?after=${start}`)
      expect(blocked.items).toEqual([])
      expect(blocked.nextAfter).toBe(start)

      await late.query('commit')
    } finally {
      await late.end()
    }

    const seen: string[] = []
    let after = start
    for (let attempt = 0; attempt < 300 && seen.length < 3; attempt++) {
      const page = await feed(province, `?after=${after}`)
      seen.push(...summary(page.items))
      after = page.nextAfter
      if (seen.length < 3) await new Promise((resolve) => setTimeout(resolve, 100))
    }

    expect(seen.sort()).toEqual(['FEED-AFTER-1@1', 'FEED-AFTER-2@1', 'FEED-LATE@1'])
  })
})
