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
  /** Answers other than 201 Created, and connection errors: both must be zero. */
  failures: number
  statusCodes: Record<string, number>
}

/**
 * PUTs new policies, each with a key never used before, from `connections` keep-alive
 * connections for `durationS` seconds.
 */
export async function putNewPolicies(
  url: string,
  client: BenchClient,
  options: { connections: number; durationS: number },
): Promise<LoadFigures> {
  const nextKey = createPolicyNumbers()
  // The body is built once and the key spliced in, so the load generator spends little CPU.
  const [head, tail] = JSON.stringify(policyBody('@KEY@')).split('@KEY@')
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
          const key = nextKey()
          return { ...request, path: base + key, body: `${head}${key}${tail}` }
        },
      },
    ],
  })

  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]),
  )
  const created = statusCodes['201'] ?? 0
  return {
    requests: result.requests.total,
    durationS: result.duration,
    ratePerS: created / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    failures: result.requests.total - created + result.errors,
    statusCodes,
  }
}
