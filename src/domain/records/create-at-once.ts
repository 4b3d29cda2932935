import type { Database } from '../../storage/database.js'
import { createRecord } from '../../storage/records/record-creation.js'
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
  issueReceipts,
  isWriteRequest,
  loadWorkingSet,
} from './write-steps.js'

/**
 * The usual write of an insurer's back office, one record that does not exist yet, in two
 * round trips instead of five: an unlocked read of the record and of what it refers to, then
 * one statement that stores it with its version, audit entry and receipt (createRecord). A
 * new record has no stored state for a concurrent writer to change under the rules, and the
 * insert itself settles a race on its key. Answers undefined for anything else (the record
 * exists, its key was taken meanwhile, a stored answer must commit with the write), which
 * the caller then runs on the locked path.
 */
export async function createAtOnce(
  db: Database,
  deps: WriteDependencies,
  sign: SignJws,
  caller: WriteCaller,
  items: WriteItem[],
  options: RunOptions,
): Promise<WriteRun | undefined> {
  const [request, ...others] = items
  if (!request || others.length > 0 || !isWriteRequest(request)) return undefined
  if (options.receipt.per !== 'record' || options.beforeCommit) return undefined

  const { insurerCode } = caller
  const state = await loadWorkingSet(db, insurerCode, [request], { lockTargets: false })
  if (state.get(request.kind, request.key)) return undefined
  options.precondition?.(undefined)

  const now = deps.clock()
  const outcomes = await evaluateItems(db, deps, caller, items, state, now)
  const evaluation = outcomes[0]?.evaluation
  if (evaluation?.outcome === 'rejected' || options.dryRun) {
    return { outcomes, receipts: [], discarded: options.dryRun || options.atomic }
  }
  if (evaluation?.outcome !== 'created') return undefined

  const receipts = await issueReceipts(sign, caller, [evaluation], options, now)
  const [receipt] = receipts
  if (!receipt) return undefined
  const created = await createRecord(db, request.kind, insurerCode, {
    write: { record: evaluation.record, previousVersion: undefined, columns: evaluation.columns },
    audit: auditEntryOf(caller, evaluation),
    receipt,
  })
  return created ? { outcomes, receipts, discarded: false } : undefined
}
