import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { createFakeClock, tokenAt } from '../helpers/fake-clock.js'
import {
  creditCode,
  hazardBody,
  INSURER_A,
  INSURER_B,
  policyBody,
  serviceBody,
} from '../helpers/fixtures.js'

/*
 * One major hazard walked through the whole closed loop of SPEC §4.4, as the regulators of
 * its city and of another city see it, on a clock the test moves.
 */

const fake = createFakeClock('2026-03-10T09:00:00+08:00')
const UNIT = creditCode(1)
const HAZARD = `/api/v1/insurers/${INSURER_A}/hazards/H-LOOP-1`

let t: TestApp
let insurer: TestClient
let otherInsurer: TestClient
let nanning: TestClient
let liuzhou: TestClient

async function put(kind: string, key: string, body: object, client = insurer) {
  const response = await request(t.app.server)
    .put(`/api/v1/insurers/${client.insurerCode}/${kind}/${key}`)
    .set('authorization', `Bearer ${await tokenAt(t, fake, client)}`)
    .send(body)
  return response
}

async function get(path: string, client: TestClient) {
  return request(t.app.server)
    .get(path)
    .set('authorization', `Bearer ${await tokenAt(t, fake, client)}`)
}

async function writeHazard(at: string, fields: Record<string, unknown>) {
  fake.set(at)
  const response = await put(
    'hazards',
    'H-LOOP-1',
    hazardBody('H-LOOP-1', 'S-INSP-1', 'P-1', fields),
  )
  expect(response.status, response.text).toBeLessThan(300)
  return response.body
}

async function derivedAt(at: string) {
  fake.set(at)
  const response = await get(HAZARD, nanning)
  expect(response.status).toBe(200)
  return response.body.derived
}

async function overdueKeys(client: TestClient): Promise<string[]> {
  const response = await get('/api/v1/hazards?overdue=true&level=major', client)
  expect(response.status).toBe(200)
  return response.body.items.map((item: { hazardNo: string }) => item.hazardNo)
}

const assessment = (riskLevel: string, endedAt: string, fields: Record<string, unknown> = {}) => ({
  type: 'risk_assessment',
  inspection: undefined,
  riskAssessment: { riskLevel, basis: '安全风险分级管控评估' },
  startedAt: '2026-01-05T09:00:00+08:00',
  endedAt,
  ...fields,
})

beforeAll(async () => {
  t = await createTestApp({ clock: fake.clock, config: { rateLimitPerMinute: 1_000_000 } })
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  otherInsurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  nanning = await createClient(t, { role: 'regulator', regionCode: '450100' })
  liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })

  await put('policies', 'P-1', policyBody('P-1'))
  await put('services', 'S-INSP-1', serviceBody('S-INSP-1', 'P-1'))
})

afterAll(async () => {
  await t.close()
})

describe('the closed loop of one major hazard', () => {
  it('is found, and not yet late while the notice hours run', async () => {
    const found = await writeHazard('2026-03-10T11:00:00+08:00', {})

    expect(found.status).toBe('found')
    expect(found.derived).toEqual({ overdue: false, overdueUnreported: false, notifiedLate: false })
  })

  it('is seen by the regulator of its city and by no other', async () => {
    expect((await get(HAZARD, nanning)).status).toBe(200)

    const hidden = await get(HAZARD, liuzhou)
    expect(hidden.status).toBe(404)
    expect(hidden.body.code).toBe('not_found')

    const searched = await get('/api/v1/hazards?limit=1000', liuzhou)
    expect(searched.body.items).toEqual([])
  })

  it('is notified in writing to the principal the same day, with a deadline', async () => {
    const notified = await writeHazard('2026-03-10T16:00:00+08:00', {
      status: 'notified',
      notification: {
        notifiedAt: '2026-03-10T16:00:00+08:00',
        recipientRole: 'principal',
        recipientName: '张三',
        channel: 'written',
      },
      rectificationDeadline: '2026-03-31',
    })

    expect(notified.flags).toEqual([])
    expect(await derivedAt('2026-03-12T09:00:00+08:00')).toEqual({
      overdue: false,
      overdueUnreported: false,
      notifiedLate: false,
    })
  })

  it('is being rectified, still in time on the deadline day', async () => {
    const body = await current()
    await writeHazard('2026-03-15T09:00:00+08:00', { ...body, status: 'rectifying' })

    expect((await derivedAt('2026-03-31T23:59:59+08:00')).overdue).toBe(false)
    expect(await overdueKeys(nanning)).toEqual([])
  })

  it('becomes overdue the next day in China time, with no write at all', async () => {
    expect(await derivedAt('2026-04-01T00:00:00+08:00')).toEqual({
      overdue: true,
      overdueUnreported: false,
      notifiedLate: false,
    })
    expect(await overdueKeys(nanning)).toEqual(['H-LOOP-1'])
    expect(await overdueKeys(liuzhou)).toEqual([])

    const version = await get(HAZARD, insurer)
    expect(version.body.meta.version).toBe(3)
  })

  it('is reported to the authority within the grace days: never overdue-unreported', async () => {
    const body = await current()
    await writeHazard('2026-04-03T10:00:00+08:00', {
      ...body,
      authorityReport: {
        reportedAt: '2026-04-03T10:00:00+08:00',
        department: '南宁市应急管理局',
        documentNo: '南应急隐报〔2026〕12号',
      },
    })

    expect(await derivedAt('2026-04-06T09:00:00+08:00')).toMatchObject({
      overdue: true,
      overdueUnreported: false,
    })
  })

  it('is rectified, which ends the overdue', async () => {
    const body = await current()
    await writeHazard('2026-04-08T17:00:00+08:00', {
      ...body,
      status: 'rectified',
      rectification: {
        completedAt: '2026-04-08T16:00:00+08:00',
        measures: '更换可燃气体检测报警装置并联动切断阀',
        cost: '18000.00',
      },
    })

    expect((await derivedAt('2026-04-08T18:00:00+08:00')).overdue).toBe(false)
    expect(await overdueKeys(nanning)).toEqual([])
  })

  it('fails its verification and goes back to rectifying, overdue again', async () => {
    const body = await current()
    const back = await writeHazard('2026-04-09T11:00:00+08:00', {
      ...body,
      status: 'rectifying',
      verification: { verifiedAt: '2026-04-09T10:00:00+08:00', verifiedBy: '李工', passed: false },
    })

    expect(back.flags).toEqual(['verification_failed'])
    expect(back.derived).toMatchObject({ overdue: true, overdueUnreported: false })
    expect(await overdueKeys(nanning)).toEqual(['H-LOOP-1'])
  })

  it('is rectified again and closed once a verification passes', async () => {
    const { verification: _failed, ...body } = await current()
    await writeHazard('2026-04-15T17:00:00+08:00', {
      ...body,
      status: 'rectified',
      rectification: {
        completedAt: '2026-04-15T16:00:00+08:00',
        measures: '增设独立报警回路并完成联调',
        cost: '6000.00',
      },
    })
    const closed = await writeHazard('2026-04-16T11:00:00+08:00', {
      ...(await current()),
      status: 'closed',
      verification: { verifiedAt: '2026-04-16T10:00:00+08:00', verifiedBy: '李工', passed: true },
    })

    expect(closed.status).toBe('closed')
    expect(closed.flags).toEqual([])
    expect(closed.derived).toEqual({
      overdue: false,
      overdueUnreported: false,
      notifiedLate: false,
    })
  })

  it('keeps every step as a version, readable by the regulator of its city only', async () => {
    const versions = await get(`${HAZARD}/versions`, nanning)
    const statuses = []
    for (const { version } of versions.body.items as Array<{ version: number }>) {
      statuses.push((await get(`${HAZARD}/versions/${version}`, nanning)).body.status)
    }

    expect(statuses).toEqual([
      'found',
      'notified',
      'rectifying',
      'rectifying',
      'rectified',
      'rectifying',
      'rectified',
      'closed',
    ])
    expect((await get(`${HAZARD}/versions`, liuzhou)).status).toBe(404)
  })

  it('refuses to reopen the closed hazard', async () => {
    fake.set('2026-04-20T09:00:00+08:00')
    const body = { ...(await current()), status: 'rectifying' }
    const response = await put('hazards', 'H-LOOP-1', body)

    expect(response.status).toBe(422)
    expect(response.body.errors[0]).toMatchObject({ code: 'status_move_not_allowed' })
  })
})

describe('GET /api/v1/enterprises/{creditCode}', () => {
  const enterprise = `/api/v1/enterprises/${UNIT}`

  beforeAll(async () => {
    fake.set('2026-05-01T09:00:00+08:00')
    await put(
      'services',
      'S-RISK-1',
      serviceBody('S-RISK-1', 'P-1', assessment('medium', '2026-01-20T17:00:00+08:00')),
    )
    await put(
      'services',
      'S-RISK-2',
      serviceBody('S-RISK-2', 'P-1', assessment('high', '2026-03-05T17:00:00+08:00')),
    )
    const later = { status: 'in_progress', endedAt: undefined, insuredConfirmation: undefined }
    await put('services', 'S-RISK-3', serviceBody('S-RISK-3', 'P-1', assessment('low', '', later)))
    const voided = { voided: true, voidReason: '评估对象录入错误' }
    await put(
      'services',
      'S-RISK-4',
      serviceBody('S-RISK-4', 'P-1', assessment('low', '2026-04-01T17:00:00+08:00', voided)),
    )

    await put('policies', 'P-B-1', policyBody('P-B-1'), otherInsurer)
    await put(
      'services',
      'S-B-RISK-1',
      serviceBody('S-B-RISK-1', 'P-B-1', assessment('low', '2026-02-01T17:00:00+08:00')),
      otherInsurer,
    )

    const open = hazardBody('H-OPEN-1', 'S-INSP-1', 'P-1', {
      level: 'general',
      criterion: undefined,
      foundAt: '2026-04-28T10:00:00+08:00',
    })
    await put('hazards', 'H-OPEN-1', open)
    const withdrawn = { ...open, hazardNo: 'H-VOID-1', voided: true, voidReason: '重复录入' }
    await put('hazards', 'H-VOID-1', withdrawn)
  })

  it("gives the city's regulator each insurer's risk class and the open hazards", async () => {
    const response = await get(enterprise, nanning)

    expect(response.status).toBe(200)
    expect(response.body.riskClasses).toEqual([
      {
        insurerCode: INSURER_A,
        riskLevel: 'high',
        serviceNo: 'S-RISK-2',
        assessedAt: '2026-03-05T17:00:00.000+08:00',
      },
      {
        insurerCode: INSURER_B,
        riskLevel: 'low',
        serviceNo: 'S-B-RISK-1',
        assessedAt: '2026-02-01T17:00:00.000+08:00',
      },
    ])
    expect(response.body.openHazards.map((h: { hazardNo: string }) => h.hazardNo)).toEqual([
      'H-OPEN-1',
    ])
    expect(response.body.openHazards[0].derived).toEqual({
      overdue: false,
      overdueUnreported: false,
      notifiedLate: false,
    })
  })

  it('gives an insurer only its own risk class and hazards', async () => {
    const response = await get(enterprise, otherInsurer)

    expect(response.status).toBe(200)
    expect(response.body.riskClasses.map((c: { serviceNo: string }) => c.serviceNo)).toEqual([
      'S-B-RISK-1',
    ])
    expect(response.body.openHazards).toEqual([])
  })

  it('dates an assessment without an end by its start', async () => {
    const done = assessment('medium', '', {
      endedAt: undefined,
      startedAt: '2026-04-20T09:00:00+08:00',
    })
    await put('services', 'S-RISK-5', serviceBody('S-RISK-5', 'P-1', done))
    const response = await get(enterprise, insurer)

    expect(response.body.riskClasses).toEqual([
      {
        insurerCode: INSURER_A,
        riskLevel: 'medium',
        serviceNo: 'S-RISK-5',
        assessedAt: '2026-04-20T09:00:00.000+08:00',
      },
    ])
  })

  it('hides the enterprise from the regulator of another city', async () => {
    const response = await get(enterprise, liuzhou)

    expect(response.status).toBe(404)
  })
})

/** The hazard as stored now, without what the platform adds. */
async function current(): Promise<Record<string, unknown>> {
  const response = await get(HAZARD, insurer)
  const { meta: _meta, derived: _derived, flags: _flags, ...body } = response.body
  return body
}
