import type { Readable } from 'node:stream'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNdjsonExport } from '../../src/domain/exports/ndjson-export.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClient, type TestClient } from '../helpers/auth.js'
import { creditCode, INSURER_A, INSURER_B, policyBody } from '../helpers/fixtures.js'

let t: TestApp
let insurerA: TestClient
let insurerB: TestClient
let liuzhou: TestClient
let province: TestClient

/** More than two export pages (1,000 rows each) of insurer A, a tenth of them in Liuzhou. */
const POLICIES_A = 2150
const POLICIES_B = 5

const policy = (n: number) => {
  const regionCode = n % 10 === 0 ? '450202' : '450102'
  const insured = { ...(policyBody('x').insured as object), creditCode: creditCode(n), regionCode }
  return policyBody(`EXP-${n}`, { insured, issueDate: n % 2 === 0 ? '2026-01-05' : '2025-12-20' })
}

async function writePolicies(client: TestClient, from: number, to: number) {
  for (let start = from; start < to; start += 1000) {
    const items = []
    for (let n = start; n < Math.min(start + 1000, to); n++) {
      items.push({ kind: 'policies', key: `EXP-${n}`, record: policy(n) })
    }
    const response = await request(t.app.server)
      .post(`/api/v1/insurers/${client.insurerCode}/batches`)
      .set('authorization', `Bearer ${await client.token()}`)
      .send({ atomic: true, items })
    if (response.status !== 200) throw new Error(`batch refused: ${response.text}`)
  }
}

beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 1_000_000 } })
  insurerA = await createClient(t, { role: 'insurer', insurerCode: INSURER_A })
  insurerB = await createClient(t, { role: 'insurer', insurerCode: INSURER_B })
  liuzhou = await createClient(t, { role: 'regulator', regionCode: '450200' })
  province = await createClient(t, { role: 'regulator', regionCode: '450000' })

  await writePolicies(insurerA, 0, POLICIES_A)
  await writePolicies(insurerB, POLICIES_A, POLICIES_A + POLICIES_B)
}, 300_000)

afterAll(async () => {
  await t.close()
})

async function exportAs(client: TestClient, query = '') {
  const response = await request(t.app.server)
    .get(`/api/v1/exports/policies${query}`)
    .set('authorization', `Bearer ${await client.token()}`)
    .buffer(true)
    .parse((res, done) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
      })
      res.on('end', () => done(null, text))
    })
  return { response, lines: String(response.body).split('\n').filter(Boolean) }
}

const keysOf = (lines: string[]) => lines.map((line) => JSON.parse(line).policyNo as string)

describe('GET /api/v1/exports/{kind}', () => {
  it('streams every record the caller may see as NDJSON, one view a line, in order', async () => {
    const { response, lines } = await exportAs(province)

    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8')
    expect(response.headers['content-length']).toBeUndefined()
    expect(response.headers['transfer-encoding']).toBe('chunked')
    expect(lines).toHaveLength(POLICIES_A + POLICIES_B)
    expect(keysOf(lines).slice(0, 3)).toEqual(['EXP-0', 'EXP-1', 'EXP-2'])
    expect(new Set(keysOf(lines)).size).toBe(lines.length)

    const first = JSON.parse(lines[0] ?? '{}')
    expect(first).toEqual({
      ...policy(0),
      meta: {
        insurerCode: INSURER_A,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        receivedBy: insurerA.clientId,
      },
      derived: {},
      flags: [],
    })
  })

  it('applies the search filters', async () => {
    const inLiuzhou = await exportAs(province, '?regionCode=450200')
    const ofB = await exportAs(province, `?insurerCode=${INSURER_B}`)
    const issued2026 = await exportAs(province, `?insurerCode=${INSURER_A}&year=2026`)

    expect(inLiuzhou.lines).toHaveLength(POLICIES_A / 10 + 1)
    expect(keysOf(ofB.lines)).toEqual(['EXP-2150', 'EXP-2151', 'EXP-2152', 'EXP-2153', 'EXP-2154'])
    expect(issued2026.lines).toHaveLength(POLICIES_A / 2)
  })

  it('keeps a regulator within its region and an insurer within its own records', async () => {
    const regulator = await exportAs(liuzhou)
    const insurer = await exportAs(insurerB)

    expect(regulator.lines).toHaveLength(POLICIES_A / 10 + 1)
    expect(keysOf(insurer.lines)).toHaveLength(POLICIES_B)
  })

  it('answers an empty export with no lines', async () => {
    const { response, lines } = await exportAs(province, '?regionCode=451400')

    expect(response.status).toBe(200)
    expect(lines).toEqual([])
  })

  it('takes no paging parameters', async () => {
    const response = await request(t.app.server)
      .get('/api/v1/exports/policies?limit=10')
      .set('authorization', `Bearer ${await province.token()}`)

    expect(response.status).toBe(400)
    expect(response.body.errors[0]).toMatchObject({ path: '/query/limit', code: 'unknown_field' })
  })
})

describe('createNdjsonExport', () => {
  const line = 'x'.repeat(1023)

  function pages(count: number) {
    const fetched: number[] = []
    const stream = createNdjsonExport(async (after) => {
      fetched.push(after)
      const page = after / 1000
      const lines = Array.from({ length: 1000 }, () => `${line}\n`)
      return { lines, nextAfter: page + 1 < count ? after + 1000 : undefined }
    })
    return { stream, fetched }
  }

  async function drain(stream: Readable): Promise<number> {
    let bytes = 0
    for await (const chunk of stream) bytes += (chunk as Buffer).length
    return bytes
  }

  it('reads a page only when the reader has drained the one before', async () => {
    const { stream, fetched } = pages(20)
    stream.pause()
    stream.read(0)
    await new Promise((resolve) => setTimeout(resolve, 50))

    // A page (1 MB) fills the buffer past its high-water mark: nothing more is read.
    expect(fetched).toEqual([0])

    expect(await drain(stream)).toBe(20 * 1000 * 1024)
    expect(fetched).toHaveLength(20)
  })

  it('ends after the last page, and an empty export at once', async () => {
    const { stream, fetched } = pages(1)

    expect(await drain(stream)).toBe(1000 * 1024)
    expect(fetched).toEqual([0])
    expect(await drain(createNdjsonExport(async () => ({ lines: [], nextAfter: undefined })))).toBe(
      0,
    )
  })

  it('fails the stream when a page cannot be read', async () => {
    const stream = createNdjsonExport(async () => {
      throw new Error('database gone')
    })

    await expect(drain(stream)).rejects.toThrow('database gone')
  })
})
