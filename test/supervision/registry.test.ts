import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { adminAuthorization, createClient, runAuthMatrix } from '../helpers/auth.js'
import { creditCode } from '../helpers/fixtures.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 1_000_000 } })
}, 120_000)

afterAll(async () => {
  await t.close()
})

const PATH = '/api/v1/admin/registry/enterprises'
const csvHeader = 'creditCode,name,regionCode,industry'

function putCsv(text: string) {
  return request(t.app.server)
    .put(PATH)
    .set('authorization', adminAuthorization(t))
    .set('content-type', 'text/csv; charset=utf-8')
    .send(text)
}

function putJson(body: object) {
  return request(t.app.server).put(PATH).set('authorization', adminAuthorization(t)).send(body)
}

async function list(query = '') {
  const response = await request(t.app.server)
    .get(`${PATH}${query}`)
    .set('authorization', adminAuthorization(t))
  expect(response.status).toBe(200)
  return response.body
}

const unit = (n: number, overrides: Record<string, string> = {}) => ({
  creditCode: creditCode(n),
  name: `广西某企业 ${n}`,
  regionCode: '450102',
  industry: 'mine',
  ...overrides,
})

describe('PUT /api/v1/admin/registry/enterprises', () => {
  it('replaces the registry from CSV, quoted fields and a byte-order mark included', async () => {
    const csv =
      `\uFEFF${csvHeader}\r\n` +
      `${creditCode(1)},"南宁市某化工有限公司, 二分厂",450102,hazardous_chemicals\r\n` +
      `${creditCode(2)},"柳州市""某""建筑公司",450202,construction\r\n`
    const response = await putCsv(csv)

    expect(response.status).toBe(200)
    expect(response.body).toEqual({ count: 2, importedAt: expect.stringMatching(/\+08:00$/) })
    const page = await list()
    expect(page.items.map((i: { name: string }) => i.name)).toEqual([
      '南宁市某化工有限公司, 二分厂',
      '柳州市"某"建筑公司',
    ])
  })

  it('takes the columns in any order', async () => {
    const csv = `industry,regionCode,name,creditCode\nfireworks,450103,某烟花厂,${creditCode(3)}\n`
    const response = await putCsv(csv)

    expect(response.status).toBe(200)
    expect((await list()).items).toEqual([
      {
        ...unit(3, { name: '某烟花厂', regionCode: '450103', industry: 'fireworks' }),
        importedAt: expect.any(String),
      },
    ])
  })

  it('rejects every bad row with its line and keeps the registry as it was', async () => {
    const before = await list()
    const bad = `${creditCode(5).slice(0, 17)}0`
    const csv = [
      csvHeader,
      `${creditCode(4)},好单位,450102,mine`,
      `${bad},校验码错,450102,mine`,
      `${creditCode(6)},,450100,mine`,
      '',
      `${creditCode(7)},外省单位,440103,farming`,
      `${creditCode(4)},重复单位,450102,mine`,
      `${creditCode(8)},少一列,450102`,
    ].join('\n')
    const response = await putCsv(csv)

    expect(response.status).toBe(422)
    expect(response.body.code).toBe('rule_violation')
    expect(response.body.detail).toBe('5 行未通过校验，企业名录未作任何更改')
    expect(
      response.body.errors.map((e: { path: string; code: string }) => [e.path, e.code]),
    ).toEqual([
      ['/lines/3/creditCode', 'credit_code_checksum'],
      ['/lines/4/name', 'required'],
      ['/lines/4/regionCode', 'region_not_county'],
      ['/lines/6/regionCode', 'region_unknown'],
      ['/lines/6/industry', 'invalid_value'],
      ['/lines/7/creditCode', 'duplicate_entry'],
      ['/lines/8', 'invalid'],
    ])
    expect(await list()).toEqual(before)
  })

  it('accepts an allow-listed pilot-era credit code', async () => {
    const pilot = `${creditCode(9).slice(0, 17)}0`
    const allow = await request(t.app.server)
      .put(`/api/v1/admin/credit-code-allowlist/${pilot}`)
      .set('authorization', adminAuthorization(t))
      .send({ reason: '试点期代码' })
    expect(allow.status).toBeLessThan(300)

    const response = await putJson({ enterprises: [unit(9, { creditCode: pilot })] })

    expect(response.status).toBe(200)
  })

  it('refuses a CSV whose header is not the four fields', async () => {
    const response = await putCsv('creditCode,name,region,industry\n')

    expect(response.status).toBe(400)
    expect(response.body.errors).toEqual([
      { path: '/lines/1', code: 'invalid', message: expect.any(String) },
    ])
  })

  it('replaces the registry from JSON and rejects bad rows by index', async () => {
    const good = await putJson({ enterprises: [unit(10), unit(11, { regionCode: '451402' })] })
    expect(good.status).toBe(200)
    expect(good.body.count).toBe(2)

    const bad = await putJson({ enterprises: [unit(12), unit(13, { industry: 'farming' })] })
    expect(bad.status).toBe(422)
    expect(bad.body.errors).toEqual([
      { path: '/enterprises/1/industry', code: 'invalid_value', message: expect.any(String) },
    ])
    expect((await list()).items.map((i: { creditCode: string }) => i.creditCode)).toEqual([
      creditCode(10),
      creditCode(11),
    ])
  })

  it('refuses an unknown field in JSON', async () => {
    const response = await putJson({ enterprises: [{ ...unit(14), phone: '1' }] })

    expect(response.status).toBe(400)
    expect(response.body.errors[0].path).toBe('/enterprises/0/phone')
  })

  it('empties the registry with an empty list', async () => {
    expect((await putCsv(`${csvHeader}\n`)).body.count).toBe(0)
    expect((await list()).items).toEqual([])
  })

  it('parses CSV on this route only', async () => {
    const response = await request(t.app.server)
      .post('/api/v1/admin/clients')
      .set('authorization', adminAuthorization(t))
      .set('content-type', 'text/csv')
      .send('a,b\n')

    expect(response.status).toBe(415)
  })

  it('admits admins only', async () => {
    await runAuthMatrix(t, {
      method: 'PUT',
      url: PATH,
      body: { enterprises: [] },
      roles: ['admin'],
    })
  })
})

describe('GET /api/v1/admin/registry/enterprises', () => {
  it('pages through the registry by credit code', async () => {
    await putJson({ enterprises: [unit(22), unit(21), unit(23)] })

    const first = await list('?limit=2')
    const second = await list(`?limit=2&after=${first.nextAfter}`)

    expect(first.items.map((i: { creditCode: string }) => i.creditCode)).toEqual([
      creditCode(21),
      creditCode(22),
    ])
    expect(first.nextAfter).toBe(creditCode(22))
    expect(second).toEqual({
      items: [{ ...unit(23), importedAt: expect.stringMatching(/\+08:00$/) }],
      nextAfter: null,
    })
  })

  it('admits admins only', async () => {
    const regulator = await createClient(t, { role: 'regulator' })
    const response = await request(t.app.server)
      .get(PATH)
      .set('authorization', `Bearer ${await regulator.token()}`)
    expect(response.status).toBe(403)
  })
})
