import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INSURER_A, INSURER_B } from '../helpers/fixtures.js'
import {
  createSupervisionData,
  NOW,
  SETUP_TIMEOUT,
  type SupervisionData,
  YEAR,
} from './data-set.js'

let d: SupervisionData

beforeAll(async () => {
  d = await createSupervisionData()
}, SETUP_TIMEOUT)

afterAll(async () => {
  await d.t.close()
})

const url = (query = '') => `/api/v1/supervision/hazards?year=${YEAR}${query}`

describe('GET /api/v1/supervision/hazards', () => {
  it('counts the closed loop of the hazards found in the year, per insurer', async () => {
    const response = await d.get(url(), d.province)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      year: YEAR,
      rule: {
        code: 'major_hazard_closed_loop',
        basis: expect.stringContaining('2026-06-15'),
        thresholds: { hazardNotifyHours: 24, hazardReportGraceDays: 3, today: '2026-06-15' },
      },
      items: [
        {
          // A-H1 overdue since 04-10, unreported past 04-13; A-H2 notified after 48 hours;
          // A-H3 rectified on the spot; A-H4 closed. A-HV is voided.
          insurerCode: INSURER_A,
          found: 4,
          byLevel: { major: 3, general: 1 },
          byStatus: { found: 0, notified: 1, rectifying: 1, rectified: 1, closed: 1 },
          overdue: 1,
          overdueUnreported: 1,
          notifiedLate: 1,
          rectificationRate: '0.5000',
        },
        {
          // B-H1 overdue since 04-01 but reported on 04-03, within the grace days; B-H2 not
          // notified 26 hours after it was found. B-H3 was found in 2025.
          insurerCode: INSURER_B,
          found: 2,
          byLevel: { major: 2, general: 0 },
          byStatus: { found: 1, notified: 0, rectifying: 1, rectified: 0, closed: 0 },
          overdue: 1,
          overdueUnreported: 0,
          notifiedLate: 1,
          rectificationRate: '0.0000',
        },
      ],
    })
  })

  it.each([
    ['overdue', ['B-H1', 'A-H1']],
    ['overdue_unreported', ['A-H1']],
    ['notified_late', ['A-H2', 'B-H2']],
  ])(
    'lists the hazards on the %s list as records with their derived fields',
    async (list, keys) => {
      const response = await d.get(url(`&list=${list}`), d.province)

      expect(response.body.list.name).toBe(list)
      expect(response.body.list.truncated).toBe(false)
      expect(response.body.list.items.map((h: { hazardNo: string }) => h.hazardNo)).toEqual(keys)
      for (const hazard of response.body.list.items) {
        expect(hazard.derived[list.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())]).toBe(
          true,
        )
      }
    },
  )

  it('agrees with the derived fields of each hazard', async () => {
    const listed = await d.get(url('&list=overdue'), d.province)
    const hazard = await d.get(`/api/v1/insurers/${INSURER_A}/hazards/A-H1`, d.province)

    expect(listed.body.list.items[1]).toEqual(hazard.body)
  })

  it('follows the clock: a hazard is overdue-unreported once the grace days pass', async () => {
    d.fake.set('2026-07-05T12:00:00+08:00')
    try {
      const response = await d.get(url('&list=overdue'), d.province)
      const a = response.body.items[0]

      // A-H2's deadline 07-01 has passed too, and its grace days ended on 07-04.
      expect(a).toMatchObject({ insurerCode: INSURER_A, overdue: 2, overdueUnreported: 2 })
      expect(response.body.rule.thresholds.today).toBe('2026-07-05')
    } finally {
      d.fake.set(NOW)
    }
  })

  it('groups by city', async () => {
    const response = await d.get(url('&groupBy=region'), d.province)

    expect(response.body.items).toEqual([
      expect.objectContaining({
        regionCode: '450100',
        found: 5,
        overdue: 2,
        rectificationRate: '0.2000',
      }),
      expect.objectContaining({
        regionCode: '450200',
        found: 1,
        overdue: 0,
        rectificationRate: '1.0000',
      }),
    ])
  })

  it('shows a city regulator its city only, lists included', async () => {
    const response = await d.get(url('&list=overdue'), d.liuzhou)

    expect(response.body.items).toEqual([
      {
        insurerCode: INSURER_A,
        found: 1,
        byLevel: { major: 0, general: 1 },
        byStatus: { found: 0, notified: 0, rectifying: 0, rectified: 1, closed: 0 },
        overdue: 0,
        overdueUnreported: 0,
        notifiedLate: 0,
        rectificationRate: '1.0000',
      },
    ])
    expect(response.body.list).toEqual({ name: 'overdue', items: [], truncated: false })
  })

  it('refuses an insurer with 403', async () => {
    const response = await d.get(url(), d.insurerB)

    expect(response.status).toBe(403)
  })

  it('refuses an unknown list with 400', async () => {
    const response = await d.get(url('&list=everything'), d.province)

    expect(response.status).toBe(400)
    expect(response.body.errors[0].path).toBe('/query/list')
  })
})
