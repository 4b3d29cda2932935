import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, runAuthMatrix, type TestClient } from '../helpers/auth.js'
import { createFakeClock, tokenAt } from '../helpers/fake-clock.js'
import { INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurer: TestClient
let receipt: Record<string, unknown>

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  const response = await request(t.app.server)
    .put(`/api/v1/insurers/${INSURER_A}/policies/R-1`)
    .set('authorization', `Bearer ${await insurer.token()}`)
    .send(policyBody('R-1'))
  receipt = response.body.receipt
})

afterAll(async () => {
  await t.close()
})

const receiptUrl = (id: unknown) => `/api/v1/receipts/${id}`

describe('GET /api/v1/receipts/{receiptId}', () => {
  it('answers the receipt again, exactly as it was signed', async () => {
    const response = await request(t.app.server)
      .get(receiptUrl(receipt.receiptId))
      .set('authorization', `Bearer ${await insurer.token()}`)

    expect(response.status).toBe(200)
    expect(response.body).toEqual(receipt)
  })

  it("hides another insurer's receipt with 404, as if it did not exist", async () => {
    const other = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
    const response = await request(t.app.server)
      .get(receiptUrl(receipt.receiptId))
      .set('authorization', `Bearer ${await other.token()}`)
    const missing = await request(t.app.server)
      .get(receiptUrl('00000000-0000-4000-8000-000000000000'))
      .set('authorization', `Bearer ${await other.token()}`)

    expect([response.status, response.body.code]).toEqual([404, 'not_found'])
    expect({ ...response.body, requestId: '', instance: '' }).toEqual({
      ...missing.body,
      requestId: '',
      instance: '',
    })
  })

  it('shows an admin any receipt', async () => {
    const response = await request(t.app.server)
      .get(receiptUrl(receipt.receiptId))
      .set('authorization', `Bearer ${await (await createClient(t, { role: 'admin' })).token()}`)

    expect(response.body).toEqual(receipt)
  })

  it('refuses a receipt id that is not a UUID with 400', async () => {
    const response = await request(t.app.server)
      .get(receiptUrl('not-a-uuid'))
      .set('authorization', `Bearer ${await insurer.token()}`)

    expect([response.status, response.body.code]).toEqual([400, 'validation_failed'])
  })

  it('refuses every faulty token, regulators and other insurers', async () => {
    await runAuthMatrix(t, {
      method: 'GET',
      url: receiptUrl(receipt.receiptId),
      roles: ['insurer', 'admin'],
      insurerCode: INSURER_A,
      otherInsurer: 404,
      isAdmitted: (response) => response.status === 200,
    })
  })
})

describe('PUT /api/v1/insurers/{insurerCode}/policies/{key}', () => {
  it('signs the receipt of a write that finds the platform keys due for a reload', async () => {
    // The keys reload a minute after they were loaded; a token verified since is still cached,
    // so the first to need the keys is the receipt, signed inside the write transaction.
    const fake = createFakeClock(new Date().toISOString())
    const app = await createTestApp({ clock: fake.clock })
    try {
      const client = await createClient(app, { role: 'insurer', insurerCode: INSURER_A })
      const start = fake.now().getTime()
      fake.set(new Date(start + 30_000).toISOString())
      const token = await tokenAt(app, fake, client)
      const write = (key: string) =>
        request(app.app.server)
          .put(`/api/v1/insurers/${INSURER_A}/policies/${key}`)
          .set('authorization', `Bearer ${token}`)
          .send(policyBody(key))
      expect((await write('R-KEYS-1')).status).toBe(201)

      fake.set(new Date(start + 61_000).toISOString())
      const response = await write('R-KEYS-2')

      expect(response.status).toBe(201)
      expect(response.body.receipt).toMatchObject({ key: 'R-KEYS-2', version: 1 })
    } finally {
      await app.close()
    }
  })
})
