import { performance } from 'node:perf_hooks'
import type { BenchClient } from './client.js'
import { createPolicyNumbers, policyBody } from './policies.js'

/**
 * POSTs `count` batches of `size` new policies one after another and times each from the first
 * byte sent to the last byte of the answer. Every item must come back `created`.
 */
export async function postBatches(
  url: string,
  client: BenchClient,
  options: { count: number; size: number },
): Promise<number[]> {
  const nextKey = createPolicyNumbers()
  const target = `${url}/api/v1/insurers/${client.insurerCode}/batches`
  const times: number[] = []

  for (let i = 0; i < options.count; i++) {
    const items = Array.from({ length: options.size }, () => {
      const key = nextKey()
      return { kind: 'policies', key, record: policyBody(key) }
    })
    const body = JSON.stringify({ items })

    const started = performance.now()
    const response = await fetch(target, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${client.accessToken}`,
        'content-type': 'application/json',
      },
      body,
    })
    const answer = await response.text()
    times.push(performance.now() - started)

    if (response.status !== 200) throw new Error(`batch answered ${response.status}: ${answer}`)
    const { results } = JSON.parse(answer) as { results: Array<{ status: string }> }
    const created = results.filter((r) => r.status === 'created').length
    if (created !== options.size) throw new Error(`batch created ${created} of ${options.size}`)
  }
  return times
}

/** Times `count` runs of `task`, one after another. */
export async function timeSequentially(task: () => Promise<void>, count: number) {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await task()
    times.push(performance.now() - started)
  }
  return times
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
