import autocannon from 'autocannon'
import type { BenchClient } from './client.js'
import { createPolicyNumbers, policyBody } from './policies.js'

export interface LoadFigures {
  requests: number
  durationS: number
  ratePerS: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Answers other than the status expected, and connection errors: both must be zero. */
  failures: number
  statusCodes: Record<string, number>
}

interface LoadOptions {
  connections: number
  durationS: number
}

/**
 * PUTs new policies, each with a key never used before, from `connections` keep-alive
 * connections for `durationS` seconds; each key handed out is appended to `keys`, if given.
 */
export async function putNewPolicies(
  url: string,
  client: BenchClient,
  options: LoadOptions,
  keys?: string[],
): Promise<LoadFigures> {
  const nextKey = createPolicyNumbers()
  // The body is built once and the key spliced in, so the load generator spends little CPU.
  const [head, tail] = JSON.stringify(policyBody('@KEY@')).split('@KEY@')

  return putPolicies(url, client, options, 201, () => {
    const key = nextKey()
    keys?.push(key)
    return { key, body: `${head}${key}${tail}` }
  })
}

/**
 * PUTs a changed version of stored policies, going through `keys` again and again: each
 * write sends a premium collected that differs from the one stored, so each is a replacement.
 */
export async function replacePolicies(
  url: string,
  client: BenchClient,
  keys: string[],
  options: LoadOptions,
): Promise<LoadFigures> {
  if (keys.length === 0) throw new Error('no stored policies to replace')
  const [head, middle, tail] = JSON.stringify(
    policyBody('@KEY@', { premiumCollected: '@COLLECTED@' }),
  ).split(/@KEY@|@COLLECTED@/)
  let sent = 0

  return putPolicies(url, client, options, 200, () => {
    const key = keys[sent % keys.length] as string
    // 1.00, 2.00, … changes on every pass over the keys, and stays under the premium.
    const collected = `${1 + Math.floor(sent / keys.length)}.00`
    sent += 1
    return { key, body: `${head}${key}${middle}${collected}${tail}` }
  })
}

async function putPolicies(
  url: string,
  client: BenchClient,
  options: LoadOptions,
  expected: number,
  nextWrite: () => { key: string; body: string },
): Promise<LoadFigures> {
  const base = `/api/v1/insurers/${client.insurerCode}/policies/`
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationS,
    requests: [
      {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${client.accessToken}`,
          'content-type': 'application/json',
        },
        setupRequest(request) {
          const { key, body } = nextWrite()
          return { ...request, path: base + key, body }
        },
      },
    ],
  })

  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]),
  )
  const answered = statusCodes[String(expected)] ?? 0
  return {
    requests: result.requests.total,
    durationS: result.duration,
    ratePerS: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    failures: result.requests.total - answered + result.errors,
    statusCodes,
  }
}
