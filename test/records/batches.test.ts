import { compactVerify, createLocalJWKSet } from 'jose'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalJson, sha256Hex } from '../../src/domain/records/canonical.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, runAuthMatrix, type TestClient } from '../helpers/auth.js'
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

const BATCHES = `/api/v1/insurers/${INSURER_A}/batches`

type Item = { kind: string; key: string; record: object }

const policyItem = (key: string, overrides = {}): Item => ({
  kind: 'policies',
  key,
  record: policyBody(key, overrides),
})

const claimItem = (key: string, policyNo: string, overrides = {}): Item => ({
  kind: 'claims',
  key,
  record: claimBody(key, policyNo, overrides),
})

async function post(body: object, query = '') {
  return request(t.app.server)
    .post(BATCHES + query)
    .set('authorization', `Bearer ${await insurer.token()}`)
    .send(body)
}

async function read(kind: string, key: string) {
  return request(t.app.server)
    .get(`/api/v1/insurers/${INSURER_A}/${kind}/${key}`)
    .set('authorization', `Bearer ${await insurer.token()}`)
}

const created = (index: number, kind: string, key: string, version = 1) => ({
  index,
  kind,
  key,
  status: 'created',
  version,
  warnings: [],
})

describe('POST /api/v1/insurers/{insurerCode}/batches', () => {
  it('applies items of several kinds in order, a claim on a policy earlier in the batch', async () => {
    const response = await post({
      items: [policyItem('B-MIX-P1'), claimItem('B-MIX-C1', 'B-MIX-P1')],
    })

    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.body).toEqual({
      results: [created(0, 'policies', 'B-MIX-P1'), created(1, 'claims', 'B-MIX-C1')],
      receipt: expect.any(Object),
    })
    const claim = await read('claims', 'B-MIX-C1')
    expect(claim.status).toBe(200)
    expect(claim.body.policyNo).toBe('B-MIX-P1')
  })

  it('rejects a claim placed before the policy it refers to', async () => {
    const response = await post({
      items: [claimItem('B-ORDER-C1', 'B-ORDER-P1'), policyItem('B-ORDER-P1')],
    })

    expect(response.body.results).toEqual([
      {
        index: 0,
        kind: 'claims',
        key: 'B-ORDER-C1',
        status: 'rejected',
        errors: [
          {
            path: '/items/0/record/policyNo',
            code: 'reference_not_found',
            message: expect.any(String),
          },
        ],
      },
      created(1, 'policies', 'B-ORDER-P1'),
    ])
  })

  it('answers created, replaced, unchanged and rejected, one result per item', async () => {
    await post({ items: [policyItem('B-STAT-1'), policyItem('B-STAT-2')] })

    const response = await post({
      items: [
        policyItem('B-STAT-1'),
        policyItem('B-STAT-2', { premiumCollected: '100.00' }),
        policyItem('B-STAT-3', { insuredHeadcount: 100 }),
        policyItem('B-STAT-4', { commissionRate: '0.06' }),
      ],
    })

    expect(response.status).toBe(200)
    expect(response.body.results).toEqual([
      {
        index: 0,
        kind: 'policies',
        key: 'B-STAT-1',
        status: 'unchanged',
        version: 1,
        warnings: [],
      },
      { index: 1, kind: 'policies', key: 'B-STAT-2', status: 'replaced', version: 2, warnings: [] },
      {
        index: 2,
        kind: 'policies',
        key: 'B-STAT-3',
        status: 'created',
        version: 1,
        warnings: [
          {
            path: '/insuredHeadcount',
            code: 'headcount_below_employees',
            message: '投保人数少于从业人员数，未做到全员参保',
          },
        ],
      },
      {
        index: 3,
        kind: 'policies',
        key: 'B-STAT-4',
        status: 'rejected',
        errors: [
          {
            path: '/items/3/record/commissionRate',
            code: 'above_maximum',
            message: expect.any(String),
          },
        ],
      },
    ])
  })

  it('stores the good items of a batch that is not atomic and reports the bad ones in place', async () => {
    const response = await post({
      items: [
        policyItem('B-PART-1'),
        policyItem('B-PART-2', { premium: 36000, colour: 'red' }),
        policyItem('B-PART-3', { policyNo: 'B-PART-X' }),
        claimItem('B-PART-4', 'B-PART-1'),
      ],
    })

    expect(response.status).toBe(200)
    const [first, second, third, fourth] = response.body.results
    expect(first).toEqual(created(0, 'policies', 'B-PART-1'))
    expect(second.status).toBe('rejected')
    expect(second.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      '/items/1/record/colour',
      '/items/1/record/premium',
    ])
    expect(third).toMatchObject({
      status: 'rejected',
      errors: [{ path: '/items/2/record/policyNo', code: 'key_mismatch' }],
    })
    expect(fourth).toEqual(created(3, 'claims', 'B-PART-4'))

    expect((await read('policies', 'B-PART-1')).status).toBe(200)
    expect((await read('policies', 'B-PART-2')).status).toBe(404)
    expect((await read('policies', 'B-PART-3')).status).toBe(404)
    expect((await read('claims', 'B-PART-4')).status).toBe(200)
  })

  it('stores nothing of an atomic batch with a bad item and answers every item’s errors', async () => {
    const response = await post({
      atomic: true,
      items: [
        policyItem('B-ATOM-1'),
        policyItem('B-ATOM-2', { premium: 36000 }),
        policyItem('B-ATOM-3', { commissionRate: '0.06' }),
        claimItem('B-ATOM-4', 'B-NOWHERE'),
      ],
    })

    expect(response.status).toBe(422)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.body.code).toBe('rule_violation')
    expect(
      response.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
    ).toEqual([
      ['/items/1/record/premium', 'invalid_money'],
      ['/items/2/record/commissionRate', 'above_maximum'],
      ['/items/3/record/policyNo', 'reference_not_found'],
    ])
    expect((await read('policies', 'B-ATOM-1')).status).toBe(404)
  })

  it('stores every item of an atomic batch that is all good', async () => {
    const response = await post({
      atomic: true,
      items: [policyItem('B-ALL-1'), claimItem('B-ALL-2', 'B-ALL-1')],
    })

    expect(response.status).toBe(200)
    expect(response.body.results).toEqual([
      created(0, 'policies', 'B-ALL-1'),
      created(1, 'claims', 'B-ALL-2'),
    ])
  })

  it('refuses a batch of more than 1,000 items with 400', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => policyItem(`B-MANY-${i}`))
    const response = await post({ items })

    expect(response.status).toBe(400)
    expect(response.body.code).toBe('validation_failed')
    expect(response.body.errors).toEqual([
      { path: '/items', code: 'too_many_items', message: expect.any(String) },
    ])
    expect((await read('policies', 'B-MANY-0')).status).toBe(404)
  })

  it('refuses an empty batch and an unknown kind with 400', async () => {
    const empty = await post({ items: [] })
    const unknown = await post({ items: [{ kind: 'invoices', key: 'X-1', record: {} }] })

    expect([empty.status, empty.body.code]).toEqual([400, 'validation_failed'])
    expect([unknown.status, unknown.body.errors[0].path]).toEqual([400, '/items/0/kind'])
  })

  it('writes the same record twice in one batch as version 1 then version 2', async () => {
    const response = await post({
      items: [policyItem('B-TWICE-1'), policyItem('B-TWICE-1', { premiumCollected: '10.00' })],
    })

    expect(response.body.results).toEqual([
      created(0, 'policies', 'B-TWICE-1'),
      {
        index: 1,
        kind: 'policies',
        key: 'B-TWICE-1',
        status: 'replaced',
        version: 2,
        warnings: [],
      },
    ])
    const current = await read('policies', 'B-TWICE-1')
    expect([current.body.meta.version, current.body.premiumCollected]).toEqual([2, '10.00'])
    const versions = await request(t.app.server)
      .get(`/api/v1/insurers/${INSURER_A}/policies/B-TWICE-1/versions`)
      .set('authorization', `Bearer ${await insurer.token()}`)
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2])
  })

  it('refuses a backward move within one batch, keeping the first version', async () => {
    const response = await post({
      items: [policyItem('B-BACK-1', { status: 'expired' }), policyItem('B-BACK-1')],
    })

    expect(response.body.results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'rejected',
    ])
    expect((await read('policies', 'B-BACK-1')).body).toMatchObject({
      status: 'expired',
      meta: { version: 1 },
    })
  })

  it('signs one receipt for the batch over the SHA-256 of the request body', async () => {
    const body = { items: [policyItem('B-RECEIPT-1'), claimItem('B-RECEIPT-2', 'B-RECEIPT-1')] }
    const response = await request(t.app.server)
      .post(BATCHES)
      .set('authorization', `Bearer ${await insurer.token()}`)
      .set('x-request-id', 'batch-receipt-test-1')
      .send(body)

    const { receipt } = response.body
    expect(receipt).toEqual({
      receiptId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      insurerCode: INSURER_A,
      kind: 'batch',
      key: 'batch-receipt-test-1',
      version: null,
      sha256: sha256Hex(canonicalJson(body)),
      receivedAt: expect.stringMatching(/\+08:00$/),
      signature: expect.any(String),
    })

    const { signature, ...fields } = receipt
    const jwks = await request(t.app.server).get('/.well-known/jwks.json')
    const verified = await compactVerify(signature, createLocalJWKSet(jwks.body))
    expect(JSON.parse(new TextDecoder().decode(verified.payload))).toEqual(fields)

    const again = await request(t.app.server)
      .get(`/api/v1/receipts/${receipt.receiptId}`)
      .set('authorization', `Bearer ${await insurer.token()}`)
    expect(again.body).toEqual(receipt)
  })

  it('links each version the batch stored to the batch receipt', async () => {
    const response = await post({ items: [policyItem('B-LINK-1')] })
    const versions = await request(t.app.server)
      .get(`/api/v1/insurers/${INSURER_A}/policies/B-LINK-1/versions`)
      .set('authorization', `Bearer ${await insurer.token()}`)

    expect(versions.body.items[0].receiptId).toBe(response.body.receipt.receiptId)
  })

  it('stores nothing on a dry run but answers as a real batch would, without a receipt', async () => {
    await post({ items: [policyItem('B-DRY-0')] })
    const items = [
      policyItem('B-DRY-0', { premiumCollected: '5.00' }),
      policyItem('B-DRY-1'),
      claimItem('B-DRY-2', 'B-DRY-1'),
      policyItem('B-DRY-3', { commissionRate: '0.06' }),
    ]
    const response = await post({ items }, '?dryRun=true')

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      results: [
        {
          index: 0,
          kind: 'policies',
          key: 'B-DRY-0',
          status: 'replaced',
          version: 2,
          warnings: [],
        },
        created(1, 'policies', 'B-DRY-1'),
        created(2, 'claims', 'B-DRY-2'),
        {
          index: 3,
          kind: 'policies',
          key: 'B-DRY-3',
          status: 'rejected',
          errors: [expect.objectContaining({ path: '/items/3/record/commissionRate' })],
        },
      ],
    })
    expect((await read('policies', 'B-DRY-0')).body.meta.version).toBe(1)
    expect((await read('policies', 'B-DRY-1')).status).toBe(404)
    expect((await read('claims', 'B-DRY-2')).status).toBe(404)
  })

  it('refuses every faulty token, regulators, admins and other insurers', async () => {
    await runAuthMatrix(t, {
      method: 'POST',
      url: BATCHES,
      body: { items: [policyItem('B-AUTH-1')] },
      roles: ['insurer'],
      insurerCode: INSURER_A,
      otherInsurer: 403,
      isAdmitted: (response) => response.status === 200,
    })
  })
})
