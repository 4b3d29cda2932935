import request from 'supertest'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { createFakeClock, tokenAt } from '../helpers/fake-clock.js'
import { hazardBody, INSURER_A, INSURER_B, policyBody, serviceBody } from '../helpers/fixtures.js'

const START = '2026-03-10T12:00:00+08:00'
const fake = createFakeClock(START)

let t: TestApp
let insurer: TestClient
let otherInsurer: TestClient

const url = (kind: string, key: string, insurerCode = INSURER_A) =>
  `/api/v1/insurers/${insurerCode}/${kind}/${key}`

async function bearer(client = insurer) {
  return `Bearer ${await tokenAt(t, fake, client)}`
}

async function put(kind: string, key: string, body: unknown, client = insurer) {
  return request(t.app.server)
    .put(url(kind, key, client.insurerCode))
    .set('authorization', await bearer(client))
    .send(body as object)
}

const putHazard = (key: string, overrides: Record<string, unknown> = {}) =>
  put('hazards', key, hazardBody(key, 'S-INSP-1', 'P-1', overrides))

async function read(key: string) {
  return request(t.app.server)
    .get(url('hazards', key))
    .set('authorization', await bearer())
}

beforeAll(async () => {
  // The fake clock stands still, so a real per-minute limit would count the whole file at once.
  t = await createTestApp({ clock: fake.clock, config: { rateLimitPerMinute: 1_000_000 } })
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  otherInsurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })

  await put('policies', 'P-1', policyBody('P-1'))
  await put('services', 'S-INSP-1', serviceBody('S-INSP-1', 'P-1'))
  const training = { topics: ['skills'], participants: 10, hours: 2 }
  await put(
    'services',
    'S-TRAIN-1',
    serviceBody('S-TRAIN-1', 'P-1', { type: 'training', inspection: undefined, training }),
  )
  await put('policies', 'P-B-1', policyBody('P-B-1'), otherInsurer)
  await put('services', 'S-B-1', serviceBody('S-B-1', 'P-B-1'), otherInsurer)
})

beforeEach(() => {
  fake.set(START)
})

afterAll(async () => {
  await t.close()
})

const notification = {
  notifiedAt: '2026-03-10T15:00:00+08:00',
  recipientRole: 'principal',
  recipientName: '张三',
  channel: 'written',
}
const rectification = {
  completedAt: '2026-03-25T16:00:00+08:00',
  measures: '更换可燃气体检测报警装置并校验',
  cost: '12000.00',
}
const passed = { verifiedAt: '2026-03-27T10:00:00+08:00', verifiedBy: '李工', passed: true }
const failed = { ...passed, passed: false }

/** The fields each status needs, for a major hazard whose deadline is 2026-03-31. */
const stages = {
  notified: { status: 'notified', notification, rectificationDeadline: '2026-03-31' },
  rectifying: { status: 'rectifying', notification, rectificationDeadline: '2026-03-31' },
  rectified: {
    status: 'rectified',
    notification,
    rectificationDeadline: '2026-03-31',
    rectification,
  },
  closed: {
    status: 'closed',
    notification,
    rectificationDeadline: '2026-03-31',
    rectification,
    verification: passed,
  },
}

function errorsOf(response: request.Response) {
  return (response.body.errors ?? []).map((e: { path: string; code: string }) => [e.path, e.code])
}

describe('PUT /api/v1/insurers/{insurerCode}/hazards/{key}', () => {
  it('creates a major hazard and answers it with the derived figures', async () => {
    const body = hazardBody('H-CREATE-1', 'S-INSP-1', 'P-1')
    const response = await putHazard('H-CREATE-1')

    expect(response.status).toBe(201)
    const { meta, receipt, ...rest } = response.body
    expect(rest).toEqual({
      ...body,
      derived: { overdue: false, overdueUnreported: false, notifiedLate: false },
      flags: [],
      warnings: [],
    })
    expect(receipt).toMatchObject({ kind: 'hazards', key: 'H-CREATE-1', version: 1 })
  })

  it('rejects a major hazard without the criterion that makes it major', async () => {
    const response = await putHazard('H-CRIT-1', { criterion: undefined })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/criterion', 'required_when']])
  })

  it('accepts a general hazard without a criterion', async () => {
    const response = await putHazard('H-CRIT-2', { level: 'general', criterion: undefined })

    expect(response.status).toBe(201)
  })

  it('rejects a criterion standard that is not in the hazard-criteria dictionary', async () => {
    const criterion = { standard: 'nuclear', clause: '第一条' }
    const response = await putHazard('H-CRIT-3', { criterion })

    expect(response.status).toBe(400)
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(
      '/criterion/standard',
    )
  })

  it('rejects a hazard whose service is not a hazard inspection', async () => {
    const response = await put('hazards', 'H-REF-1', hazardBody('H-REF-1', 'S-TRAIN-1', 'P-1'))

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/serviceNo', 'reference_invalid']])
  })

  it("rejects a hazard citing another insurer's inspection and policy", async () => {
    const response = await put('hazards', 'H-REF-2', hazardBody('H-REF-2', 'S-B-1', 'P-B-1'))

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([
      ['/policyNo', 'reference_not_found'],
      ['/serviceNo', 'reference_not_found'],
    ])
  })

  it.each(Object.entries(stages))(
    'accepts a major hazard first sent as %s',
    async (status, fields) => {
      const response = await putHazard(`H-STAGE-${status}`, fields)

      expect(response.status).toBe(201)
      expect(response.body.status).toBe(status)
    },
  )

  it.each([
    [
      'notified without its notice',
      { ...stages.notified, notification: undefined },
      '/notification',
    ],
    [
      'notified without a rectification deadline',
      { ...stages.notified, rectificationDeadline: undefined },
      '/rectificationDeadline',
    ],
    [
      'rectifying without its notice',
      { ...stages.rectifying, notification: undefined },
      '/notification',
    ],
    [
      'rectified without its rectification',
      { ...stages.rectified, rectification: undefined },
      '/rectification',
    ],
    [
      'major and rectified without ever being notified',
      { ...stages.rectified, notification: undefined, rectificationDeadline: undefined },
      '/notification',
    ],
    [
      'closed without a verification',
      { ...stages.closed, verification: undefined },
      '/verification',
    ],
  ])('rejects a hazard %s', async (_name, fields, path) => {
    const response = await putHazard('H-NEEDS-1', fields)

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([[path, 'required_when']])
  })

  it('rejects closing a hazard whose verification failed', async () => {
    const response = await putHazard('H-NEEDS-2', { ...stages.closed, verification: failed })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/verification/passed', 'invalid_value']])
  })

  it('accepts a general hazard fixed on the spot without a notice', async () => {
    const response = await putHazard('H-SPOT-1', {
      level: 'general',
      criterion: undefined,
      status: 'rectified',
      rectification,
    })

    expect(response.status).toBe(201)
  })

  it.each([
    [
      'a notice before the hazard was found',
      {
        ...stages.notified,
        notification: { ...notification, notifiedAt: '2026-03-10T09:59:59+08:00' },
      },
      '/notification/notifiedAt',
    ],
    [
      'a deadline before the day it was found',
      { ...stages.notified, rectificationDeadline: '2026-03-09' },
      '/rectificationDeadline',
    ],
    [
      'a rectification before the hazard was found',
      {
        ...stages.rectified,
        rectification: { ...rectification, completedAt: '2026-03-01T10:00:00+08:00' },
      },
      '/rectification/completedAt',
    ],
    [
      'a verification before the rectification',
      { ...stages.closed, verification: { ...passed, verifiedAt: '2026-03-25T15:00:00+08:00' } },
      '/verification/verifiedAt',
    ],
    [
      'an authority report before the hazard was found',
      {
        ...stages.rectifying,
        authorityReport: {
          reportedAt: '2026-03-01T10:00:00+08:00',
          department: '南宁市应急管理局',
        },
      },
      '/authorityReport/reportedAt',
    ],
  ])('rejects %s', async (_name, fields, path) => {
    const response = await putHazard('H-ORDER-1', fields)

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([[path, 'before']])
  })

  it('accepts a deadline on the day the hazard was found', async () => {
    const response = await putHazard('H-ORDER-2', {
      ...stages.notified,
      rectificationDeadline: '2026-03-10',
    })

    expect(response.status).toBe(201)
  })

  it('flags a major hazard notified more than 24 hours after it was found', async () => {
    const late = { ...notification, notifiedAt: '2026-03-11T10:00:01+08:00' }
    const response = await putHazard('H-LATE-1', { ...stages.notified, notification: late })

    expect(response.status).toBe(201)
    expect(response.body.flags).toEqual(['notified_late'])
    expect(response.body.derived.notifiedLate).toBe(true)
    expect(response.body.warnings[0]).toMatchObject({
      path: '/notification/notifiedAt',
      code: 'notified_late',
    })
  })

  it('flags neither a notice at exactly 24 hours nor a general hazard notified late', async () => {
    const onTime = { ...notification, notifiedAt: '2026-03-11T10:00:00+08:00' }
    const major = await putHazard('H-LATE-2', { ...stages.notified, notification: onTime })
    const general = await putHazard('H-LATE-3', {
      ...stages.notified,
      level: 'general',
      notification: { ...notification, notifiedAt: '2026-03-15T10:00:00+08:00' },
    })

    expect([major.body.flags, general.body.flags]).toEqual([[], []])
    expect([major.body.derived.notifiedLate, general.body.derived.notifiedLate]).toEqual([
      false,
      false,
    ])
  })

  it('flags an electronic notice, since AQ 9010 asks for a written one', async () => {
    const electronic = { ...notification, channel: 'electronic' }
    const response = await putHazard('H-CHANNEL-1', {
      ...stages.notified,
      notification: electronic,
    })

    expect(response.status).toBe(201)
    expect(response.body.flags).toEqual(['notice_not_written'])
  })

  it('flags a failed verification', async () => {
    const response = await putHazard('H-FAIL-1', {
      ...stages.rectifying,
      rectification,
      verification: failed,
    })

    expect(response.status).toBe(201)
    expect(response.body.flags).toEqual(['verification_failed'])
  })

  it('refuses a major hazard going from found straight to rectified', async () => {
    await putHazard('H-MOVE-1')
    const response = await putHazard('H-MOVE-1', stages.rectified)

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/status', 'status_move_not_allowed']])
  })

  it('lets a general hazard go from found straight to rectified', async () => {
    const general = { level: 'general', criterion: undefined }
    await putHazard('H-MOVE-2', general)
    const response = await putHazard('H-MOVE-2', { ...general, status: 'rectified', rectification })

    expect(response.status).toBe(200)
  })

  it('refuses rectified → rectifying without a failed verification', async () => {
    await putHazard('H-MOVE-3', stages.rectified)
    const response = await putHazard('H-MOVE-3', { ...stages.rectified, status: 'rectifying' })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/status', 'status_move_not_allowed']])
  })

  it('sends a rectified hazard back to rectifying when its verification failed', async () => {
    await putHazard('H-MOVE-4', stages.rectified)
    const response = await putHazard('H-MOVE-4', {
      ...stages.rectified,
      status: 'rectifying',
      verification: failed,
    })

    expect(response.status).toBe(200)
    expect(response.body.flags).toEqual(['verification_failed'])
  })

  it.each([
    ['closed', 'rectifying', { verification: failed }],
    ['notified', 'found', {}],
    ['rectifying', 'notified', {}],
  ] as const)('refuses to move a hazard back from %s to %s', async (from, to, extra) => {
    const key = `H-BACK-${from}`
    await putHazard(key, stages[from])
    const response = await putHazard(key, { ...stages[from], ...extra, status: to })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/status', 'status_move_not_allowed']])
  })
})

describe('GET /api/v1/insurers/{insurerCode}/hazards/{key}', () => {
  it('shows an unnotified major hazard as notified late after 24 hours', async () => {
    await putHazard('H-NOTICE-1')

    fake.set('2026-03-11T10:00:00+08:00')
    expect((await read('H-NOTICE-1')).body.derived.notifiedLate).toBe(false)

    fake.set('2026-03-11T10:00:01+08:00')
    const late = await read('H-NOTICE-1')
    expect(late.body.derived).toEqual({
      overdue: false,
      overdueUnreported: false,
      notifiedLate: true,
    })
    expect(late.body.flags).toEqual([])
  })

  it('counts the deadline day as in time until its end in China time', async () => {
    await putHazard('H-DUE-1', stages.rectifying)

    fake.set('2026-03-31T23:59:59+08:00')
    expect((await read('H-DUE-1')).body.derived.overdue).toBe(false)

    fake.set('2026-03-31T16:00:00Z')
    expect((await read('H-DUE-1')).body.derived.overdue).toBe(true)
  })

  it('is overdue-unreported once the grace days pass without a report', async () => {
    await putHazard('H-GRACE-1', stages.rectifying)

    fake.set('2026-04-03T23:59:59+08:00')
    expect((await read('H-GRACE-1')).body.derived).toMatchObject({
      overdue: true,
      overdueUnreported: false,
    })

    fake.set('2026-04-04T00:00:00+08:00')
    expect((await read('H-GRACE-1')).body.derived.overdueUnreported).toBe(true)
  })

  it('counts a report within the grace days, but not one after them', async () => {
    const report = (reportedAt: string) => ({
      ...stages.rectifying,
      authorityReport: {
        reportedAt,
        department: '南宁市应急管理局',
        documentNo: '南应急〔2026〕8号',
      },
    })
    await putHazard('H-GRACE-2', report('2026-04-03T18:00:00+08:00'))
    await putHazard('H-GRACE-3', report('2026-04-04T09:00:00+08:00'))

    fake.set('2026-04-10T12:00:00+08:00')
    const inTime = await read('H-GRACE-2')
    const late = await read('H-GRACE-3')
    expect(inTime.body.derived).toMatchObject({ overdue: true, overdueUnreported: false })
    expect(late.body.derived).toMatchObject({ overdue: true, overdueUnreported: true })
  })
})

describe('GET /api/v1/hazards', () => {
  it('filters overdue exactly as the derived overdue says, as time passes', async () => {
    const cases: Record<string, Record<string, unknown>> = {
      'H-AGREE-OPEN': stages.rectifying,
      'H-AGREE-FIXED': stages.rectified,
      'H-AGREE-CLOSED': stages.closed,
      'H-AGREE-NEW': {},
      'H-AGREE-LATER': { ...stages.notified, rectificationDeadline: '2026-04-02' },
      'H-AGREE-VOID': { ...stages.notified, voided: true, voidReason: '重复录入' },
    }
    for (const [key, fields] of Object.entries(cases)) {
      expect((await putHazard(key, fields)).status).toBe(201)
    }

    const mine = (items: Array<{ hazardNo: string }>) =>
      items
        .map((item) => item.hazardNo)
        .filter((key) => key in cases)
        .sort()

    for (const now of [
      '2026-03-31T23:59:59+08:00',
      '2026-04-01T00:00:00+08:00',
      '2026-04-03T00:00:00+08:00',
    ]) {
      fake.set(now)
      const auth = await bearer()
      const search = (overdue: boolean) =>
        request(t.app.server)
          .get(`/api/v1/hazards?overdue=${overdue}&limit=1000`)
          .set('authorization', auth)
      const all = await request(t.app.server)
        .get('/api/v1/hazards?limit=1000')
        .set('authorization', auth)

      const derivedOverdue = all.body.items.filter(
        (item: { derived: { overdue: boolean } }) => item.derived.overdue,
      )
      const expected = mine(derivedOverdue)
      expect(mine((await search(true)).body.items), now).toEqual(expected)
      expect(mine((await search(false)).body.items), now).toEqual(
        Object.keys(cases)
          .filter((key) => !expected.includes(key))
          .sort(),
      )
    }

    fake.set('2026-04-03T00:00:00+08:00')
    const overdue = await request(t.app.server)
      .get('/api/v1/hazards?overdue=true&limit=1000')
      .set('authorization', await bearer())
    expect(mine(overdue.body.items)).toEqual(['H-AGREE-LATER', 'H-AGREE-OPEN'])
  })

  it('filters by level', async () => {
    await putHazard('H-LEVEL-1', { level: 'general', criterion: undefined })
    const response = await request(t.app.server)
      .get('/api/v1/hazards?level=general&limit=1000')
      .set('authorization', await bearer())

    expect(response.status).toBe(200)
    const levels = new Set(response.body.items.map((item: { level: string }) => item.level))
    expect([...levels]).toEqual(['general'])
  })
})
