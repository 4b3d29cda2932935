import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import {
  type RejectedSubmission,
  recordRejectedSubmissions,
} from '../../storage/submission-store.js'

const SINGLE_WRITE = /^\/api\/v1\/insurers\/:insurerCode\/([a-z-]+)\/:key$/
const BATCH_WRITE = '/api/v1/insurers/:insurerCode/batches'

/** Keys are the insurer's own; a refused one may be anything, so only its start is kept. */
const MAX_KEY_LENGTH = 64

type Refused = Omit<RejectedSubmission, 'insurerCode' | 'clientId' | 'requestId'>

/**
 * Counts record writes the platform refuses, for the yearly evaluation of insurers (SPEC §6:
 * rejected-submission rate): a single write answered 400 or 422, and each rejected item of a
 * batch. Dry runs (integrators testing their mapping) and idempotent replays do not count.
 * The count is stored after the answer is sent, so that it never delays or fails a write.
 */
export function registerSubmissionTracking(app: FastifyInstance, context: AppContext): void {
  const refusals = new WeakMap<FastifyRequest, Refused[]>()

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.principal?.role !== 'insurer' || isReplayOrDryRun(request, reply)) return payload
    const refused = refusedItems(request, reply.statusCode, payload)
    if (refused.length > 0) refusals.set(request, refused)
    return payload
  })

  app.addHook('onResponse', async (request) => {
    const refused = refusals.get(request)
    const principal = request.principal
    if (!refused || principal?.role !== 'insurer') return

    const rows = refused.map((item) => ({
      ...item,
      key: item.key.slice(0, MAX_KEY_LENGTH),
      insurerCode: principal.insurerCode,
      clientId: principal.clientId,
      requestId: request.id,
    }))
    try {
      await recordRejectedSubmissions(context.db, rows)
    } catch (error) {
      request.log.warn({ err: error }, 'rejected submissions not counted')
    }
  })
}

function isReplayOrDryRun(request: FastifyRequest, reply: FastifyReply): boolean {
  const query = request.query as { dryRun?: unknown } | undefined
  return reply.getHeader('idempotent-replayed') === 'true' || String(query?.dryRun) === 'true'
}

function refusedItems(request: FastifyRequest, status: number, payload: unknown): Refused[] {
  const url = request.routeOptions.url ?? ''
  const single = request.method === 'PUT' ? SINGLE_WRITE.exec(url) : null
  if (single?.[1] && (status === 400 || status === 422)) {
    const key = String((request.params as { key?: unknown }).key ?? '')
    return [{ kind: single[1], key }]
  }
  if (url !== BATCH_WRITE || request.method !== 'POST' || typeof payload !== 'string') return []

  const answer = parseJson(payload)
  if (status === 200) return rejectedResults(answer)
  if (status === 400 || status === 422) return failedItems(request.body, answer)
  return []
}

/** A batch answered 200: its results say which items were rejected. */
function rejectedResults(answer: unknown): Refused[] {
  const results = (answer as { results?: unknown } | undefined)?.results
  if (!Array.isArray(results)) return []
  return results
    .filter((result) => result?.status === 'rejected')
    .map((result) => ({ kind: String(result.kind), key: String(result.key) }))
}

/** A batch refused whole: the items named by its errors (`/items/3/record/…`) were refused. */
function failedItems(body: unknown, answer: unknown): Refused[] {
  const items = (body as { items?: unknown } | undefined)?.items
  const errors = (answer as { errors?: unknown } | undefined)?.errors
  if (!Array.isArray(items) || !Array.isArray(errors)) return []

  const indexes = new Set<number>()
  for (const error of errors) {
    const match = /^\/items\/(\d+)(\/|$)/.exec(String(error?.path ?? ''))
    if (match) indexes.add(Number(match[1]))
  }
  return [...indexes].flatMap((index) => {
    const item = items[index] as { kind?: unknown; key?: unknown } | undefined
    return item ? [{ kind: String(item.kind ?? ''), key: String(item.key ?? '') }] : []
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
