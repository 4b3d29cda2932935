import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INSURER_A, INSURER_B } from '../helpers/fixtures.js'
import { createSupervisionData, SETUP_TIMEOUT, type SupervisionData, YEAR } from './data-set.js'

let d: SupervisionData

beforeAll(async () => {
  d = await createSupervisionData()
}, SETUP_TIMEOUT)

afterAll(async () => {
  await d.t.close()
})

const url = (query = '') => `/api/v1/supervision/overview?year=${YEAR}${query}`

/** Every service type in dictionary order, with the counts and costs given. */
function services(given: Record<string, [number, string]>) {
  const types = [
    'hazard_inspection',
    'training',
    'emergency_drill',
    'standardization',
    'risk_assessment',
    'technology',
    'other',
  ]
  return types.map((type) => {
    const [count, cost] = given[type] ?? [0, '0.00']
    return { type, count, cost }
  })
}

const insurerA = {
  insurerCode: INSURER_A,
  // A-P1 and A-P2 (A-P2025 was issued in 2024, A-PV is voided).
  policies: 2,
  policiesInForce: 2,
  enterprisesCovered: 2,
  insuredHeadcount: 200,
  premium: '66000.00',
  premiumCollected: '60000.00',
  // A-C1 paid 50,000 (its reserve no longer counts); A-C2 open with a 20,000 reserve.
  claims: { count: 2, paid: '50000.00', reserved: '20000.00', deaths: 1, injuries: 3 },
  lossRatio: '1.0606',
  services: services({
    hazard_inspection: [2, '8500.00'],
    training: [1, '3000.00'],
    risk_assessment: [2, '4000.00'],
  }),
  training: { participants: 40, followUps: 1, averageFollowUpScore: '80.00' },
  drills: { count: 0, participants: 0 },
  // The unit of A-P1 was assessed high on 05-01, then medium on 05-20: medium counts.
  riskClasses: { high: 0, medium: 1, low: 0 },
  rateFloating: { count: 1, averageFactor: '-0.1500' },
  complianceFlags: {
    headcountBelowEmployees: 1,
    limitBelowMinimum: 0,
    commissionAboveMaximum: 0,
    lateRenewal: 1,
  },
}

const insurerB = {
  insurerCode: INSURER_B,
  policies: 1,
  policiesInForce: 1,
  enterprisesCovered: 1,
  insuredHeadcount: 120,
  premium: '60000.00',
  premiumCollected: '60000.00',
  // B-C1 was declined: its reserve is no longer outstanding.
  claims: { count: 1, paid: '0.00', reserved: '0.00', deaths: 0, injuries: 1 },
  lossRatio: '0.0000',
  // B-S2 (training) is voided and B-S4 only planned.
  services: services({
    hazard_inspection: [1, '5000.00'],
    emergency_drill: [1, '4000.00'],
    risk_assessment: [1, '1500.00'],
  }),
  training: { participants: 0, followUps: 0, averageFollowUpScore: null },
  drills: { count: 1, participants: 30 },
  riskClasses: { high: 0, medium: 0, low: 1 },
  rateFloating: { count: 1, averageFactor: '-0.1000' },
  complianceFlags: {
    headcountBelowEmployees: 0,
    limitBelowMinimum: 0,
    commissionAboveMaximum: 0,
    lateRenewal: 0,
  },
}

describe('GET /api/v1/supervision/overview', () => {
  it('answers underwriting, claims, services, risk classes and flags per insurer', async () => {
    const response = await d.get(url(), d.province)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      year: YEAR,
      rule: {
        code: 'supervision_overview',
        basis: expect.any(String),
        thresholds: {
          minPerPersonLimit: '400000.00',
          maxCommissionRate: '0.05',
          today: '2026-06-15',
        },
      },
      items: [insurerA, insurerB],
    })
  })

  it('counts policies in force on the day of the clock', async () => {
    d.fake.set('2027-02-10T12:00:00+08:00')
    try {
      const response = await d.get(url(), d.province)

      // A-P1 ended on 2027-01-05 and A-P2 on 2027-01-31; B-P1 runs to 2027-02-28.
      expect(
        response.body.items.map((i: { policiesInForce: number }) => i.policiesInForce),
      ).toEqual([0, 1])
    } finally {
      d.fake.set('2026-06-15T12:00:00+08:00')
    }
  })

  it('shows a city regulator its city only', async () => {
    const response = await d.get(url(), d.liuzhou)

    expect(response.body.items).toEqual([
      {
        ...insurerA,
        policies: 1,
        policiesInForce: 1,
        enterprisesCovered: 1,
        insuredHeadcount: 80,
        premium: '30000.00',
        premiumCollected: '24000.00',
        claims: { count: 1, paid: '0.00', reserved: '20000.00', deaths: 1, injuries: 0 },
        lossRatio: '0.6667',
        services: services({ hazard_inspection: [1, '2500.00'], training: [1, '3000.00'] }),
        riskClasses: { high: 0, medium: 0, low: 0 },
        rateFloating: { count: 0, averageFactor: null },
      },
    ])
  })

  it('groups by industry', async () => {
    const response = await d.get(url('&groupBy=industry'), d.province)

    expect(response.body.items.map((i: { industry: string }) => i.industry)).toEqual([
      'construction',
      'hazardous_chemicals',
      'mine',
    ])
    expect(response.body.items[0]).toMatchObject({ policies: 1, lossRatio: '0.6667' })
  })

  it('refuses an insurer with 403', async () => {
    const response = await d.get(url(), d.insurerA)

    expect(response.status).toBe(403)
  })
})
