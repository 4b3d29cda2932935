import { sql } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../src/storage/database.js'
import { foldFigures } from '../../src/storage/supervision/figures-folding.js'
import { MAX_COMMISSION_RATE, SUBMISSION_DAYS } from '../../src/supervision/rules.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { creditCode, INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'
import { storedUnitFigures, unitsRecounted } from '../helpers/unit-figures.js'

/**
 * The views read running totals that triggers keep on every write (policy_figures,
 * service_figures, and unit_changes that the folder turns into unit_figures). These tests
 * change records in every way a writer can and check the views against figures worked out by
 * hand, before and after the totals are folded.
 */
let t: TestApp
let insurerA: TestClient
let insurerB: TestClient
let province: TestClient
let nanning: TestClient
let liuzhou: TestClient

const UNIT = creditCode(11)
const NANNING_COUNTY = '450102'
const LIUZHOU_COUNTY = '450202'

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 1_000_000 } })
  insurerA = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  insurerB = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  province = await createClient(t, { role: 'regulator', regionCode: '450000' })
  nanning = await createClient(t, { role: 'regulator', regionCode: '450100' })
  liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })
}, 120_000)

afterAll(async () => {
  await t.close()
})

function policy(policyNo: string, regionCode: string, overrides: Record<string, unknown> = {}) {
  const body = policyBody(policyNo, overrides)
  return { ...body, insured: { ...(body.insured as object), creditCode: UNIT, regionCode } }
}

async function putPolicy(client: TestClient, body: Record<string, unknown>) {
  const response = await request(t.app.server)
    .put(`/api/v1/insurers/${client.insurerCode}/policies/${body.policyNo}`)
    .set('authorization', `Bearer ${await client.token()}`)
    .send(body)
  expect(response.status, response.text).toBeLessThan(300)
}

async function overview(client: TestClient, query = '', year = 2026) {
  const response = await request(t.app.server)
    .get(`/api/v1/supervision/overview?year=${year}${query}`)
    .set('authorization', `Bearer ${await client.token()}`)
  expect(response.status, response.text).toBe(200)
  return response.body.items as Array<Record<string, unknown>>
}

/** The figures the tests follow, of each item. */
async function figuresOf(client: TestClient, query = '', year = 2026) {
  return (await overview(client, query, year)).map((item) => ({
    group: item.insurerCode ?? item.regionCode ?? item.industry,
    policies: item.policies,
    enterprisesCovered: item.enterprisesCovered,
    premium: item.premium,
  }))
}

describe('supervision figures kept on write', () => {
  it('counts a unit once in each group, however many policies it holds there', async () => {
    await putPolicy(insurerA, policy('F-1', NANNING_COUNTY))
    await putPolicy(
      insurerA,
      policy('F-2', LIUZHOU_COUNTY, { premium: '30000.00', premiumCollected: '30000.00' }),
    )

    expect(await figuresOf(province)).toEqual([
      { group: INSURER_A, policies: 2, enterprisesCovered: 1, premium: '66000.00' },
    ])
    expect(await figuresOf(province, '&groupBy=region')).toEqual([
      { group: '450100', policies: 1, enterprisesCovered: 1, premium: '36000.00' },
      { group: '450200', policies: 1, enterprisesCovered: 1, premium: '30000.00' },
    ])
    expect(await figuresOf(nanning)).toEqual([
      { group: INSURER_A, policies: 1, enterprisesCovered: 1, premium: '36000.00' },
    ])
  })

  it('moves the figures of a replaced policy to its new region and year', async () => {
    const cheaper = { premium: '12000.00', premiumCollected: '12000.00' }
    await putPolicy(insurerA, policy('F-2', NANNING_COUNTY, cheaper))

    expect(await figuresOf(province, '&groupBy=region')).toEqual([
      { group: '450100', policies: 2, enterprisesCovered: 1, premium: '48000.00' },
    ])
    expect(await figuresOf(liuzhou)).toEqual([])

    await putPolicy(
      insurerA,
      policy('F-2', NANNING_COUNTY, {
        ...cheaper,
        issueDate: '2025-12-30',
        periodStart: '2025-12-31',
        periodEnd: '2026-12-30',
      }),
    )
    expect(await figuresOf(nanning)).toEqual([
      { group: INSURER_A, policies: 1, enterprisesCovered: 1, premium: '36000.00' },
    ])
    expect(await figuresOf(nanning, '', 2025)).toEqual([
      { group: INSURER_A, policies: 1, enterprisesCovered: 1, premium: '12000.00' },
    ])
  })

  it('keeps every answer when the totals are folded', async () => {
    const queries = ['', '&groupBy=region', '&groupBy=industry']
    const before = await Promise.all(queries.map((query) => overview(province, query)))

    // The app folds in the background too, so this pass may find less (or nothing) to do.
    await foldFigures(t.database.handle.db)

    const after = await Promise.all(queries.map((query) => overview(province, query)))
    expect(after).toEqual(before)
    const rowsAfter = await figuresRows()
    expect(rowsAfter).toMatchObject({ unfolded: 0, empty: 0, policies: rowsAfter.policyKeys })
    expect(await storedUnitFigures(t.database.handle.db)).toEqual(
      await unitsRecounted(t.database.handle.db),
    )
  })

  it('takes a voided policy out of every figure, the unit with its last policy', async () => {
    const voided = { voided: true, voidReason: '重复录入' }
    await putPolicy(insurerA, policy('F-1', NANNING_COUNTY, voided))

    expect(await figuresOf(nanning)).toEqual([])
    expect(await figuresOf(nanning, '', 2025)).toEqual([
      { group: INSURER_A, policies: 1, enterprisesCovered: 1, premium: '12000.00' },
    ])
  })

  it('counts a unit once when its policies are written at the same time', async () => {
    const writes = Array.from({ length: 8 }, (_, i) =>
      putPolicy(insurerB, policy(`G-${i}`, LIUZHOU_COUNTY)),
    )
    await Promise.all(writes)
    await foldFigures(t.database.handle.db)
    expect(await storedUnitFigures(t.database.handle.db)).toEqual(
      await unitsRecounted(t.database.handle.db),
    )

    expect(await figuresOf(liuzhou)).toEqual([
      { group: INSURER_B, policies: 8, enterprisesCovered: 1, premium: '288000.00' },
    ])
    expect(await figuresOf(province, '&groupBy=industry')).toEqual([
      { group: 'hazardous_chemicals', policies: 8, enterprisesCovered: 1, premium: '288000.00' },
    ])
  })

  it('applies the same rule constants in the database as in the code', async () => {
    const [row] = await queryRows<{ days: number; rate: string }>(
      t.database.handle.db,
      sql`select azx_submission_days() as days, azx_max_commission_rate()::text as rate`,
    )
    expect(row).toEqual({ days: SUBMISSION_DAYS, rate: MAX_COMMISSION_RATE })
  })
})

async function figuresRows() {
  const [row] = await queryRows<Record<string, number>>(
    t.database.handle.db,
    sql`select (select count(*) from policy_figures)::int as policies,
               (select count(*) from policy_figures where not folded)::int
                 + (select count(*) from unit_changes)::int as unfolded,
               (select count(*) from (select distinct year, insurer_code, region_code, industry
                                      from policy_figures) k)::int as "policyKeys",
               (select count(*) from unit_figures where units <= 0)::int
                 + (select count(*) from unit_policies where policies <= 0)::int as empty`,
  )
  return row ?? {}
}
