import type { FastifyInstance } from 'fastify'
import { AppError } from '../../domain/errors/app-error.js'
import { type FieldError, fieldError } from '../../domain/errors/field-error.js'

/** Far deeper than any body of the contract (a batch item's principal is 5 levels down). */
export const MAX_BODY_DEPTH = 32
/** Enough to show an integrator the pattern; a body full of them needs no full list. */
const MAX_REPORTED = 100

/** U+0000 and unpaired surrogates: valid JSON, but PostgreSQL stores them in no text or jsonb. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what this pattern looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g')

/**
 * Refuses, before schema validation, bodies that are valid JSON but could not be stored or
 * processed: strings the database refuses, and nesting deep enough to exhaust the stack of the
 * recursive code behind (canonical JSON for receipts and idempotency, Ajv).
 */
export function registerBodyGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const errors = findUnsafeValues(request.body)
    if (errors.length > 0) throw new AppError('validation_failed', { errors })
  })
}

interface Visit {
  value: unknown
  depth: number
  /** Where the value sits; the path is spelled out only for a value that fails. */
  parent: Visit | undefined
  key: string
}

/**
 * Walks a parsed body (JSON, or the text of a CSV) with a stack of its own, so that a deep body
 * cannot overflow it.
 */
export function findUnsafeValues(body: unknown): FieldError[] {
  const errors: FieldError[] = []
  const pending: Visit[] = [{ value: body, depth: 0, parent: undefined, key: '' }]

  for (let visit = pending.pop(); visit && errors.length < MAX_REPORTED; visit = pending.pop()) {
    const { value, depth } = visit
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) errors.push(fieldError(pathOf(visit), 'invalid_characters'))
      continue
    }
    if (value === null || typeof value !== 'object') continue
    if (depth >= MAX_BODY_DEPTH) {
      errors.push(fieldError(pathOf(visit), 'too_deep', { limit: MAX_BODY_DEPTH }))
      continue
    }

    const keys = Object.keys(value)
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string
      const child = {
        value: (value as Record<string, unknown>)[key],
        depth: depth + 1,
        parent: visit,
        key,
      }
      if (UNSTORABLE.test(key)) errors.push(fieldError(pathOf(child), 'invalid_characters'))
      else pending.push(child)
    }
  }
  return errors
}

/** The JSON Pointer (RFC 6901) of a visit, with unstorable characters shown as U+FFFD. */
function pathOf(visit: Visit): string {
  const tokens: string[] = []
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent) {
    tokens.push(at.key.replace(/~/g, '~0').replace(/\//g, '~1').replace(UNSTORABLE_ALL, '\ufffd'))
  }
  return tokens
    .reverse()
    .map((token) => `/${token}`)
    .join('')
}
