import { type ProblemCode, problems } from './catalogue.js'
import type { FieldError } from './field-error.js'

export interface AppErrorOptions {
  /** A human sentence for `detail`, per language; the catalogue title is used when absent. */
  detail?: { zh: string; en: string }
  errors?: FieldError[]
  headers?: Record<string, string>
  cause?: unknown
}

/** An expected failure, thrown by any layer and answered as a problem document. */
export class AppError extends Error {
  readonly status: number
  readonly detail: { zh: string; en: string } | undefined
  readonly errors: FieldError[]
  readonly headers: Record<string, string>

  constructor(
    readonly code: ProblemCode,
    options: AppErrorOptions = {},
  ) {
    super(options.detail?.en ?? problems[code].en, { cause: options.cause })
    this.name = 'AppError'
    this.status = problems[code].status
    this.detail = options.detail
    this.errors = options.errors ?? []
    this.headers = options.headers ?? {}
  }
}

/** 422 with every failing field of a hard rule (SPEC §3). */
export function ruleViolation(errors: FieldError[]): AppError {
  return new AppError('rule_violation', { errors })
}
