import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaDay } from '../../src/domain/values/time.js'
import type { TestClient } from '../helpers/auth.js'
import { INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'
import { createSupervisionData, SETUP_TIMEOUT, type SupervisionData, YEAR } from './data-set.js'

let d: SupervisionData

beforeAll(async () => {
  d = await createSupervisionData()
}, SETUP_TIMEOUT)

afterAll(async () => {
  await d.t.close()
})

const url = (year = YEAR) => `/api/v1/supervision/insurer-evaluation?year=${year}`

/** Writes are counted by the database's own time, not by the app's clock. */
const receivedYear = Number(chinaDay(new Date()).slice(0, 4))

async function send(client: TestClient, path: string, body: object, method: 'put' | 'post') {
  return request(d.t.app.server)
    [method](`/api/v1/insurers/${client.insurerCode}${path}`)
    .set('authorization', `Bearer ${await d.token(client)}`)
    .send(body)
}

/** Refusals are counted after the answer is sent: wait until the count shows. */
async function evaluationOnceCounted(expectedRejected: number) {
  for (let attempt = 0; ; attempt++) {
    const response = await d.get(url(receivedYear), d.province)
    const rejected = response.body.items.reduce(
      (sum: number, item: { writesRejected: number }) => sum + item.writesRejected,
      0,
    )
    if (rejected >= expectedRejected || attempt > 50) return response
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('GET /api/v1/supervision/insurer-evaluation', () => {
  it('answers the yearly indicators of each insurer', async () => {
    const response = await d.get(url(), d.province)

    expect(response.status).toBe(200)
    expect(response.body.rule).toEqual({
      code: 'insurer_evaluation',
      basis: expect.stringContaining('within 7 days'),
      thresholds: { capRatio: '0.21', submissionDays: 7 },
    })
    const writes = (item: Record<string, unknown>) => ({
      ...item,
      writesAccepted: expect.any(Number),
      writesRejected: expect.any(Number),
      // Writes of this run are received today: in the data set's year only while it lasts.
      rejectedSubmissionRate: receivedYear === YEAR ? expect.any(String) : null,
    })
    expect(response.body.items).toEqual([
      writes({
        insurerCode: INSURER_A,
        premiumCollected: '60000.00',
        spent: '11000.00',
        spendRatio: '0.1833',
        policies: 2,
        services: 5,
        servicesPerPolicy: '2.5000',
        majorHazards: { found: 3, rectified: 1, reportedToAuthority: 0 },
        // 2 policies, 2 claims, 5 services, 4 hazards, 4 ledger entries, all received on
        // 06-15: only the adjustment booked on 06-10 is within 7 days.
        records: 17,
        recordsOnTime: 1,
        onTimeSubmissionRate: '0.0588',
      }),
      writes({
        insurerCode: INSURER_B,
        premiumCollected: '60000.00',
        spent: '15000.00',
        spendRatio: '0.2500',
        policies: 1,
        services: 3,
        servicesPerPolicy: '3.0000',
        majorHazards: { found: 2, rectified: 0, reportedToAuthority: 1 },
        // 1 policy, 1 claim, 4 services, 2 hazards, 3 ledger entries; B-S4 starts after it
        // was received and B-H2 was found the day before.
        records: 11,
        recordsOnTime: 2,
        onTimeSubmissionRate: '0.1818',
      }),
    ])
  })

  it('counts refused writes, but not dry runs or idempotent replays', async () => {
    const bad = policyBody('A-BAD', { commissionRate: '0.06' })
    expect((await send(d.insurerA, '/policies/A-BAD', bad, 'put')).status).toBe(422)
    expect((await send(d.insurerA, '/policies/A-BAD?dryRun=true', bad, 'put')).status).toBe(422)

    const items = [
      { kind: 'policies', key: 'B-OK', record: policyBody('B-OK') },
      {
        kind: 'policies',
        key: 'B-BAD',
        record: policyBody('B-BAD', { premiumCollected: '1.00', premium: '0.50' }),
      },
    ]
    const partial = await send(d.insurerB, '/batches', { items }, 'post')
    expect(partial.body.results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'rejected',
    ])

    const key = 'retry-1'
    for (let i = 0; i < 2; i++) {
      const atomic = await request(d.t.app.server)
        .post(`/api/v1/insurers/${INSURER_B}/batches`)
        .set('authorization', `Bearer ${await d.token(d.insurerB)}`)
        .set('idempotency-key', key)
        .send({ atomic: true, items: [items[1]] })
      expect(atomic.status).toBe(422)
    }

    const response = await evaluationOnceCounted(3)
    const byInsurer = Object.fromEntries(
      response.body.items.map((item: { insurerCode: string }) => [item.insurerCode, item]),
    )
    expect(byInsurer[INSURER_A]).toMatchObject({
      writesAccepted: d.accepted[INSURER_A],
      writesRejected: 1,
      rejectedSubmissionRate: '0.0476',
    })
    expect(byInsurer[INSURER_B]).toMatchObject({
      writesAccepted: (d.accepted[INSURER_B] ?? 0) + 1,
      writesRejected: 2,
      rejectedSubmissionRate: '0.1176',
    })
  })

  it('shows a city regulator its city only, without the writes, which have no region', async () => {
    const response = await d.get(url(), d.liuzhou)

    expect(response.body.rule.basis).toMatch(/province-wide only/)
    expect(response.body.items).toEqual([
      {
        insurerCode: INSURER_A,
        premiumCollected: '24000.00',
        spent: '1000.00',
        spendRatio: '0.0417',
        policies: 1,
        services: 2,
        servicesPerPolicy: '2.0000',
        majorHazards: { found: 0, rectified: 0, reportedToAuthority: 0 },
        // A-P2, A-C2, A-S2, A-S5, A-H3 and A-E2 are in Liuzhou.
        records: 6,
        recordsOnTime: 0,
        onTimeSubmissionRate: '0.0000',
        writesAccepted: null,
        writesRejected: null,
        rejectedSubmissionRate: null,
      },
    ])
  })

  it('refuses an insurer with 403', async () => {
    const response = await d.get(url(), d.insurerA)

    expect(response.status).toBe(403)
  })
})
