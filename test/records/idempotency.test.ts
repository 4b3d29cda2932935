import { sql } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../src/storage/database.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurer: TestClient

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
})

afterAll(async () => {
  await t.close()
})

const batchUrl = (insurerCode = INSURER_A) => `/api/v1/insurers/${insurerCode}/batches`

const batchOf = (...keys: string[]) => ({
  items: keys.map((key) => ({ kind: 'policies', key, record: policyBody(key) })),
})

async function post(
  body: object,
  key: string,
  options: { client?: TestClient; app?: TestApp } = {},
) {
  const client = options.client ?? insurer
  return request((options.app ?? t).app.server)
    .post(batchUrl(client.insurerCode))
    .set('authorization', `Bearer ${await client.token()}`)
    .set('idempotency-key', key)
    .send(body)
}

async function versionsOf(key: string, insurerCode = INSURER_A): Promise<number> {
  const rows = await queryRows<{ count: number }>(
    t.database.handle.db,
    sql`select count(*)::int as count from record_versions
        where kind = 'policies' and insurer_code = ${insurerCode} and key = ${key}`,
  )
  return rows[0]?.count ?? 0
}

async function auditCount(): Promise<number> {
  const rows = await queryRows<{ count: number }>(
    t.database.handle.db,
    sql`select count(*)::int as count from audit_log`,
  )
  return rows[0]?.count ?? 0
}

describe('POST /api/v1/insurers/{insurerCode}/batches with Idempotency-Key', () => {
  it('answers a retry with the stored answer, byte for byte, and does no work', async () => {
    const body = batchOf('I-REPLAY-1')
    const first = await post(body, 'key-replay-1')
    const audits = await auditCount()
    const retry = await post(body, 'key-replay-1')

    expect(first.status).toBe(200)
    expect(first.headers['idempotent-replayed']).toBeUndefined()
    expect(retry.status).toBe(200)
    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.headers['content-type']).toBe(first.headers['content-type'])
    expect(retry.text).toBe(first.text)
    expect(retry.body.results[0].status).toBe('created')

    expect(await versionsOf('I-REPLAY-1')).toBe(1)
    expect(await auditCount()).toBe(audits)
  })

  it('replays a rejection as well, since a 4xx is an answer', async () => {
    const body = { atomic: true, ...batchOf('I-REJECT-1') }
    body.items.push({ kind: 'policies', key: 'I-REJECT-2', record: { policyNo: 'I-REJECT-2' } })

    const first = await post(body, 'key-reject-1')
    const retry = await post(body, 'key-reject-1')

    expect(first.status).toBe(422)
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([422, 'true'])
    expect(retry.headers['content-type']).toBe(first.headers['content-type'])
    expect(retry.text).toBe(first.text)
  })

  it('refuses the same key with another body with 422 idempotency_key_reused', async () => {
    await post(batchOf('I-REUSE-1'), 'key-reuse-1')
    const response = await post(batchOf('I-REUSE-2'), 'key-reuse-1')

    expect(response.status).toBe(422)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.body.code).toBe('idempotency_key_reused')
    expect(await versionsOf('I-REUSE-2')).toBe(0)
  })

  it('treats a reordered body as the same body', async () => {
    const body = batchOf('I-ORDER-1')
    const first = await post(body, 'key-order-1')
    const item = body.items[0] as { kind: string; key: string; record: object }
    const reordered = { items: [{ record: item.record, key: item.key, kind: item.kind }] }
    const retry = await post(reordered, 'key-order-1')

    expect(retry.headers['idempotent-replayed']).toBe('true')
    expect(retry.text).toBe(first.text)
  })

  it('runs exactly one of several concurrent requests with the same key', async () => {
    const body = batchOf('I-RACE-1')
    const responses = await Promise.all(Array.from({ length: 6 }, () => post(body, 'key-race-1')))

    const executed = responses.filter(
      (r) => r.status === 200 && r.headers['idempotent-replayed'] === undefined,
    )
    expect(executed).toHaveLength(1)
    for (const response of responses) {
      if (response.status === 200) expect(response.text).toBe(executed[0]?.text)
      else expect([response.status, response.body.code]).toEqual([409, 'idempotency_in_progress'])
    }
    expect(await versionsOf('I-RACE-1')).toBe(1)
  })

  it('keeps keys per client: another client may use the same key for its own request', async () => {
    const colleague = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
    const competitor = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
    await post(batchOf('I-CLIENT-1'), 'key-client-1')

    const second = await post(batchOf('I-CLIENT-2'), 'key-client-1', { client: colleague })
    const third = await post(batchOf('I-CLIENT-3'), 'key-client-1', { client: competitor })

    expect([second.status, second.headers['idempotent-replayed']]).toEqual([200, undefined])
    expect(second.body.results[0]).toMatchObject({ key: 'I-CLIENT-2', status: 'created' })
    expect([third.status, third.headers['idempotent-replayed']]).toEqual([200, undefined])
    expect(await versionsOf('I-CLIENT-3', INSURER_B)).toBe(1)
  })

  it('shares keys between two API processes on one database', async () => {
    const other = await createTestApp({ database: t.database })
    try {
      const body = batchOf('I-SHARED-1')
      const first = await post(body, 'key-shared-1')
      const retry = await post(body, 'key-shared-1', { app: other })
      expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([200, 'true'])
      expect(retry.text).toBe(first.text)

      const race = batchOf('I-SHARED-2')
      const responses = await Promise.all(
        [t, other, t, other].map((app) => post(race, 'key-shared-2', { app })),
      )
      const executed = responses.filter(
        (r) => r.status === 200 && r.headers['idempotent-replayed'] === undefined,
      )
      expect(executed).toHaveLength(1)
      expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true)
      expect(await versionsOf('I-SHARED-2')).toBe(1)
    } finally {
      await other.close()
    }
  })

  it('stores the answer in the write transaction: when it cannot be stored nothing is', async () => {
    const db = t.database.handle.db
    // A fault injected at the commit, once the answer has been stored in the transaction.
    await db.execute(sql`create function refuse_answer() returns trigger language plpgsql as $$
      begin raise exception 'answer refused by test'; end $$`)
    await db.execute(sql`create constraint trigger refuse_answer after update on idempotency_keys
      deferrable initially deferred
      for each row when (new.state = 'done') execute function refuse_answer()`)

    const body = batchOf('I-TX-1')
    let failed: request.Response
    try {
      failed = await post(body, 'key-tx-1')
    } finally {
      await db.execute(sql`drop trigger refuse_answer on idempotency_keys`)
      await db.execute(sql`drop function refuse_answer()`)
    }

    expect([failed.status, failed.body.code]).toEqual([500, 'internal_error'])
    expect(await versionsOf('I-TX-1')).toBe(0)

    // A 5xx is not kept: the retry runs again, and this time it is stored.
    const retry = await post(body, 'key-tx-1')
    expect([retry.status, retry.headers['idempotent-replayed']]).toEqual([200, undefined])
    expect(retry.body.results[0]).toMatchObject({ status: 'created', version: 1 })
    const [kept] = await queryRows<{ state: string; response_body: string }>(
      db,
      sql`select state, response_body from idempotency_keys where key = 'key-tx-1'`,
    )
    expect(kept).toEqual({ state: 'done', response_body: retry.text })
  })

  it('refuses a key that is not visible ASCII with 400', async () => {
    const response = await post(batchOf('I-BADKEY-1'), 'key with spaces')

    expect([response.status, response.body.code]).toEqual([400, 'bad_request'])
    expect(await versionsOf('I-BADKEY-1')).toBe(0)
  })
})
