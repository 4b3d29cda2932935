import type { FieldErrorCode } from './field-messages.js'

/**
 * One failing field. `path` is a JSON Pointer into the request part that failed (`/insured/name`,
 * or `/query/limit`); the message is rendered in the caller's language when answered.
 */
export interface FieldError {
  path: string
  code: FieldErrorCode
  params?: Record<string, string | number>
}

export function fieldError(
  path: string,
  code: FieldErrorCode,
  params?: Record<string, string | number>,
): FieldError {
  return params ? { path, code, params } : { path, code }
}
