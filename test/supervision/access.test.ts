import { afterAll, beforeAll, describe, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { runAuthMatrix } from '../helpers/auth.js'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 1_000_000 } })
}, 120_000)

afterAll(async () => {
  await t.close()
})

const views = [
  '/api/v1/supervision/prevention-spend?year=2026',
  '/api/v1/supervision/hazards?year=2026',
  '/api/v1/supervision/overview?year=2026',
  '/api/v1/supervision/coverage?year=2026',
  '/api/v1/supervision/insurer-evaluation?year=2026',
]

describe('who may read the supervision views', () => {
  it.each(views)('admits regulators and admins to %s, never insurers', async (url) => {
    await runAuthMatrix(t, { method: 'GET', url, roles: ['regulator', 'admin'] })
  })
})

describe('who may read the change feed and exports', () => {
  it.each(['/api/v1/changes', '/api/v1/exports/policies'])(
    'admits every role to %s',
    async (url) => {
      await runAuthMatrix(t, { method: 'GET', url, roles: ['insurer', 'regulator', 'admin'] })
    },
  )
})
