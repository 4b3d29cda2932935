import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../domain/errors/app-error.js'
import { canonicalJson, sha256Hex } from '../../domain/records/canonical.js'
import type { Database } from '../../storage/database.js'
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type StoredAnswer,
} from '../../storage/idempotency-store.js'

/** SPEC §3: answers are kept for at least 24 hours per client. */
const KEEP_HOURS = 24
/** A request still "in progress" after this long is taken to have died with its process. */
const LEASE_SECONDS = 120
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/
const KEPT_HEADERS = ['content-type', 'etag', 'location'] as const

export interface IdempotencyClaim {
  clientId: string
  key: string
  /** Set once the answer is stored (inside the write transaction, where there is one). */
  stored: boolean
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaim | undefined
  }
}

/**
 * `Idempotency-Key` on any authenticated POST (SPEC §3): the first answer is kept and a retry
 * with the same body gets it again, byte for byte, without doing the work twice.
 */
export function registerIdempotency(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest('idempotency', undefined)

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key']
    if (request.method !== 'POST' || key === undefined || !request.clientId) return
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('bad_request', {
        detail: {
          zh: 'Idempotency-Key 应为 1 至 255 个可见 ASCII 字符',
          en: 'Idempotency-Key must be 1 to 255 visible ASCII characters',
        },
      })
    }

    const claim = await claimIdempotencyKey(context.db, {
      clientId: request.clientId,
      key,
      requestHash: requestHash(request),
      now: context.clock(),
      leaseSeconds: LEASE_SECONDS,
      keepHours: KEEP_HOURS,
    })

    if (claim.state === 'mismatch') throw new AppError('idempotency_key_reused')
    if (claim.state === 'in_progress') throw new AppError('idempotency_in_progress')
    if (claim.state === 'replay') {
      const { status, headers, body } = claim.answer
      return reply.code(status).headers(headers).header('idempotent-replayed', 'true').send(body)
    }
    request.idempotency = { clientId: request.clientId, key, stored: false }
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency
    if (!claim) return payload

    // Released even when `stored`: an answer stored by a transaction whose commit then failed
    // was rolled back with it, and the key must not stay "in progress" for the whole lease.
    // The release leaves a committed answer alone.
    if (reply.statusCode >= 500 || reply.statusCode === 429) {
      await releaseIdempotencyKey(context.db, claim.clientId, claim.key)
    } else if (!claim.stored) {
      const answer = { status: reply.statusCode, headers: keptHeaders(reply.getHeaders()) }
      await completeIdempotencyKey(context.db, claim.clientId, claim.key, {
        ...answer,
        body: typeof payload === 'string' ? payload : String(payload ?? ''),
      })
    }
    claim.stored = true
    return payload
  })
}

/** Stores the answer inside the caller's transaction, with the writes it reports. */
export async function storeIdempotentAnswer(
  tx: Database,
  request: FastifyRequest,
  answer: StoredAnswer,
): Promise<void> {
  const claim = request.idempotency
  if (!claim) return
  await completeIdempotencyKey(tx, claim.clientId, claim.key, answer)
  claim.stored = true
}

function requestHash(request: FastifyRequest): string {
  return sha256Hex(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
}

function keptHeaders(headers: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {}
  for (const name of KEPT_HEADERS) {
    if (headers[name] !== undefined) kept[name] = String(headers[name])
  }
  return kept
}
