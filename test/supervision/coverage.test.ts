import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminAuthorization } from '../helpers/auth.js'
import { creditCode, policyBody } from '../helpers/fixtures.js'
import { createSupervisionData, SETUP_TIMEOUT, type SupervisionData, YEAR } from './data-set.js'

let d: SupervisionData

/** Units 1 to 3 hold the data set's policies; 4 and 5 hold none (5 only a voided one). */
const registry = [
  {
    creditCode: creditCode(1),
    name: '南宁市某化工有限公司',
    regionCode: '450102',
    industry: 'hazardous_chemicals',
  },
  {
    creditCode: creditCode(2),
    name: '柳州市某建筑工程有限公司',
    regionCode: '450202',
    industry: 'construction',
  },
  {
    creditCode: creditCode(3),
    name: '南宁市某矿业有限公司',
    regionCode: '450103',
    industry: 'mine',
  },
  {
    creditCode: creditCode(4),
    name: '南宁市某烟花爆竹有限公司',
    regionCode: '450102',
    industry: 'fireworks',
  },
  {
    creditCode: creditCode(5),
    name: '柳州市某冶炼有限公司',
    regionCode: '450203',
    industry: 'metal_smelting',
  },
]

beforeAll(async () => {
  d = await createSupervisionData()
  const response = await request(d.t.app.server)
    .put('/api/v1/admin/registry/enterprises')
    .set('authorization', adminAuthorization(d.t))
    .send({ enterprises: registry })
  if (response.status !== 200) throw new Error(`registry refused: ${response.text}`)
}, SETUP_TIMEOUT)

afterAll(async () => {
  await d.t.close()
})

const url = (query = '') => `/api/v1/supervision/coverage?year=${YEAR}${query}`
const gap = (n: number) => {
  const unit = registry[n - 1]
  if (!unit) throw new Error(`no unit ${n}`)
  return unit
}

describe('GET /api/v1/supervision/coverage', () => {
  it('lists registered units no policy covers today, with coverage per city', async () => {
    const response = await d.get(url(), d.province)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      year: YEAR,
      on: '2026-06-15',
      rule: {
        code: 'mandatory_coverage',
        basis: expect.stringContaining('2026-06-15'),
        thresholds: { on: '2026-06-15' },
      },
      items: [gap(4), gap(5)],
      nextAfter: null,
      summary: [
        { regionCode: '450100', registered: 3, covered: 2, uncovered: 1, coverageRate: '0.6667' },
        { regionCode: '450200', registered: 2, covered: 1, uncovered: 1, coverageRate: '0.5000' },
      ],
    })
  })

  it('checks a past year on its last day, when only the 2025 policy of unit 2 ran', async () => {
    const response = await d.get('/api/v1/supervision/coverage?year=2025', d.province)

    expect(response.body.on).toBe('2025-12-31')
    expect(response.body.items).toEqual([gap(1), gap(3), gap(4), gap(5)])
  })

  it('checks the day asked', async () => {
    const response = await d.get(url('&on=2026-01-20'), d.province)

    // A-P1 started on 01-06; A-P2 and B-P1 later.
    expect(response.body.items).toEqual([gap(2), gap(3), gap(4), gap(5)])
  })

  it('refuses a day outside the year', async () => {
    const response = await d.get(url('&on=2025-06-01'), d.province)

    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      { path: '/query/on', code: 'outside_year', message: expect.any(String) },
    ])
  })

  it('pages through the gaps by credit code', async () => {
    const first = await d.get(url('&limit=1'), d.province)
    const second = await d.get(url(`&limit=1&after=${first.body.nextAfter}`), d.province)

    expect(first.body.items).toEqual([gap(4)])
    expect(first.body.nextAfter).toBe(creditCode(4))
    expect(second.body.items).toEqual([gap(5)])
    expect(second.body.nextAfter).toBeNull()
  })

  it('summarises by industry', async () => {
    const response = await d.get(url('&groupBy=industry'), d.province)

    expect(response.body.summary).toEqual([
      { industry: 'construction', registered: 1, covered: 1, uncovered: 0, coverageRate: '1.0000' },
      { industry: 'fireworks', registered: 1, covered: 0, uncovered: 1, coverageRate: '0.0000' },
      {
        industry: 'hazardous_chemicals',
        registered: 1,
        covered: 1,
        uncovered: 0,
        coverageRate: '1.0000',
      },
      {
        industry: 'metal_smelting',
        registered: 1,
        covered: 0,
        uncovered: 1,
        coverageRate: '0.0000',
      },
      { industry: 'mine', registered: 1, covered: 1, uncovered: 0, coverageRate: '1.0000' },
    ])
  })

  it('shows a city regulator the units of its city only', async () => {
    const response = await d.get(url(), d.liuzhou)

    expect(response.body.items).toEqual([gap(5)])
    expect(response.body.summary).toEqual([
      { regionCode: '450200', registered: 2, covered: 1, uncovered: 1, coverageRate: '0.5000' },
    ])
  })

  it('counts a terminated policy until the day it ended', async () => {
    const unit = gap(4)
    const body = policyBody('A-PT', {
      insured: { ...(policyBody('A-PT').insured as object), creditCode: unit.creditCode },
      status: 'terminated',
      terminatedAt: '2026-07-01',
      terminationReason: 'business_closed',
    })
    const written = await request(d.t.app.server)
      .put(`/api/v1/insurers/${d.insurerA.insurerCode}/policies/A-PT`)
      .set('authorization', `Bearer ${await d.token(d.insurerA)}`)
      .send(body)
    expect(written.status, written.text).toBe(201)

    const before = await d.get(url('&on=2026-06-30'), d.province)
    expect(before.body.items).toEqual([gap(5)])
    expect(before.body.summary[0]).toMatchObject({ regionCode: '450100', covered: 3 })

    const after = await d.get(url('&on=2026-07-01'), d.province)
    expect(after.body.items).toEqual([gap(4), gap(5)])
    expect(after.body.summary[0]).toMatchObject({ regionCode: '450100', covered: 2 })
  })

  it('refuses an insurer with 403', async () => {
    const response = await d.get(url(), d.insurerA)

    expect(response.status).toBe(403)
  })
})
