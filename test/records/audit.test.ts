import { sql } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from '../../src/domain/records/canonical.js'
import { advisoryLocks } from '../../src/storage/advisory-locks.js'
import { hashAuditEntry } from '../../src/storage/audit-store.js'
import { queryRows } from '../../src/storage/database.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import {
  adminAuthorization,
  createClient,
  runAuthMatrix,
  type TestClient,
} from '../helpers/auth.js'
import { testDatabaseUrl } from '../helpers/database.js'
import { claimBody, INSURER_A, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurer: TestClient

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
})

afterAll(async () => {
  await t.close()
})

async function put(kind: string, key: string, body: object, requestId?: string) {
  let pending = request(t.app.server)
    .put(`/api/v1/insurers/${INSURER_A}/${kind}/${key}`)
    .set('authorization', `Bearer ${await insurer.token()}`)
  if (requestId) pending = pending.set('x-request-id', requestId)
  return pending.send(body)
}

function verify() {
  return request(t.app.server)
    .get('/api/v1/admin/audit/verify')
    .set('authorization', adminAuthorization(t))
}

async function auditCount(): Promise<number> {
  const [row] = await queryRows<{ count: number }>(
    t.database.handle.db,
    sql`select count(*)::int as count from audit_log`,
  )
  return row?.count ?? 0
}

/**
 * Sealing runs behind the writes, after every transaction before it has ended. On a shared
 * PostgreSQL server another test's open transaction can hold it back for a moment.
 */
async function expectVerdict(verdict: object) {
  await expect
    .poll(async () => (await verify()).body, { timeout: 15_000, interval: 200 })
    .toEqual(verdict)
}

describe('GET /api/v1/admin/audit/verify', () => {
  it('answers ok with every entry checked after writes', async () => {
    await put('policies', 'A-1', policyBody('A-1'))
    await put('policies', 'A-1', policyBody('A-1'))
    await put('policies', 'A-1', policyBody('A-1', { premiumCollected: '1.00' }))
    await put('claims', 'AC-1', claimBody('AC-1', 'A-1'))
    await put('claims', 'AC-REJECTED', claimBody('AC-REJECTED', 'NO-SUCH-POLICY'))
    await request(t.app.server)
      .post(`/api/v1/insurers/${INSURER_A}/batches`)
      .set('authorization', `Bearer ${await insurer.token()}`)
      .send({ items: [{ kind: 'policies', key: 'A-2', record: policyBody('A-2') }] })

    // Five accepted writes, the unchanged resend included; the rejected one stored nothing.
    expect(await auditCount()).toBe(5)
    await expectVerdict({ ok: true, checked: 5 })
  })

  it('records the client, request id, kind, key, version, SHA-256 and outcome of a write', async () => {
    const body = policyBody('A-3')
    await put('policies', 'A-3', body, 'audit-request-1')

    const rows = await queryRows(
      t.database.handle.db,
      sql`select client_id, request_id, insurer_code, region_code, kind, key, version, sha256,
                 outcome
          from audit_log where request_id = 'audit-request-1'`,
    )
    expect(rows).toEqual([
      {
        client_id: insurer.clientId,
        request_id: 'audit-request-1',
        insurer_code: INSURER_A,
        region_code: '450102',
        kind: 'policies',
        key: 'A-3',
        version: 1,
        sha256: sha256Hex(canonicalJson(body)),
        outcome: 'created',
      },
    ])
  })

  it('records a resend as unchanged at the stored version, and a change as replaced', async () => {
    await put('policies', 'A-4', policyBody('A-4'))
    await put('policies', 'A-4', policyBody('A-4'))
    await put('policies', 'A-4', policyBody('A-4', { premiumCollected: '2.00' }))

    const rows = await queryRows(
      t.database.handle.db,
      sql`select outcome, version from audit_log where key = 'A-4' order by id`,
    )
    expect(rows).toEqual([
      { outcome: 'created', version: 1 },
      { outcome: 'unchanged', version: 1 },
      { outcome: 'replaced', version: 2 },
    ])
  })

  it('lets concurrent writers all succeed and chains every entry', async () => {
    const before = await auditCount()
    const keys = Array.from({ length: 16 }, (_, i) => `A-CONC-${i}`)
    const responses = await Promise.all(keys.map((key) => put('policies', key, policyBody(key))))

    expect(responses.map((r) => r.status)).toEqual(keys.map(() => 201))
    await expectVerdict({ ok: true, checked: before + 16 })
    const [chain] = await queryRows<{ sealed: number; distinct: number; top: number }>(
      t.database.handle.db,
      sql`select count(*)::int as sealed, count(distinct seq)::int as distinct,
                 max(seq)::int as top
          from audit_log where seq is not null`,
    )
    expect(chain).toEqual({ sealed: before + 16, distinct: before + 16, top: before + 16 })
  })

  it.runIf(testDatabaseUrl !== undefined)(
    'accepts writes while the sealer is held up, and seals them once it is free',
    async () => {
      const before = await auditCount()
      await expectVerdict({ ok: true, checked: before })

      await t.database.handle.withConnection(async (db) => {
        await db.execute(sql`select pg_advisory_lock(${advisoryLocks.auditSealer})`)
        try {
          const responses = await Promise.all(
            ['A-HELD-1', 'A-HELD-2'].map((key) => put('policies', key, policyBody(key))),
          )
          expect(responses.map((r) => r.status)).toEqual([201, 201])
          expect((await verify()).body).toEqual({ ok: true, checked: before })
        } finally {
          await db.execute(sql`select pg_advisory_unlock(${advisoryLocks.auditSealer})`)
        }
      })

      await expectVerdict({ ok: true, checked: before + 2 })
    },
  )

  it('names the first broken entry when a sealed entry is changed in SQL', async () => {
    const total = await auditCount()
    await expectVerdict({ ok: true, checked: total })
    const db = t.database.handle.db

    await db.execute(sql`update audit_log set key = 'FORGED' where seq = 2`)
    expect((await verify()).body).toEqual({ ok: false, checked: 1, firstBroken: 2 })

    await db.execute(sql`update audit_log set key = 'A-1' where seq = 2`)
    expect((await verify()).body).toEqual({ ok: true, checked: total })
  })

  it('names the next entry when a forger also recomputes the changed entry’s hash', async () => {
    const db = t.database.handle.db
    const [row] = await queryRows<Parameters<typeof hashAuditEntry>[1]>(
      db,
      sql`select id, seq, prev_hash, hash, client_id, request_id, insurer_code, region_code,
                 kind, key, version, sha256, outcome,
                 to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                   as created_at
          from audit_log where seq = 3`,
    )
    if (!row) throw new Error('no sealed entry 3')
    const hash = hashAuditEntry(row.prev_hash ?? '', { ...row, outcome: 'unchanged' }, 3)
    await db.execute(sql`update audit_log set outcome = 'unchanged', hash = ${hash} where seq = 3`)

    // Entry 3 is consistent in itself; the chain breaks where entry 4 names the old hash.
    expect((await verify()).body).toEqual({ ok: false, checked: 3, firstBroken: 4 })
  })

  it('names the first broken entry when a sealed entry is deleted', async () => {
    const db = t.database.handle.db
    await db.execute(sql`delete from audit_log where seq = 1`)

    expect((await verify()).body).toEqual({ ok: false, checked: 0, firstBroken: 1 })
  })

  it('refuses every faulty token and every role but admin', async () => {
    await runAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/admin/audit/verify',
      roles: ['admin'],
      isAdmitted: (response) => response.status === 200,
    })
  })
})
