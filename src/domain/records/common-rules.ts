import { type FieldError, fieldError } from '../errors/field-error.js'
import type { RecordBody, Warning } from './kind.js'

/** `voided: true` needs a reason (SPEC §3: withdrawn with `voided` and a `voidReason`). */
export function checkVoiding(body: RecordBody): FieldError[] {
  if (body.voided === true && !body.voidReason) {
    return [fieldError('/voidReason', 'required_when', { field: 'voidReason', when: 'voided' })]
  }
  return []
}

/** A field that a status or kind makes mandatory. */
export function requireWhen(
  body: RecordBody,
  field: string,
  when: string,
  condition: boolean,
): FieldError[] {
  if (!condition || body[field] !== undefined) return []
  return [fieldError(`/${field}`, 'required_when', { field, when })]
}

export function warning(path: string, code: string, zh: string, en: string): Warning {
  return { path, code, message: { zh, en } }
}

/** Timestamps compared as instants, whatever their offsets. */
export function instant(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN
}
