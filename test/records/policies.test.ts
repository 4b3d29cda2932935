import { compactVerify, createLocalJWKSet } from 'jose'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { creditCode, INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurer: TestClient
let otherInsurer: TestClient

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  otherInsurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
})

afterAll(async () => {
  await t.close()
})

const url = (key: string, insurerCode = INSURER_A) =>
  `/api/v1/insurers/${insurerCode}/policies/${key}`

async function put(key: string, body: unknown, client = insurer) {
  return request(t.app.server)
    .put(url(key))
    .set('authorization', `Bearer ${await client.token()}`)
    .send(body as object)
}

describe('PUT /api/v1/insurers/{insurerCode}/policies/{key}', () => {
  it('creates a policy and answers the stored record with a signed receipt', async () => {
    const body = policyBody('P-CREATE-1')
    const response = await put('P-CREATE-1', body)

    expect(response.status).toBe(201)
    expect(response.headers.etag).toBe('"1"')
    const { meta, receipt, ...rest } = response.body
    expect(rest).toEqual({ ...body, derived: {}, flags: [], warnings: [] })
    expect(meta).toEqual({
      insurerCode: INSURER_A,
      version: 1,
      createdAt: expect.stringMatching(/\+08:00$/),
      updatedAt: meta.createdAt,
      receivedBy: insurer.clientId,
    })
    expect(receipt).toMatchObject({
      insurerCode: INSURER_A,
      kind: 'policies',
      key: 'P-CREATE-1',
      version: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
  })

  it('gives a receipt whose signature verifies with the published keys', async () => {
    const response = await put('P-RECEIPT-1', policyBody('P-RECEIPT-1'))
    const { signature, ...fields } = response.body.receipt

    const jwks = await request(t.app.server).get('/.well-known/jwks.json')
    const verified = await compactVerify(signature, createLocalJWKSet(jwks.body))
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual(fields)

    const again = await request(t.app.server)
      .get(`/api/v1/receipts/${fields.receiptId}`)
      .set('authorization', `Bearer ${await insurer.token()}`)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(response.body.receipt)
  })

  it('changes nothing when the same content is sent again', async () => {
    const body = policyBody('P-SAME-1')
    await put('P-SAME-1', body)
    const reordered = Object.fromEntries(Object.entries(body).reverse())
    const response = await put('P-SAME-1', reordered)

    expect(response.status).toBe(200)
    expect(response.body.meta.version).toBe(1)
  })

  it('replaces a policy with a new version and keeps every version readable', async () => {
    await put('P-REPLACE-1', policyBody('P-REPLACE-1'))
    const response = await put(
      'P-REPLACE-1',
      policyBody('P-REPLACE-1', { premiumCollected: '1.00' }),
    )
    expect(response.status).toBe(200)
    expect(response.body.meta.version).toBe(2)

    const auth = `Bearer ${await insurer.token()}`
    const versions = await request(t.app.server)
      .get(`${url('P-REPLACE-1')}/versions`)
      .set('authorization', auth)
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2])

    const first = await request(t.app.server)
      .get(`${url('P-REPLACE-1')}/versions/1`)
      .set('authorization', auth)
    expect(first.body.premiumCollected).toBe('36000.00')
    const current = await request(t.app.server).get(url('P-REPLACE-1')).set('authorization', auth)
    expect(current.body.premiumCollected).toBe('1.00')
    expect(current.headers.etag).toBe('"2"')
  })

  it('stores a policy below full headcount, answering and flagging the warning', async () => {
    const response = await put(
      'P-HEADCOUNT-1',
      policyBody('P-HEADCOUNT-1', { insuredHeadcount: 80 }),
    )

    expect(response.status).toBe(201)
    expect(response.body.flags).toEqual(['headcount_below_employees'])
    expect(response.body.warnings).toEqual([
      {
        path: '/insuredHeadcount',
        code: 'headcount_below_employees',
        message: '投保人数少于从业人员数，未做到全员参保',
      },
    ])
  })

  it('flags a renewal that starts after the previous policy ended', async () => {
    await put('P-OLD-1', policyBody('P-OLD-1'))
    const renewal = policyBody('P-NEW-1', {
      renewalOf: 'P-OLD-1',
      issueDate: '2027-02-01',
      periodStart: '2027-02-01',
      periodEnd: '2028-01-31',
    })
    const response = await put('P-NEW-1', renewal)
    expect(response.body.flags).toEqual(['late_renewal'])
  })

  it.each([
    [
      'a per-person limit below the national minimum',
      { perPersonLimit: '300000.00' },
      '/perPersonLimit',
      'below_minimum',
    ],
    ['a commission above 5%', { commissionRate: '0.06' }, '/commissionRate', 'above_maximum'],
    [
      'a final rate that does not follow the adjustments',
      { finalRate: '0.003' },
      '/finalRate',
      'rate_mismatch',
    ],
    ['a period that ends before it starts', { periodEnd: '2026-01-01' }, '/periodEnd', 'not_after'],
    [
      'more premium collected than due',
      { premiumCollected: '36000.01' },
      '/premiumCollected',
      'above_maximum',
    ],
    [
      'a termination without its date and reason',
      { status: 'terminated' },
      '/terminatedAt',
      'required_when',
    ],
    ['a key in the body unlike the path', { policyNo: 'OTHER' }, '/policyNo', 'key_mismatch'],
    ['a void without a reason', { voided: true }, '/voidReason', 'required_when'],
  ])('rejects %s with 422 naming the field', async (_name, overrides, path, code) => {
    const response = await put('P-RULE-1', policyBody('P-RULE-1', overrides))

    expect(response.status).toBe(422)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.body.code).toBe('rule_violation')
    expect(response.body.errors).toContainEqual({ path, code, message: expect.any(String) })
  })

  it('keeps an old policy below the minimum limit, flagged rather than rejected', async () => {
    const body = policyBody('P-2024-1', {
      issueDate: '2024-06-01',
      periodStart: '2024-06-01',
      periodEnd: '2025-05-31',
      perPersonLimit: '300000.00',
    })
    const response = await put('P-2024-1', body)
    expect(response.status).toBe(201)
    expect(response.body.flags).toEqual(['limit_below_minimum'])
  })

  it('rejects a credit code with a wrong check character and a city as the site', async () => {
    const insured = {
      ...(policyBody('x').insured as object),
      creditCode: '91450100MA5K7B2X50',
      regionCode: '450100',
    }
    const response = await put('P-CODES-1', policyBody('P-CODES-1', { insured }))

    expect(response.status).toBe(422)
    expect(
      response.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
    ).toEqual([
      ['/insured/creditCode', 'credit_code_checksum'],
      ['/insured/regionCode', 'region_not_county'],
    ])
  })

  it('rejects unknown fields and money sent as a number, listing every field at once', async () => {
    const response = await put(
      'P-FORM-1',
      policyBody('P-FORM-1', { premium: 36000, colour: 'red' }),
    )

    expect(response.status).toBe(400)
    expect(response.body.code).toBe('validation_failed')
    const paths = response.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['/premium', '/colour']))
  })

  it('refuses to move a policy back from expired to in force', async () => {
    await put('P-LIFE-1', policyBody('P-LIFE-1', { status: 'expired' }))
    const response = await put('P-LIFE-1', policyBody('P-LIFE-1'))

    expect(response.status).toBe(422)
    expect(response.body.errors[0]).toMatchObject({
      path: '/status',
      code: 'status_move_not_allowed',
    })
  })

  it('writes only over the version If-Match names, and creates only with If-None-Match', async () => {
    await put('P-COND-1', policyBody('P-COND-1'))
    const auth = `Bearer ${await insurer.token()}`
    const stale = await request(t.app.server)
      .put(url('P-COND-1'))
      .set('authorization', auth)
      .set('if-match', '"7"')
      .send(policyBody('P-COND-1', { premiumCollected: '2.00' }))
    expect(stale.status).toBe(412)
    expect(stale.body.code).toBe('version_conflict')

    const createOnly = await request(t.app.server)
      .put(url('P-COND-1'))
      .set('authorization', auth)
      .set('if-none-match', '*')
      .send(policyBody('P-COND-1'))
    expect(createOnly.status).toBe(412)
    expect(createOnly.body.code).toBe('already_exists')
  })

  it('lets exactly one of two writers with the same If-Match win', async () => {
    await put('P-RACE-1', policyBody('P-RACE-1'))
    const auth = `Bearer ${await insurer.token()}`
    const send = (collected: string) =>
      request(t.app.server)
        .put(url('P-RACE-1'))
        .set('authorization', auth)
        .set('if-match', '"1"')
        .send(policyBody('P-RACE-1', { premiumCollected: collected }))

    const statuses = (await Promise.all([send('10.00'), send('20.00')])).map((r) => r.status)
    expect(statuses.sort()).toEqual([200, 412])
  })

  it('creates a record once when two create-only writers race for its key', async () => {
    const auth = `Bearer ${await insurer.token()}`
    const send = (collected: string) =>
      request(t.app.server)
        .put(url('P-RACE-NEW-1'))
        .set('authorization', auth)
        .set('if-none-match', '*')
        .send(policyBody('P-RACE-NEW-1', { premiumCollected: collected }))

    const responses = await Promise.all([send('10.00'), send('20.00')])
    expect(responses.map((r) => r.status).sort()).toEqual([201, 412])

    const winner = responses.find((r) => r.status === 201)
    const versions = await request(t.app.server)
      .get(`${url('P-RACE-NEW-1')}/versions`)
      .set('authorization', auth)
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1])
    const current = await request(t.app.server).get(url('P-RACE-NEW-1')).set('authorization', auth)
    expect(current.body.premiumCollected).toBe(winner?.body.premiumCollected)
  })

  it('lands two concurrent replacements of one policy as the next two versions', async () => {
    await put('P-RACE-OLD-1', policyBody('P-RACE-OLD-1'))
    const auth = `Bearer ${await insurer.token()}`
    const responses = await Promise.all(
      ['10.00', '20.00'].map((collected) =>
        put('P-RACE-OLD-1', policyBody('P-RACE-OLD-1', { premiumCollected: collected })),
      ),
    )

    expect(responses.map((r) => r.status)).toEqual([200, 200])
    expect(responses.map((r) => r.body.meta.version).sort()).toEqual([2, 3])
    const versions = await request(t.app.server)
      .get(`${url('P-RACE-OLD-1')}/versions`)
      .set('authorization', auth)
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2, 3])
    for (const { receipt } of responses.map((r) => r.body)) {
      const stored = await request(t.app.server)
        .get(`/api/v1/receipts/${receipt.receiptId}`)
        .set('authorization', auth)
      expect(stored.body).toEqual(receipt)
    }
  })

  it('stores nothing on a dry run but answers as a real write would', async () => {
    const auth = `Bearer ${await insurer.token()}`
    const response = await request(t.app.server)
      .put(`${url('P-DRY-1')}?dryRun=true`)
      .set('authorization', auth)
      .send(policyBody('P-DRY-1'))
    expect(response.status).toBe(201)
    expect(response.body.receipt).toBeUndefined()

    const read = await request(t.app.server).get(url('P-DRY-1')).set('authorization', auth)
    expect(read.status).toBe(404)
  })

  it('withdraws a record with voided and a reason, keeping its history', async () => {
    await put('P-VOID-1', policyBody('P-VOID-1'))
    const response = await put(
      'P-VOID-1',
      policyBody('P-VOID-1', { voided: true, voidReason: '重复录入' }),
    )
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ voided: true, meta: { version: 2 } })
  })

  it("refuses another insurer's write with 403 and hides its records with 404", async () => {
    await put('P-TENANT-1', policyBody('P-TENANT-1'))
    const auth = `Bearer ${await otherInsurer.token()}`

    const write = await request(t.app.server)
      .put(url('P-TENANT-1'))
      .set('authorization', auth)
      .send(policyBody('P-TENANT-1'))
    expect(write.status).toBe(403)

    for (const path of ['', '/versions', '/versions/1']) {
      const read = await request(t.app.server)
        .get(url('P-TENANT-1') + path)
        .set('authorization', auth)
      expect(read.status).toBe(404)
    }
  })
})

describe('pilot-era credit codes', () => {
  it('accepts a code with a wrong check character once an admin allow-lists it', async () => {
    const pilot = `${creditCode(2).slice(0, 17)}${creditCode(2).endsWith('0') ? '1' : '0'}`
    const insured = { ...(policyBody('x').insured as object), creditCode: pilot }
    const body = policyBody('P-PILOT-1', { insured })

    const before = await put('P-PILOT-1', body)
    expect(before.status).toBe(422)
    expect(before.body.errors[0]).toMatchObject({ code: 'credit_code_checksum' })

    const admin = { authorization: `Bearer ${t.config.adminToken}` }
    const listed = await request(t.app.server)
      .put(`/api/v1/admin/credit-code-allowlist/${pilot}`)
      .set(admin)
      .send({ reason: '试点期间赋码，经登记机关确认' })
    expect(listed.status).toBe(204)

    const after = await put('P-PILOT-1', body)
    expect(after.status).toBe(201)

    const list = await request(t.app.server).get('/api/v1/admin/credit-code-allowlist').set(admin)
    expect(list.body.items).toEqual([
      { creditCode: pilot, reason: '试点期间赋码，经登记机关确认', createdAt: expect.any(String) },
    ])
  })
})
