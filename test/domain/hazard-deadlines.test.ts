import { describe, expect, it } from 'vitest'
import { deriveHazardDeadlines } from '../../src/domain/records/hazard-deadlines.js'

const defaults = { hazardNotifyHours: 24, hazardReportGraceDays: 3 }

const rectifying = {
  level: 'major',
  status: 'rectifying',
  foundAt: '2026-03-10T10:00:00+08:00',
  notification: { notifiedAt: '2026-03-10T15:00:00+08:00' },
  rectificationDeadline: '2026-03-31',
}

const at = (timestamp: string) => new Date(timestamp)

describe('deriveHazardDeadlines', () => {
  it('takes the notice hours from the configuration', () => {
    const strict = { ...defaults, hazardNotifyHours: 2 }

    expect(
      deriveHazardDeadlines(rectifying, defaults, at('2026-03-12T00:00:00Z')).notifiedLate,
    ).toBe(false)
    expect(deriveHazardDeadlines(rectifying, strict, at('2026-03-12T00:00:00Z')).notifiedLate).toBe(
      true,
    )
  })

  it('takes the grace days from the configuration, zero meaning the deadline day itself', () => {
    const noGrace = { ...defaults, hazardReportGraceDays: 0 }
    const now = at('2026-04-01T00:00:00+08:00')

    expect(deriveHazardDeadlines(rectifying, defaults, now)).toEqual({
      overdue: true,
      overdueUnreported: false,
      notifiedLate: false,
    })
    expect(deriveHazardDeadlines(rectifying, noGrace, now).overdueUnreported).toBe(true)
  })

  it('counts a report on the last grace day, in China time, as in time', () => {
    const reported = {
      ...rectifying,
      authorityReport: { reportedAt: '2026-04-03T15:59:59Z' },
    }
    const late = { ...rectifying, authorityReport: { reportedAt: '2026-04-03T16:00:00Z' } }
    const now = at('2026-04-20T00:00:00+08:00')

    expect(deriveHazardDeadlines(reported, defaults, now).overdueUnreported).toBe(false)
    expect(deriveHazardDeadlines(late, defaults, now).overdueUnreported).toBe(true)
  })

  it('finds nothing in a withdrawn hazard', () => {
    const voided = { ...rectifying, voided: true, notification: undefined }

    expect(deriveHazardDeadlines(voided, defaults, at('2026-05-01T00:00:00+08:00'))).toEqual({
      overdue: false,
      overdueUnreported: false,
      notifiedLate: false,
    })
  })

  it('stops the deadline once rectified', () => {
    const rectified = { ...rectifying, status: 'rectified' }

    expect(deriveHazardDeadlines(rectified, defaults, at('2026-05-01T00:00:00+08:00'))).toEqual({
      overdue: false,
      overdueUnreported: false,
      notifiedLate: false,
    })
  })
})
