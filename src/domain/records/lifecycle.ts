import { type FieldError, fieldError } from '../errors/field-error.js'

/** Allowed moves of a status field: each status lists where it may go next. */
export type Lifecycle<Status extends string> = Record<Status, readonly Status[]>

/**
 * Checks a status change against a lifecycle. Staying put is always allowed (a correction of
 * other fields); anything not listed is a move backwards or sideways and is refused.
 */
export function checkStatusMove<Status extends string>(
  lifecycle: Lifecycle<Status>,
  from: Status,
  to: Status,
): FieldError[] {
  if (from === to || lifecycle[from]?.includes(to)) return []
  return [fieldError('/status', 'status_move_not_allowed', { from, to })]
}
