import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})

afterAll(async () => {
  await t.close()
})

describe('GET /api/v1/dictionaries', () => {
  it('lists every code table of the contract with both labels, without credentials', async () => {
    const response = await request(t.app.server).get('/api/v1/dictionaries')

    expect(response.status).toBe(200)
    const names = response.body.items.map((d: { name: string }) => d.name)
    expect(names).toEqual(
      expect.arrayContaining([
        'industries',
        'regions',
        'service-types',
        'accident-types',
        'hazard-levels',
        'hazard-criteria',
        'claim-statuses',
        'ledger-entry-kinds',
      ]),
    )
  })
})

describe('GET /api/v1/dictionaries/{name}', () => {
  it('answers one table, each code with its Chinese and English label', async () => {
    const response = await request(t.app.server).get('/api/v1/dictionaries/hazard-levels')

    expect(response.status).toBe(200)
    expect(response.body).toEqual({
      name: 'hazard-levels',
      title: { zh: expect.any(String), en: expect.any(String) },
      entries: [
        { code: 'major', zh: expect.stringContaining('重大'), en: expect.any(String) },
        { code: 'general', zh: expect.stringContaining('一般'), en: expect.any(String) },
      ],
    })
  })

  it('keeps the parent of each region so that the hierarchy can be rebuilt', async () => {
    const response = await request(t.app.server).get('/api/v1/dictionaries/regions')
    const nanningCounty = response.body.entries.find((e: { code: string }) => e.code === '450102')

    expect(nanningCounty).toEqual({
      code: '450102',
      zh: '兴宁区',
      en: expect.any(String),
      parent: '450100',
    })
  })

  it('answers 404 as a problem document for an unknown table', async () => {
    const response = await request(t.app.server).get('/api/v1/dictionaries/colours')

    expect(response.status).toBe(404)
    expect(response.body.code).toBe('not_found')
  })
})
