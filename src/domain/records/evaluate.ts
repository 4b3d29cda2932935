import { type FieldError, fieldError } from '../errors/field-error.js'
import { checkCreditCode } from '../values/credit-code.js'
import { checkRegionCode } from '../values/regions.js'
import { canonicalJson, sha256Hex } from './canonical.js'
import {
  type RecordBody,
  type RecordKind,
  type RuleContext,
  referenceId,
  type StoredRecord,
  type Warning,
} from './kind.js'
import type { RecordKindName } from './kinds.js'
import { recordKind } from './registry.js'

export interface WriteRequest {
  kind: RecordKindName
  key: string
  body: RecordBody
}

export interface EvaluationContext extends RuleContext {
  clientId: string
  /** Pilot-era credit codes an admin allow-listed (only those this write mentions). */
  allowListed: ReadonlySet<string>
}

/** The records a write can see: stored ones, and those written earlier in the same batch. */
export interface WorkingSet {
  get(kind: RecordKindName, key: string): StoredRecord | undefined
  put(record: StoredRecord): void
}

export type Evaluation =
  | { outcome: 'rejected'; errors: FieldError[] }
  | { outcome: 'unchanged'; record: StoredRecord; warnings: Warning[] }
  | {
      outcome: 'created' | 'replaced'
      record: StoredRecord
      previous: StoredRecord | undefined
      warnings: Warning[]
      columns: Record<string, unknown>
    }

/**
 * Runs every rule of SPEC §3 on one write against what is stored: the hard rules (a breach is
 * rejected whole) and then the supervisory ones (stored, and flagged). An accepted write is put
 * into the working set so that later items of a batch can refer to it.
 */
export function evaluateWrite(
  request: WriteRequest,
  state: WorkingSet,
  context: EvaluationContext,
): Evaluation {
  const kind = recordKind(request.kind)
  const { body } = request

  const errors = [...checkForm(kind, request, context), ...kind.checkRules(body, context)]
  const refs = resolveReferences(kind, body, state, errors)
  if (errors.length > 0) return { outcome: 'rejected', errors }

  const sha256 = sha256Hex(canonicalJson(body))
  const previous = state.get(request.kind, request.key)
  const warnings = kind.checkWarnings(body, refs, context)
  if (previous?.sha256 === sha256) return { outcome: 'unchanged', record: previous, warnings }

  const moveErrors = previous ? kind.checkTransition(previous.body, body) : []
  if (moveErrors.length > 0) return { outcome: 'rejected', errors: moveErrors }

  const record: StoredRecord = {
    kind: request.kind,
    insurerCode: context.insurerCode,
    key: request.key,
    version: (previous?.version ?? 0) + 1,
    sha256,
    body,
    voided: body.voided === true,
    flags: warnings.map((w) => w.code),
    scope: kind.scope(body, refs),
    createdAt: previous?.createdAt ?? context.now,
    updatedAt: context.now,
    receivedBy: context.clientId,
  }
  state.put(record)

  return {
    outcome: previous ? 'replaced' : 'created',
    record,
    previous,
    warnings,
    columns: kind.columns(body, context),
  }
}

/** The checks of SPEC §1 that every kind shares: key, credit codes, regions. */
function checkForm(kind: RecordKind, request: WriteRequest, context: EvaluationContext) {
  const errors: FieldError[] = []
  const bodyKey = request.body[kind.keyField]
  if (bodyKey !== undefined && bodyKey !== request.key) {
    errors.push(
      fieldError(`/${kind.keyField}`, 'key_mismatch', { field: kind.keyField, key: request.key }),
    )
  }

  for (const { path, value } of kind.creditCodes(request.body)) {
    const error = checkCreditCode(path, value, (code) => context.allowListed.has(code))
    if (error) errors.push(error)
  }
  for (const { path, value, county } of kind.regionCodes(request.body)) {
    const error = checkRegionCode(path, value, { county })
    if (error) errors.push(error)
  }
  return errors
}

function resolveReferences(
  kind: RecordKind,
  body: RecordBody,
  state: WorkingSet,
  errors: FieldError[],
): Map<string, StoredRecord> {
  const resolved = new Map<string, StoredRecord>()

  for (const reference of kind.references(body)) {
    const target = state.get(reference.kind, reference.key)
    if (!target || target.voided) {
      if (reference.required) {
        errors.push(
          fieldError(reference.path, 'reference_not_found', {
            kind: reference.kind,
            key: reference.key,
          }),
        )
      }
      continue
    }

    const problem = reference.check?.(target)
    if (problem) errors.push(problem)
    resolved.set(referenceId(reference.kind, reference.key), target)
  }
  return resolved
}
