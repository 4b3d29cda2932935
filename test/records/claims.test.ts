import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, runAuthMatrix, type TestClient } from '../helpers/auth.js'
import { claimBody, INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurer: TestClient
let otherInsurer: TestClient

const POLICY = 'P-CLAIMS-1'

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  otherInsurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })

  await putPolicy(POLICY, policyBody(POLICY))
  await putPolicy('P-ONLY-B', policyBody('P-ONLY-B'), otherInsurer)
})

afterAll(async () => {
  await t.close()
})

const url = (kind: string, key: string, insurerCode = INSURER_A) =>
  `/api/v1/insurers/${insurerCode}/${kind}/${key}`

async function putPolicy(key: string, body: object, client = insurer) {
  const response = await request(t.app.server)
    .put(url('policies', key, client.insurerCode))
    .set('authorization', `Bearer ${await client.token()}`)
    .send(body)
  expect(response.status).toBeLessThan(300)
  return response
}

async function put(key: string, body: unknown, client = insurer) {
  return request(t.app.server)
    .put(url('claims', key))
    .set('authorization', `Bearer ${await client.token()}`)
    .send(body as object)
}

async function read(key: string, client: TestClient) {
  return request(t.app.server)
    .get(url('claims', key))
    .set('authorization', `Bearer ${await client.token()}`)
}

function errorsOf(response: request.Response): Array<[string, string]> {
  return response.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])
}

/** A claim whose accident had these casualties or this loss. */
function accidentClaim(key: string, accident: object) {
  const base = claimBody(key, POLICY)
  return { ...base, accident: { ...(base.accident as object), ...accident } }
}

describe('PUT /api/v1/insurers/{insurerCode}/claims/{key}', () => {
  it('creates a claim on its own policy and answers it with the derived grade', async () => {
    const body = claimBody('C-CREATE-1', POLICY)
    const response = await put('C-CREATE-1', body)

    expect(response.status).toBe(201)
    expect(response.headers.etag).toBe('"1"')
    const { meta, receipt, ...rest } = response.body
    expect(rest).toEqual({
      ...body,
      derived: { grade: 'general' },
      flags: [],
      warnings: [],
    })
    expect(meta).toEqual({
      insurerCode: INSURER_A,
      version: 1,
      createdAt: expect.stringMatching(/\+08:00$/),
      updatedAt: meta.createdAt,
      receivedBy: insurer.clientId,
    })
    expect(receipt).toMatchObject({ kind: 'claims', key: 'C-CREATE-1', version: 1 })
  })

  it('rejects a claim on a policy number that only another insurer holds', async () => {
    const response = await put('C-FOREIGN-1', claimBody('C-FOREIGN-1', 'P-ONLY-B'))

    expect(response.status).toBe(422)
    expect(response.body.code).toBe('rule_violation')
    expect(response.body.errors).toEqual([
      { path: '/policyNo', code: 'reference_not_found', message: expect.any(String) },
    ])
    expect((await read('C-FOREIGN-1', insurer)).status).toBe(404)
  })

  it('rejects a claim on a policy that was voided', async () => {
    await putPolicy('P-VOIDED-1', policyBody('P-VOIDED-1'))
    await putPolicy('P-VOIDED-1', policyBody('P-VOIDED-1', { voided: true, voidReason: '重复' }))
    const response = await put('C-VOIDED-1', claimBody('C-VOIDED-1', 'P-VOIDED-1'))

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/policyNo', 'reference_not_found']])
  })

  it.each([
    [
      'a report before the accident',
      { reportedAt: '2026-03-01T09:29:59+08:00' },
      [['/reportedAt', 'before']],
    ],
    [
      'a report before the accident written in another offset',
      { reportedAt: '2026-03-01T01:29:59Z' },
      [['/reportedAt', 'before']],
    ],
    [
      'a paid claim without amount and date',
      { status: 'paid' },
      [
        ['/paidAmount', 'required_when'],
        ['/paidAt', 'required_when'],
      ],
    ],
    [
      'a paid claim without its date',
      { status: 'paid', paidAmount: '50000.00' },
      [['/paidAt', 'required_when']],
    ],
    [
      'a paid claim without its amount',
      { status: 'paid', paidAt: '2026-04-01T10:00:00+08:00' },
      [['/paidAmount', 'required_when']],
    ],
    [
      'a declined claim without a reason',
      { status: 'declined' },
      [['/declineReason', 'required_when']],
    ],
    [
      'a payment before the accident',
      { status: 'paid', paidAmount: '1.00', paidAt: '2026-03-01T09:00:00+08:00' },
      [['/paidAt', 'before']],
    ],
    ['a key in the body unlike the path', { claimNo: 'OTHER' }, [['/claimNo', 'key_mismatch']]],
  ])('rejects %s with 422 naming the field', async (_name, overrides, expected) => {
    const response = await put('C-RULE-1', claimBody('C-RULE-1', POLICY, overrides))

    expect(response.status).toBe(422)
    expect(response.body.code).toBe('rule_violation')
    expect(errorsOf(response)).toEqual(expected)
    expect((await read('C-RULE-1', insurer)).status).toBe(404)
  })

  it.each([
    ['a report at the very instant of the accident', { reportedAt: '2026-03-01T01:30:00Z' }],
    [
      'a paid claim with amount and date',
      { status: 'paid', paidAmount: '50000.00', paidAt: '2026-04-01T10:00:00+08:00' },
    ],
    ['a declined claim with a reason', { status: 'declined', declineReason: '不属于保险责任' }],
    ['a withdrawn claim', { status: 'withdrawn' }],
  ])('accepts %s', async (name, overrides) => {
    const key = `C-OK-${name.replace(/\W+/g, '-')}`
    const response = await put(key, claimBody(key, POLICY, overrides))

    expect(response.status).toBe(201)
    expect(response.body.warnings).toEqual([])
  })

  it('follows the lifecycle forward from reported to paid', async () => {
    const steps = [
      { status: 'reported' },
      { status: 'registered' },
      { status: 'assessed' },
      { status: 'paid', paidAmount: '60000.00', paidAt: '2026-05-01T10:00:00+08:00' },
    ]
    const versions: number[] = []
    for (const step of steps) {
      const response = await put('C-LIFE-1', claimBody('C-LIFE-1', POLICY, step))
      expect(response.status).toBeLessThan(300)
      versions.push(response.body.meta.version)
    }
    expect(versions).toEqual([1, 2, 3, 4])
  })

  it.each([
    [
      'paid back to reported',
      { status: 'paid', paidAmount: '1.00', paidAt: '2026-05-01T10:00:00+08:00' },
      { status: 'reported' },
    ],
    ['registered back to reported', { status: 'registered' }, { status: 'reported' }],
    [
      'declined to registered',
      { status: 'declined', declineReason: '不属于保险责任' },
      { status: 'registered' },
    ],
    [
      'withdrawn to paid',
      { status: 'withdrawn' },
      { status: 'paid', paidAmount: '1.00', paidAt: '2026-05-01T10:00:00+08:00' },
    ],
  ])('refuses to move a claim from %s', async (name, from, to) => {
    const key = `C-BACK-${name.replace(/\W+/g, '-')}`
    expect((await put(key, claimBody(key, POLICY, from))).status).toBe(201)
    const response = await put(key, claimBody(key, POLICY, to))

    expect(response.status).toBe(422)
    expect(response.body.errors).toEqual([
      { path: '/status', code: 'status_move_not_allowed', message: expect.any(String) },
    ])
    expect((await read(key, insurer)).body.meta.version).toBe(1)
  })

  it.each([
    ['2 deaths', { deaths: 2 }, 'general'],
    ['3 deaths', { deaths: 3 }, 'larger'],
    ['9 deaths', { deaths: 9 }, 'larger'],
    ['10 deaths', { deaths: 10 }, 'major'],
    ['29 deaths', { deaths: 29 }, 'major'],
    ['30 deaths', { deaths: 30 }, 'extra_major'],
    ['9 serious injuries', { seriousInjuries: 9 }, 'general'],
    ['10 serious injuries', { seriousInjuries: 10 }, 'larger'],
    ['49 serious injuries', { seriousInjuries: 49 }, 'larger'],
    ['50 serious injuries', { seriousInjuries: 50 }, 'major'],
    ['99 serious injuries', { seriousInjuries: 99 }, 'major'],
    ['100 serious injuries', { seriousInjuries: 100 }, 'extra_major'],
    ['many minor injuries only', { seriousInjuries: 0, minorInjuries: 500 }, 'general'],
    ['a loss just under 10 million yuan', { directLoss: '9999999.99' }, 'general'],
    ['a loss of 10 million yuan', { directLoss: '10000000.00' }, 'larger'],
    ['a loss just under 50 million yuan', { directLoss: '49999999.99' }, 'larger'],
    ['a loss of 50 million yuan', { directLoss: '50000000' }, 'major'],
    ['a loss just under 100 million yuan', { directLoss: '99999999.99' }, 'major'],
    ['a loss of 100 million yuan', { directLoss: '100000000.00' }, 'extra_major'],
    [
      'the highest grade any measure reaches',
      { deaths: 3, seriousInjuries: 50, directLoss: '100000000' },
      'extra_major',
    ],
  ])('grades an accident with %s', async (name, accident, grade) => {
    const key = `C-GRADE-${name.replace(/\W+/g, '-')}`
    const response = await put(key, accidentClaim(key, accident))

    expect(response.status).toBe(201)
    expect(response.body.derived).toEqual({ grade })
    expect((await read(key, insurer)).body.derived).toEqual({ grade })
  })

  it('lands two concurrent first writes of one claim as versions 1 and 2', async () => {
    const [first, second] = await Promise.all([
      put('C-RACE-1', claimBody('C-RACE-1', POLICY, { reserve: '1.00' })),
      put('C-RACE-1', claimBody('C-RACE-1', POLICY, { reserve: '2.00' })),
    ])

    expect([first?.status, second?.status].sort()).toEqual([200, 201])
    const versions = await request(t.app.server)
      .get(`${url('claims', 'C-RACE-1')}/versions`)
      .set('authorization', `Bearer ${await insurer.token()}`)
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2])
  })

  it('regrades a claim when a later version reports more deaths', async () => {
    await put('C-REGRADE-1', accidentClaim('C-REGRADE-1', { deaths: 1 }))
    const response = await put('C-REGRADE-1', accidentClaim('C-REGRADE-1', { deaths: 12 }))

    expect(response.body.derived).toEqual({ grade: 'major' })
    const first = await request(t.app.server)
      .get(`${url('claims', 'C-REGRADE-1')}/versions/1`)
      .set('authorization', `Bearer ${await insurer.token()}`)
    expect(first.body.derived).toEqual({ grade: 'general' })
  })

  it('stores an accident before the policy period, answering and flagging the warning', async () => {
    const body = accidentClaim('C-OUTSIDE-1', { occurredAt: '2026-01-05T23:59:00+08:00' })
    const response = await put('C-OUTSIDE-1', { ...body, reportedAt: '2026-01-06T08:00:00+08:00' })

    expect(response.status).toBe(201)
    expect(response.body.flags).toEqual(['accident_outside_period'])
    expect(response.body.warnings).toEqual([
      {
        path: '/accident/occurredAt',
        code: 'accident_outside_period',
        message: '事故发生时间不在保险期间内',
      },
    ])
    expect((await read('C-OUTSIDE-1', insurer)).body.flags).toEqual(['accident_outside_period'])
  })

  it('judges the policy period by the day in China, whatever the offset sent', async () => {
    // 2027-01-05 16:30 UTC is already 2027-01-06 in Guangxi: the day after the period ends.
    const late = accidentClaim('C-DAY-1', { occurredAt: '2027-01-05T16:30:00Z' })
    const lastDay = accidentClaim('C-DAY-2', { occurredAt: '2027-01-05T15:30:00Z' })
    const reportedAt = '2027-01-06T12:00:00+08:00'

    const outside = await put('C-DAY-1', { ...late, reportedAt })
    const inside = await put('C-DAY-2', { ...lastDay, reportedAt })

    expect(outside.body.flags).toEqual(['accident_outside_period'])
    expect(inside.body.flags).toEqual([])
  })

  it('answers warnings in English when asked', async () => {
    const body = accidentClaim('C-EN-1', { occurredAt: '2028-01-01T08:00:00+08:00' })
    const response = await request(t.app.server)
      .put(url('claims', 'C-EN-1'))
      .set('authorization', `Bearer ${await insurer.token()}`)
      .set('accept-language', 'en')
      .send({ ...body, reportedAt: '2028-01-01T09:00:00+08:00' })

    expect(response.body.warnings).toEqual([
      {
        path: '/accident/occurredAt',
        code: 'accident_outside_period',
        message: 'the accident happened outside the policy period',
      },
    ])
  })

  it('rejects money sent as a number and a negative death count, listing both', async () => {
    const body = accidentClaim('C-FORM-1', { deaths: -1 })
    const response = await put('C-FORM-1', { ...body, reserve: 80000 })

    expect(response.status).toBe(400)
    expect(errorsOf(response)).toEqual(
      expect.arrayContaining([
        ['/accident/deaths', 'out_of_range'],
        ['/reserve', 'invalid_money'],
      ]),
    )
  })

  it.each([
    ['a regulator', 'regulator'],
    ['an admin client', 'admin'],
  ] as const)('refuses a write by %s with 403: they do no business writes', async (_name, role) => {
    const client = await createClient(t, { role })
    const response = await put('C-NOBODY-1', claimBody('C-NOBODY-1', POLICY), client)

    expect([response.status, response.body.code]).toEqual([403, 'forbidden'])
    expect((await read('C-NOBODY-1', insurer)).status).toBe(404)
  })

  it('refuses every faulty token, regulators, admins and other insurers', async () => {
    await runAuthMatrix(t, {
      method: 'PUT',
      url: url('claims', 'C-AUTH-1'),
      body: claimBody('C-AUTH-1', POLICY),
      roles: ['insurer'],
      insurerCode: INSURER_A,
      otherInsurer: 403,
      isAdmitted: (response) => [200, 201].includes(response.status),
    })
  })
})

describe('GET /api/v1/insurers/{insurerCode}/claims/{key}', () => {
  let claimRead: request.Response

  beforeAll(async () => {
    // The accident happened in Liuzhou, but the insured unit is in Nanning: the policy decides.
    const body = accidentClaim('C-SCOPE-1', { regionCode: '450205' })
    await put('C-SCOPE-1', body)
    claimRead = await read('C-SCOPE-1', insurer)
  })

  it('answers the current version with its meta, grade and flags', async () => {
    expect(claimRead.status).toBe(200)
    expect(claimRead.headers.etag).toBe('"1"')
    const { meta, ...rest } = claimRead.body
    expect(rest).toEqual({
      ...accidentClaim('C-SCOPE-1', { regionCode: '450205' }),
      derived: { grade: 'general' },
      flags: [],
    })
    expect(meta.version).toBe(1)
  })

  it('shows the claim to regulators of the policy region, whatever the accident region', async () => {
    for (const regionCode of ['450000', '450100', '450102']) {
      const regulator = await createClient(t, { role: 'regulator', regionCode })
      const response = await read('C-SCOPE-1', regulator)
      expect([regionCode, response.status]).toEqual([regionCode, 200])
      expect(response.body).toEqual(claimRead.body)
    }
  })

  it('hides the claim from regulators of another city or county with 404', async () => {
    for (const regionCode of ['450200', '450205', '450103']) {
      const regulator = await createClient(t, { role: 'regulator', regionCode })
      const response = await read('C-SCOPE-1', regulator)
      expect([regionCode, response.status, response.body.code]).toEqual([
        regionCode,
        404,
        'not_found',
      ])
    }
  })

  it('hides the claim from another insurer with 404', async () => {
    const response = await read('C-SCOPE-1', otherInsurer)
    expect([response.status, response.body.code]).toEqual([404, 'not_found'])
  })

  it('moves the claim with its policy when the policy is corrected to another city', async () => {
    const insured = { ...(policyBody('x').insured as object), regionCode: '450202' }
    await putPolicy('P-MOVE-1', policyBody('P-MOVE-1'))
    await put('C-MOVE-1', claimBody('C-MOVE-1', 'P-MOVE-1'))
    await putPolicy('P-MOVE-1', policyBody('P-MOVE-1', { insured }))

    const liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })
    const nanning = await createClient(t, { role: 'regulator', regionCode: '450100' })
    expect((await read('C-MOVE-1', liuzhou)).status).toBe(200)
    expect((await read('C-MOVE-1', nanning)).status).toBe(404)
  })
})
