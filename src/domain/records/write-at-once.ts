import type { Database } from '../../storage/database.js'
import { storeSingleWrite } from '../../storage/records/record-at-once.js'
import type { WriteRequest } from './evaluate.js'
import type { SignJws } from './receipts.js'
import type {
  RunOptions,
  WriteCaller,
  WriteDependencies,
  WriteItem,
  WriteRun,
} from './write-records.js'
import {
  auditEntryOf,
  evaluateItems,
  hasMovedScope,
  issueReceipts,
  isWriteRequest,
  loadWorkingSet,
} from './write-steps.js'

/**
 * The one record a run writes when it may take the short path: a single write whose answer is
 * not stored with it (an idempotent POST's is). Checked before a connection is taken, so that
 * batches never hold one for nothing.
 */
export function singleWriteOf(items: WriteItem[], options: RunOptions): WriteRequest | undefined {
  const [request, ...others] = items
  if (!request || others.length > 0 || !isWriteRequest(request)) return undefined
  return options.receipt.per === 'record' && !options.beforeCommit ? request : undefined
}

/**
 * The usual write of an insurer's back office, one record, in two round trips instead of
 * five: an unlocked read of the record and of what it refers to, then one statement that
 * stores it with its version, audit entry and receipt (storeSingleWrite), but only over the
 * state it was judged against: a new record's key still free, a stored record still at the
 * version read. Answers undefined when that state changed meanwhile, or when a policy or
 * service moved and its dependents must move with it in one transaction; the caller then runs
 * the locked path.
 */
export async function writeAtOnce(
  db: Database,
  deps: WriteDependencies,
  sign: SignJws,
  caller: WriteCaller,
  request: WriteRequest,
  options: RunOptions,
): Promise<WriteRun | undefined> {
  const items = [request]
  const { insurerCode } = caller
  const state = await loadWorkingSet(db, insurerCode, [request], { lockTargets: false })
  const current = state.get(request.kind, request.key)
  options.precondition?.(current)

  const now = deps.clock()
  const outcomes = await evaluateItems(db, deps, caller, items, state, now)
  const evaluation = outcomes[0]?.evaluation
  if (!evaluation || evaluation.outcome === 'rejected' || options.dryRun) {
    return { outcomes, receipts: [], discarded: options.dryRun || options.atomic }
  }
  if (hasMovedScope(evaluation)) return undefined

  const [receipt] = await issueReceipts(sign, caller, [evaluation], options, now)
  if (!receipt) return undefined
  const stored = await storeSingleWrite(db, request.kind, insurerCode, {
    outcome: evaluation.outcome,
    expectedVersion: current?.version,
    write:
      evaluation.outcome === 'unchanged'
        ? undefined
        : {
            record: evaluation.record,
            previousVersion: current?.version,
            columns: evaluation.columns,
          },
    audit: auditEntryOf(caller, evaluation),
    receipt,
  })
  return stored ? { outcomes, receipts: [receipt], discarded: false } : undefined
}
