import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import {
  creditCode,
  INSURER_A,
  INSURER_B,
  ledgerEntryBody,
  policyBody,
  serviceBody,
} from '../helpers/fixtures.js'

let t: TestApp
let insurer: TestClient
let otherInsurer: TestClient
let province: TestClient
let nanning: TestClient
let liuzhou: TestClient

const url = (key: string, insurerCode = INSURER_A) =>
  `/api/v1/insurers/${insurerCode}/ledger-entries/${key}`

async function put(kind: string, key: string, body: unknown, client = insurer) {
  return request(t.app.server)
    .put(`/api/v1/insurers/${client.insurerCode}/${kind}/${key}`)
    .set('authorization', `Bearer ${await client.token()}`)
    .send(body as object)
}

const putEntry = (key: string, overrides: Record<string, unknown> = {}) =>
  put('ledger-entries', key, ledgerEntryBody(key, overrides))

const expense = { kind: 'expense', serviceNo: 'S-1', amount: '6000.00' }

async function get(path: string, client: TestClient) {
  return request(t.app.server)
    .get(path)
    .set('authorization', `Bearer ${await client.token()}`)
}

function errorsOf(response: request.Response) {
  return (response.body.errors ?? []).map((e: { path: string; code: string }) => [e.path, e.code])
}

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  otherInsurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  province = await createClient(t, { role: 'regulator', regionCode: '450000' })
  nanning = await createClient(t, { role: 'regulator', regionCode: '450100' })
  liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })

  await put('policies', 'P-1', policyBody('P-1'))
  await put('services', 'S-1', serviceBody('S-1', 'P-1'))
  await put('policies', 'P-B-1', policyBody('P-B-1'), otherInsurer)
  await put('services', 'S-B-1', serviceBody('S-B-1', 'P-B-1'), otherInsurer)
})

afterAll(async () => {
  await t.close()
})

describe('PUT /api/v1/insurers/{insurerCode}/ledger-entries/{key}', () => {
  it('creates a budget entry and answers the stored record', async () => {
    const body = ledgerEntryBody('L-CREATE-1')
    const response = await putEntry('L-CREATE-1')

    expect(response.status).toBe(201)
    const { meta, receipt, ...rest } = response.body
    expect(rest).toEqual({ ...body, derived: {}, flags: [], warnings: [] })
    expect(receipt).toMatchObject({ kind: 'ledger-entries', key: 'L-CREATE-1', version: 1 })
  })

  it('creates an expense paying for a service of the insurer', async () => {
    const payee = { name: '广西某安全技术服务有限公司', creditCode: creditCode(900) }
    const response = await putEntry('L-EXP-1', { ...expense, payee })

    expect(response.status).toBe(201)
    expect(response.body.serviceNo).toBe('S-1')
  })

  it('rejects an expense that names no service', async () => {
    const response = await putEntry('L-EXP-2', { ...expense, serviceNo: undefined })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/serviceNo', 'required_when']])
  })

  it.each([
    ['an expense', expense.kind],
    ['a budget', 'budget'],
  ])("rejects %s paying for another insurer's service", async (_name, kind) => {
    const response = await putEntry('L-EXP-3', { ...expense, kind, serviceNo: 'S-B-1' })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/serviceNo', 'reference_not_found']])
  })

  it.each([
    ['a negative budget', { amount: '-100.00' }],
    ['a zero budget', { amount: '0.00' }],
    ['a negative expense', { ...expense, amount: '-6000.00' }],
  ])('rejects %s', async (_name, fields) => {
    const response = await putEntry('L-AMOUNT-1', fields)

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/amount', 'below_minimum']])
  })

  it('accepts a negative adjustment', async () => {
    const response = await putEntry('L-AMOUNT-2', { kind: 'adjustment', amount: '-1500.00' })

    expect(response.status).toBe(201)
    expect(response.body.amount).toBe('-1500.00')
  })

  it('rejects an amount sent as a JSON number', async () => {
    const response = await putEntry('L-AMOUNT-3', { amount: 7560 })

    expect(response.status).toBe(400)
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain('/amount')
  })

  it('rejects a booking date outside the budget year', async () => {
    const response = await putEntry('L-YEAR-1', { bookedAt: '2027-01-01' })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/bookedAt', 'outside_year']])
  })

  it('accepts a booking on the last day of the budget year', async () => {
    const response = await putEntry('L-YEAR-2', { bookedAt: '2026-12-31' })

    expect(response.status).toBe(201)
  })

  it("rejects a payee's credit code that fails its check character", async () => {
    const payee = { name: '某公司', creditCode: '91450100MA5K7B2X50' }
    const response = await putEntry('L-PAYEE-1', { ...expense, payee })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/payee/creditCode', 'credit_code_checksum']])
  })

  it('rejects a category outside the dictionary', async () => {
    const response = await putEntry('L-CAT-1', { category: 'entertainment' })

    expect(response.status).toBe(400)
  })

  it('rejects a void without a reason', async () => {
    const response = await putEntry('L-VOID-1', { voided: true })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/voidReason', 'required_when']])
  })
})

describe('GET /api/v1/insurers/{insurerCode}/ledger-entries/{key}', () => {
  it('shows an entry without a service at province level only', async () => {
    await putEntry('L-SCOPE-1')

    const statuses = [
      (await get(url('L-SCOPE-1'), province)).status,
      (await get(url('L-SCOPE-1'), nanning)).status,
      (await get(url('L-SCOPE-1'), insurer)).status,
      (await get(url('L-SCOPE-1'), otherInsurer)).status,
    ]
    expect(statuses).toEqual([200, 404, 200, 404])
  })

  it("places an expense where its service's insured unit is", async () => {
    await putEntry('L-SCOPE-2', expense)

    const statuses = [
      (await get(url('L-SCOPE-2'), province)).status,
      (await get(url('L-SCOPE-2'), nanning)).status,
      (await get(url('L-SCOPE-2'), liuzhou)).status,
    ]
    expect(statuses).toEqual([200, 200, 404])
  })

  it("follows its service's policy when the insured unit moves to another city", async () => {
    const policy = policyBody('P-MOVE-1')
    await put('policies', 'P-MOVE-1', policy)
    await put('services', 'S-MOVE-1', serviceBody('S-MOVE-1', 'P-MOVE-1'))
    await putEntry('L-MOVE-1', { ...expense, serviceNo: 'S-MOVE-1' })

    const insured = { ...(policy.insured as object), regionCode: '450202' }
    await put('policies', 'P-MOVE-1', { ...policy, insured })

    const statuses = [
      (await get(url('L-MOVE-1'), nanning)).status,
      (await get(url('L-MOVE-1'), liuzhou)).status,
    ]
    expect(statuses).toEqual([404, 200])
  })
})

describe('GET /api/v1/ledger-entries', () => {
  it('finds entries by year, leaving entries without a service to the province', async () => {
    await putEntry('L-SEARCH-1')
    await putEntry('L-SEARCH-2', expense)
    await putEntry('L-SEARCH-3', { year: 2025, bookedAt: '2025-12-01' })
    const keys = async (client: TestClient) => {
      const response = await get('/api/v1/ledger-entries?year=2026&limit=1000', client)
      expect(response.status).toBe(200)
      return response.body.items
        .map((item: { entryNo: string }) => item.entryNo)
        .filter((key: string) => key.startsWith('L-SEARCH-'))
        .sort()
    }

    expect(await keys(province)).toEqual(['L-SEARCH-1', 'L-SEARCH-2'])
    expect(await keys(nanning)).toEqual(['L-SEARCH-2'])
    expect(await keys(liuzhou)).toEqual([])
  })
})
