import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { claimBody, INSURER_A, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurer: TestClient
let nanning: TestClient
let liuzhou: TestClient

beforeAll(async () => {
  t = await createTestApp()
  insurer = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  nanning = await createClient(t, { role: 'regulator', regionCode: '450100' })
  liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })
})

afterAll(async () => {
  await t.close()
})

const base = `/api/v1/insurers/${INSURER_A}`

async function send(path: string, body: object) {
  const response = await request(t.app.server)
    .put(`${base}${path}`)
    .set('authorization', `Bearer ${await insurer.token()}`)
    .send(body)
  expect(response.status).toBeLessThan(300)
}

async function status(client: TestClient, path: string) {
  const response = await request(t.app.server)
    .get(`${base}${path}`)
    .set('authorization', `Bearer ${await client.token()}`)
  return response.status
}

describe('scope inherited from the policy', () => {
  it('moves a claim to the city its policy moved to', async () => {
    const policy = policyBody('P-MOVE-1')
    await send('/policies/P-MOVE-1', policy)
    await send('/claims/C-MOVE-1', claimBody('C-MOVE-1', 'P-MOVE-1'))
    expect(await status(nanning, '/claims/C-MOVE-1')).toBe(200)
    expect(await status(liuzhou, '/claims/C-MOVE-1')).toBe(404)

    const insured = { ...(policy.insured as object), regionCode: '450202' }
    await send('/policies/P-MOVE-1', { ...policy, insured })

    expect(await status(nanning, '/claims/C-MOVE-1')).toBe(404)
    expect(await status(liuzhou, '/claims/C-MOVE-1')).toBe(200)
  })
})
