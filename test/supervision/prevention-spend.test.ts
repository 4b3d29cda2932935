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

const url = (query = '') => `/api/v1/supervision/prevention-spend?year=${YEAR}${query}`

const thresholds = { capRatio: '0.21', nearCapRatio: '0.18', minRatio: '0.05' }

describe('GET /api/v1/supervision/prevention-spend', () => {
  it('answers each insurer its premium, cap, budget, spending, ratio and flags', async () => {
    const response = await d.get(url(), d.province)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      year: YEAR,
      rule: { code: 'prevention_spend_cap', basis: expect.any(String), thresholds },
      items: [
        {
          // 36,000 + 24,000 collected; 10,500 + 1,000 − 500 spent: 11,000 / 60,000 = 0.1833.
          insurerCode: INSURER_A,
          premiumCollected: '60000.00',
          cap: '12600.00',
          budget: '12000.00',
          spent: '11000.00',
          ratio: '0.1833',
          unlinkedExpenses: 0,
          flags: ['near_cap'],
        },
        {
          // 14,500 + 500 spent on 60,000 collected: 0.25, over the cap and the 10,000 budget;
          // the 500 pays for a service voided since.
          insurerCode: INSURER_B,
          premiumCollected: '60000.00',
          cap: '12600.00',
          budget: '10000.00',
          spent: '15000.00',
          ratio: '0.2500',
          unlinkedExpenses: 1,
          flags: ['over_cap', 'over_budget', 'unlinked_expense'],
        },
      ],
    })
  })

  it('groups by city, without budgets, and entries without a region on their own', async () => {
    const response = await d.get(url('&groupBy=region'), d.province)

    expect(response.status).toBe(200)
    expect(response.body.rule.basis).toMatch(/province-wide by insurer only/)
    expect(response.body.items).toEqual([
      {
        // A-P1 36,000 + B-P1 60,000; A-E1 10,500 + B-E1 14,500 + B-E2 500 = 25,500.
        regionCode: '450100',
        premiumCollected: '96000.00',
        cap: '20160.00',
        budget: null,
        spent: '25500.00',
        ratio: '0.2656',
        unlinkedExpenses: 1,
        flags: ['over_cap', 'unlinked_expense'],
      },
      {
        // A-P2 24,000; A-E2 1,000: 0.0417, under PREVENTION_MIN_RATIO 0.05.
        regionCode: '450200',
        premiumCollected: '24000.00',
        cap: '5040.00',
        budget: null,
        spent: '1000.00',
        ratio: '0.0417',
        unlinkedExpenses: 0,
        flags: ['under_invested'],
      },
      {
        // The adjustment pays for no service: no region, no premium, no ratio.
        regionCode: null,
        premiumCollected: '0.00',
        cap: '0.00',
        budget: null,
        spent: '-500.00',
        ratio: null,
        unlinkedExpenses: 0,
        flags: [],
      },
    ])
  })

  it('groups by industry', async () => {
    const response = await d.get(url('&groupBy=industry'), d.province)

    expect(response.body.items.map((i: { industry: string }) => i.industry)).toEqual([
      'construction',
      'hazardous_chemicals',
      'mine',
      null,
    ])
    expect(response.body.items[2]).toMatchObject({
      premiumCollected: '60000.00',
      spent: '15000.00',
    })
  })

  it('shows a city regulator its city only, without budgets', async () => {
    const response = await d.get(url(), d.nanning)

    expect(response.status).toBe(200)
    expect(response.body.items).toEqual([
      {
        insurerCode: INSURER_A,
        premiumCollected: '36000.00',
        cap: '7560.00',
        budget: null,
        spent: '10500.00',
        ratio: '0.2917',
        unlinkedExpenses: 0,
        flags: ['over_cap'],
      },
      {
        insurerCode: INSURER_B,
        premiumCollected: '60000.00',
        cap: '12600.00',
        budget: null,
        spent: '15000.00',
        ratio: '0.2500',
        unlinkedExpenses: 1,
        flags: ['over_cap', 'unlinked_expense'],
      },
    ])
  })

  it('shows another city only its own', async () => {
    const response = await d.get(url(), d.liuzhou)

    expect(response.body.items).toEqual([
      {
        insurerCode: INSURER_A,
        premiumCollected: '24000.00',
        cap: '5040.00',
        budget: null,
        spent: '1000.00',
        ratio: '0.0417',
        unlinkedExpenses: 0,
        flags: ['under_invested'],
      },
    ])
  })

  it('answers an admin like a province regulator', async () => {
    const admin = await d.get(url(), d.admin)
    const province = await d.get(url(), d.province)

    expect(admin.status).toBe(200)
    expect(admin.body).toEqual(province.body)
  })

  it('answers a year without data with no items', async () => {
    const response = await d.get('/api/v1/supervision/prevention-spend?year=2023', d.province)

    expect(response.body.items).toEqual([])
  })

  it('refuses an insurer with 403', async () => {
    const response = await d.get(url(), d.insurerA)

    expect(response.status).toBe(403)
    expect(response.body.code).toBe('forbidden')
  })

  it('requires the year', async () => {
    const response = await d.get('/api/v1/supervision/prevention-spend', d.province)

    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      { path: '/query/year', code: 'required', message: expect.any(String) },
    ])
  })
})
