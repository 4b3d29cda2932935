import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, runAuthMatrix, type TestClient } from '../helpers/auth.js'
import { claimBody, creditCode, INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurerA: TestClient
let insurerB: TestClient
let province: TestClient

const UNIT = creditCode(700)
const OTHER_UNIT = creditCode(701)

/** The insured unit as one insurer reports it. */
function insured(name: string, regionCode: string, creditCodeOfUnit = UNIT) {
  return {
    ...(policyBody('x').insured as object),
    creditCode: creditCodeOfUnit,
    name,
    regionCode,
  }
}

async function put(client: TestClient, kind: string, key: string, body: object) {
  const response = await request(t.app.server)
    .put(`/api/v1/insurers/${client.insurerCode}/${kind}/${key}`)
    .set('authorization', `Bearer ${await client.token()}`)
    .send(body)
  expect(response.status).toBeLessThan(300)
  return response
}

async function get(path: string, client: TestClient) {
  return request(t.app.server)
    .get(path)
    .set('authorization', `Bearer ${await client.token()}`)
}

/** The fields of the enterprise view this file is about (others are tested elsewhere). */
async function enterprise(client: TestClient, code = UNIT) {
  const response = await get(`/api/v1/enterprises/${code}`, client)
  const { creditCode: unit, insured: unitInsured, policies, claims } = response.body
  return {
    status: response.status,
    body: { creditCode: unit, insured: unitInsured, policies, claims },
  }
}

const read = (client: TestClient, insurerCode: string, kind: string, key: string) =>
  get(`/api/v1/insurers/${insurerCode}/${kind}/${key}`, client).then((r) => r.body)

beforeAll(async () => {
  t = await createTestApp()
  insurerA = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  insurerB = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  province = await createClient(t, { role: 'regulator', regionCode: '450000' })

  await put(
    insurerA,
    'policies',
    'E-A-1',
    policyBody('E-A-1', { insured: insured('甲化工有限公司', '450102') }),
  )
  await put(insurerA, 'claims', 'EC-A-1', claimBody('EC-A-1', 'E-A-1'))
  await put(
    insurerA,
    'policies',
    'E-OTHER-1',
    policyBody('E-OTHER-1', { insured: insured('乙公司', '450102', OTHER_UNIT) }),
  )
  await put(insurerA, 'claims', 'EC-OTHER-1', claimBody('EC-OTHER-1', 'E-OTHER-1'))
  // Later, another insurer covers the unit's site in Liuzhou, under its new name.
  await put(
    insurerB,
    'policies',
    'E-B-1',
    policyBody('E-B-1', { insured: insured('甲化工股份有限公司', '450202') }),
  )
  await put(insurerB, 'claims', 'EC-B-1', claimBody('EC-B-1', 'E-B-1'))
})

afterAll(async () => {
  await t.close()
})

describe('GET /api/v1/enterprises/{creditCode}', () => {
  it('shows a province regulator the unit across insurers, as last reported', async () => {
    const answer = await enterprise(province)

    expect(answer).toEqual({
      status: 200,
      body: {
        creditCode: UNIT,
        insured: insured('甲化工股份有限公司', '450202'),
        policies: [
          await read(province, INSURER_B, 'policies', 'E-B-1'),
          await read(province, INSURER_A, 'policies', 'E-A-1'),
        ],
        claims: [
          await read(province, INSURER_B, 'claims', 'EC-B-1'),
          await read(province, INSURER_A, 'claims', 'EC-A-1'),
        ],
      },
    })
  })

  it('shows an insurer only its own policies and claims of the unit', async () => {
    const answer = await enterprise(insurerA)

    expect(answer).toEqual({
      status: 200,
      body: {
        creditCode: UNIT,
        insured: insured('甲化工有限公司', '450102'),
        policies: [await read(insurerA, INSURER_A, 'policies', 'E-A-1')],
        claims: [await read(insurerA, INSURER_A, 'claims', 'EC-A-1')],
      },
    })
  })

  it('shows a city regulator only what lies in its city', async () => {
    const liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })
    const answer = await enterprise(liuzhou)

    expect(answer.body.insured).toEqual(insured('甲化工股份有限公司', '450202'))
    expect(answer.body.policies.map((p: { policyNo: string }) => p.policyNo)).toEqual(['E-B-1'])
    expect(answer.body.claims.map((c: { claimNo: string }) => c.claimNo)).toEqual(['EC-B-1'])
  })

  it('takes the unit from the policy written last', async () => {
    const renamed = insured('甲化工有限公司', '450102')
    await put(
      insurerA,
      'policies',
      'E-A-1',
      policyBody('E-A-1', { insured: renamed, remarks: '更正' }),
    )

    const answer = await enterprise(province)
    expect(answer.body.insured).toEqual(renamed)
    expect(answer.body.policies.map((p: { policyNo: string }) => p.policyNo)).toEqual([
      'E-A-1',
      'E-B-1',
    ])
  })

  it('answers 404 when the caller may see none of the unit', async () => {
    const guilin = await createClient(t, { role: 'regulator', regionCode: '450300' })
    const stranger = await createClient(t, { role: 'insurer' })

    for (const [client, code] of [
      [guilin, UNIT],
      [stranger, UNIT],
      [province, creditCode(702)],
    ] as const) {
      const response = await get(`/api/v1/enterprises/${code}`, client)
      expect([response.status, response.body.code]).toEqual([404, 'not_found'])
    }
  })

  it('refuses a malformed credit code with 400', async () => {
    const response = await get('/api/v1/enterprises/not-a-code', province)

    expect([response.status, response.body.code]).toEqual([400, 'validation_failed'])
  })

  it('refuses every faulty token and admits every role', async () => {
    await runAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/enterprises/${UNIT}`,
      roles: ['regulator', 'insurer', 'admin'],
      isAdmitted: (response) => response.status === 200 || response.status === 404,
    })
  })
})
