import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import {
  hazardBody,
  INSURER_A,
  INSURER_B,
  ledgerEntryBody,
  policyBody,
  serviceBody,
} from '../helpers/fixtures.js'

let t: TestApp
let insurer: TestClient
let otherInsurer: TestClient

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  otherInsurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  await put('policies', 'P-1', policyBody('P-1'))
  await put('policies', 'P-B-1', policyBody('P-B-1'), otherInsurer)
})

afterAll(async () => {
  await t.close()
})

const url = (kind: string, key: string, insurerCode = INSURER_A) =>
  `/api/v1/insurers/${insurerCode}/${kind}/${key}`

async function put(kind: string, key: string, body: unknown, client = insurer) {
  return request(t.app.server)
    .put(url(kind, key, client.insurerCode))
    .set('authorization', `Bearer ${await client.token()}`)
    .send(body as object)
}

const putService = (key: string, overrides: Record<string, unknown> = {}) =>
  put('services', key, serviceBody(key, 'P-1', overrides))

const training = {
  topics: ['major_hazard_criteria', 'accident_cases'],
  participants: 40,
  hours: 2.5,
  assessedCount: 38,
  passedCount: 36,
  followUp: { evaluatedAt: '2026-04-10T10:00:00+08:00', score: 86.5, findings: '掌握较好' },
}

/** One valid body of each type, with the object its type needs and no other. */
const typed: Array<[string, Record<string, unknown>]> = [
  ['training', { type: 'training', inspection: undefined, training }],
  [
    'emergency_drill',
    {
      type: 'emergency_drill',
      inspection: undefined,
      drill: {
        scenario: '储罐泄漏着火，全厂疏散',
        participants: 110,
        evacuationSeconds: 420,
        evaluation: { score: 80 },
      },
    },
  ],
  [
    'standardization',
    {
      type: 'standardization',
      inspection: undefined,
      standardization: { targetGrade: 'level2', achievedGrade: 'level2' },
    },
  ],
  [
    'risk_assessment',
    {
      type: 'risk_assessment',
      inspection: undefined,
      riskAssessment: {
        riskLevel: 'high',
        basis: '重大危险源辨识与评估',
        validUntil: '2027-03-10',
      },
    },
  ],
  ['technology', { type: 'technology', inspection: undefined }],
  ['other', { type: 'other', inspection: undefined }],
]

function errorsOf(response: request.Response) {
  return (response.body.errors ?? []).map((e: { path: string; code: string }) => [e.path, e.code])
}

describe('PUT /api/v1/insurers/{insurerCode}/services/{key}', () => {
  it('creates a hazard inspection and answers the stored record', async () => {
    const body = serviceBody('S-CREATE-1', 'P-1')
    const response = await putService('S-CREATE-1')

    expect(response.status).toBe(201)
    const { meta, receipt, ...rest } = response.body
    expect(rest).toEqual({ ...body, derived: {}, flags: [], warnings: [] })
    expect(meta).toMatchObject({ insurerCode: INSURER_A, version: 1 })
    expect(receipt).toMatchObject({ kind: 'services', key: 'S-CREATE-1', version: 1 })
  })

  it.each(typed)('accepts a %s service carrying the object of its type', async (type, fields) => {
    const response = await putService(`S-TYPE-${type}`, fields)

    expect(response.status).toBe(201)
    expect(response.body.type).toBe(type)
  })

  it('rejects a training without its training object', async () => {
    const response = await putService('S-NOOBJ-1', { type: 'training', inspection: undefined })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/training', 'required_when']])
  })

  it('rejects a hazard inspection that also carries the object of another type', async () => {
    const response = await putService('S-TWO-1', { training })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/training', 'not_allowed_when']])
  })

  it('rejects a technical service organisation without its credit code', async () => {
    const provider = { kind: 'technical_service_org', name: '某安全技术服务有限公司' }
    const response = await putService('S-ORG-1', { provider })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/provider/creditCode', 'required_when']])
  })

  it('accepts an expert without a credit code', async () => {
    const response = await putService('S-EXPERT-1', { provider: { kind: 'expert', name: '王工' } })

    expect(response.status).toBe(201)
    expect(response.body.flags).toEqual([])
  })

  it("rejects a provider's credit code that fails its check character", async () => {
    const provider = { kind: 'expert', name: '王工', creditCode: '91450100MA5K7B2X50' }
    const response = await putService('S-CODE-1', { provider })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/provider/creditCode', 'credit_code_checksum']])
  })

  it('rejects a completed service the insured unit has not confirmed', async () => {
    const response = await putService('S-CONFIRM-1', { insuredConfirmation: undefined })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/insuredConfirmation', 'required_when']])
  })

  it('accepts a service in progress without the confirmation', async () => {
    const response = await putService('S-CONFIRM-2', {
      status: 'in_progress',
      endedAt: undefined,
      insuredConfirmation: undefined,
    })

    expect(response.status).toBe(201)
  })

  it('rejects a service that ends before it starts', async () => {
    const response = await putService('S-END-1', { endedAt: '2026-03-10T08:59:59+08:00' })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/endedAt', 'before']])
  })

  it('accepts a service that ends at the moment it starts, in another offset', async () => {
    const response = await putService('S-END-2', { endedAt: '2026-03-10T01:00:00Z' })

    expect(response.status).toBe(201)
  })

  it('rejects a service whose policy belongs to another insurer', async () => {
    const response = await put('services', 'S-REF-1', serviceBody('S-REF-1', 'P-B-1'))

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/policyNo', 'reference_not_found']])
  })

  it.each([
    ['more passed than assessed', { passedCount: 39 }, '/training/passedCount'],
    ['more assessed than trained', { assessedCount: 41 }, '/training/assessedCount'],
    [
      'more passed than trained when none is said to be assessed',
      { assessedCount: undefined, passedCount: 41 },
      '/training/passedCount',
    ],
  ])('rejects a training with %s', async (_name, counts, path) => {
    const response = await putService('S-COUNT-1', {
      type: 'training',
      inspection: undefined,
      training: { ...training, ...counts },
    })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([[path, 'above_maximum']])
  })

  it('accepts a training where everyone trained was assessed and passed', async () => {
    const response = await putService('S-COUNT-2', {
      type: 'training',
      inspection: undefined,
      training: { ...training, assessedCount: 40, passedCount: 40 },
    })

    expect(response.status).toBe(201)
  })

  it.each([
    ['a training score above 100', 'training', { score: 100.5 }, '/training/followUp/score'],
    ['a satisfaction of 6', 'followUp', { satisfaction: 6 }, '/followUp/satisfaction'],
    ['a satisfaction of 0', 'followUp', { satisfaction: 0 }, '/followUp/satisfaction'],
  ])('rejects %s as a malformed body', async (_name, where, change, path) => {
    const fields =
      where === 'training'
        ? {
            type: 'training',
            inspection: undefined,
            training: { ...training, followUp: { ...training.followUp, ...change } },
          }
        : { followUp: { at: '2026-03-20T10:00:00+08:00', method: 'phone', ...change } }
    const response = await putService('S-SCORE-1', fields)

    expect(response.status).toBe(400)
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path)
  })

  it('accepts the extreme scores and satisfactions', async () => {
    const response = await putService('S-SCORE-2', {
      type: 'training',
      inspection: undefined,
      training: { ...training, followUp: { score: 0 } },
      followUp: { at: '2026-03-20T10:00:00+08:00', method: 'online', satisfaction: 1 },
    })

    expect(response.status).toBe(201)
  })

  it('flags a hazard inspection delivered by insurer staff, and stores it', async () => {
    const provider = { kind: 'insurer_staff', name: '赵六' }
    const response = await putService('S-STAFF-1', { provider })

    expect(response.status).toBe(201)
    expect(response.body.flags).toEqual(['inspection_by_insurer_staff'])
    expect(response.body.warnings).toEqual([
      {
        path: '/provider/kind',
        code: 'inspection_by_insurer_staff',
        message: expect.stringContaining('保险机构人员'),
      },
    ])
  })

  it('does not flag a training delivered by insurer staff', async () => {
    const response = await putService('S-STAFF-2', {
      type: 'training',
      inspection: undefined,
      training,
      provider: { kind: 'insurer_staff', name: '赵六' },
    })

    expect(response.body.flags).toEqual([])
  })

  it('moves a service forward from planned through in progress to completed', async () => {
    const early = { endedAt: undefined, insuredConfirmation: undefined }
    const statuses = [
      (await putService('S-LIFE-1', { ...early, status: 'planned' })).status,
      (await putService('S-LIFE-1', { ...early, status: 'in_progress' })).status,
      (await putService('S-LIFE-1')).status,
    ]

    expect(statuses).toEqual([201, 200, 200])
  })

  it('refuses to move a completed service back to in progress', async () => {
    await putService('S-LIFE-2')
    const response = await putService('S-LIFE-2', { status: 'in_progress' })

    expect(response.status).toBe(422)
    expect(response.body.errors[0]).toMatchObject({
      path: '/status',
      code: 'status_move_not_allowed',
    })
  })

  it('cancels a service in progress, and refuses to plan it again', async () => {
    const early = { endedAt: undefined, insuredConfirmation: undefined }
    await putService('S-LIFE-3', { ...early, status: 'in_progress' })
    const cancelled = await putService('S-LIFE-3', { ...early, status: 'cancelled' })
    const replanned = await putService('S-LIFE-3', { ...early, status: 'planned' })

    expect(cancelled.status).toBe(200)
    expect(replanned.status).toBe(422)
  })

  it('refuses to cancel a completed service', async () => {
    await putService('S-LIFE-4')
    const response = await putService('S-LIFE-4', { status: 'cancelled' })

    expect(response.status).toBe(422)
  })

  it('rejects a void without a reason', async () => {
    const response = await putService('S-VOID-1', { voided: true })

    expect(response.status).toBe(422)
    expect(errorsOf(response)).toEqual([['/voidReason', 'required_when']])
  })
})

describe('GET /api/v1/services', () => {
  it("finds services by type within the caller's region", async () => {
    await putService('S-SEARCH-1', typed[0]?.[1])
    const nanning = await createClient(t, { role: 'regulator', regionCode: '450100' })
    const liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })
    const search = async (client: TestClient) =>
      request(t.app.server)
        .get('/api/v1/services?type=training&limit=1000')
        .set('authorization', `Bearer ${await client.token()}`)

    const seen = await search(nanning)
    expect(seen.status).toBe(200)
    const keys = seen.body.items.map((item: { serviceNo: string }) => item.serviceNo)
    expect(keys).toContain('S-SEARCH-1')
    expect(seen.body.items.every((item: { type: string }) => item.type === 'training')).toBe(true)

    const unseen = await search(liuzhou)
    expect(unseen.body.items).toEqual([])
  })
})

describe('POST /api/v1/insurers/{insurerCode}/batches', () => {
  it('writes a policy, its inspection, a hazard and an expense in one atomic batch', async () => {
    const items = [
      { kind: 'policies', key: 'P-BATCH-1', record: policyBody('P-BATCH-1') },
      { kind: 'services', key: 'S-BATCH-1', record: serviceBody('S-BATCH-1', 'P-BATCH-1') },
      {
        kind: 'hazards',
        key: 'H-BATCH-1',
        record: hazardBody('H-BATCH-1', 'S-BATCH-1', 'P-BATCH-1', {
          foundAt: '2026-11-30T10:00:00+08:00',
        }),
      },
      {
        kind: 'ledger-entries',
        key: 'L-BATCH-1',
        record: ledgerEntryBody('L-BATCH-1', {
          kind: 'expense',
          serviceNo: 'S-BATCH-1',
          amount: '6000.00',
        }),
      },
    ]
    const response = await request(t.app.server)
      .post(`/api/v1/insurers/${INSURER_A}/batches`)
      .set('authorization', `Bearer ${await insurer.token()}`)
      .send({ atomic: true, items })

    expect(response.status).toBe(200)
    expect(response.body.results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'created',
      'created',
      'created',
    ])
  })
})
