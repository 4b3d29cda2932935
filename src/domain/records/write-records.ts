import type { Clock } from '../../clock.js'
import type { Config } from '../../config.js'
import type { Database } from '../../storage/database.js'
import { appendHistory } from '../../storage/records/history-store.js'
import { type RecordWrite, saveRecords } from '../../storage/records/record-store.js'
import { isScopeSource, propagateScope } from '../../storage/records/scope-store.js'
import type { FieldError } from '../errors/field-error.js'
import type { Evaluation, WriteRequest } from './evaluate.js'
import type { StoredRecord } from './kind.js'
import type { RecordKindName } from './kinds.js'
import type { Receipt, ReceiptSigner, SignJws } from './receipts.js'
import { inTransaction } from './transaction.js'
import { singleWriteOf, writeAtOnce } from './write-at-once.js'
import {
  type Accepted,
  auditEntryOf,
  evaluateItems,
  hasMovedScope,
  issueReceipts,
  isWriteRequest,
  loadWorkingSet,
} from './write-steps.js'

export interface WriteDependencies {
  db: Database
  /** Runs `work` on one connection of the pool, held until it ends. */
  withConnection<T>(work: (db: Database) => Promise<T>): Promise<T>
  signer: ReceiptSigner
  config: Config
  clock: Clock
  onWritten?: (kind: RecordKindName, outcome: string) => void
}

/** Who writes: always taken from the verified token, never from the request body. */
export interface WriteCaller {
  insurerCode: string
  clientId: string
  requestId: string
}

/** An item a route already rejected (its schema failed); it keeps its place in the batch. */
export interface PreRejected {
  kind: string
  key: string
  errors: FieldError[]
}

export type WriteItem = WriteRequest | PreRejected

export interface ItemOutcome {
  item: WriteItem
  evaluation: Evaluation
}

export interface WriteRun {
  outcomes: ItemOutcome[]
  receipts: Receipt[]
  /** True when nothing was stored: a dry run, or an atomic batch with a rejected item. */
  discarded: boolean
}

export interface RunOptions {
  dryRun: boolean
  atomic: boolean
  /** One receipt per record (single writes) or one for the whole batch. */
  receipt: { per: 'record' } | { per: 'batch'; key: string; sha256: string }
  /** Checks the stored state first (If-Match, If-None-Match); throws to refuse. */
  precondition?: (current: StoredRecord | undefined) => void
  /** Runs inside the transaction once the answer is known (to store an idempotent answer). */
  beforeCommit?: (tx: Database, run: WriteRun) => Promise<void>
}

/**
 * The write pipeline shared by single writes and batches (SPEC §3). A single record takes the
 * short path when it can (writeAtOnce); everything else loads and locks what the items touch,
 * evaluates them in order, then stores current versions, history, audit entries and receipts
 * set-based, all in one transaction.
 */
export async function runWrites(
  deps: WriteDependencies,
  caller: WriteCaller,
  items: WriteItem[],
  options: RunOptions,
): Promise<WriteRun> {
  // Taken before any transaction: a key lookup may query the database (see ReceiptSigner).
  const sign = await deps.signer.jwsSigner()
  const single = singleWriteOf(items, options)
  const shortRun = single
    ? await deps.withConnection((db) => writeAtOnce(db, deps, sign, caller, single, options))
    : undefined
  const run =
    shortRun ??
    (await inTransaction(deps.db, (tx) => runLocked(tx, deps, sign, caller, items, options)))

  if (!run.discarded) {
    for (const { item, evaluation } of run.outcomes) {
      if (evaluation.outcome !== 'rejected')
        deps.onWritten?.(item.kind as RecordKindName, evaluation.outcome)
    }
  }
  return run
}

async function runLocked(
  tx: Database,
  deps: WriteDependencies,
  sign: SignJws,
  caller: WriteCaller,
  items: WriteItem[],
  options: RunOptions,
): Promise<WriteRun> {
  const now = deps.clock()
  const requests = items.filter(isWriteRequest)
  const state = await loadWorkingSet(tx, caller.insurerCode, requests, { lockTargets: true })
  options.precondition?.(requests[0] && state.get(requests[0].kind, requests[0].key))

  const outcomes = await evaluateItems(tx, deps, caller, items, state, now)
  const rejected = outcomes.some((o) => o.evaluation.outcome === 'rejected')
  const discarded = options.dryRun || (options.atomic && rejected)
  const receipts = discarded ? [] : await storeOutcomes(tx, sign, caller, outcomes, options, now)
  const run = { outcomes, receipts, discarded }

  if (!discarded) await options.beforeCommit?.(tx, run)
  return run
}

async function storeOutcomes(
  tx: Database,
  sign: SignJws,
  caller: WriteCaller,
  outcomes: ItemOutcome[],
  options: RunOptions,
  now: Date,
): Promise<Receipt[]> {
  const accepted = outcomes.flatMap(({ evaluation }) =>
    evaluation.outcome === 'rejected' ? [] : [evaluation],
  )
  const receipts = await issueReceipts(sign, caller, accepted, options, now)
  const receiptFor = (index: number) =>
    options.receipt.per === 'batch' ? receipts[0] : receipts[index]

  for (const [kind, writes] of latestWrites(accepted)) {
    await saveRecords(tx, kind, caller.insurerCode, writes)
  }
  await followScopeChanges(tx, caller.insurerCode, accepted)

  const versions = accepted.flatMap((evaluation, index) =>
    evaluation.outcome === 'unchanged'
      ? []
      : [
          {
            record: evaluation.record,
            insurerCode: caller.insurerCode,
            receiptId: receiptFor(index)?.receiptId ?? '',
          },
        ],
  )
  const audits = accepted.map((evaluation) => auditEntryOf(caller, evaluation))
  await appendHistory(tx, { versions, audits, receipts })
  return receipts
}

/** Dependents follow a moved record in the same transaction (see hasMovedScope). */
async function followScopeChanges(tx: Database, insurerCode: string, accepted: Accepted[]) {
  for (const evaluation of accepted) {
    if (!hasMovedScope(evaluation) || !isScopeSource(evaluation.record.kind)) continue
    const { kind, key, scope } = evaluation.record
    await propagateScope(tx, kind, insurerCode, key, scope)
  }
}

/**
 * The current row of each record written: its last version in this run, replacing the version
 * stored before the run (a batch may write the same record twice).
 */
function latestWrites(accepted: Accepted[]): Map<RecordKindName, RecordWrite[]> {
  const byRecord = new Map<string, RecordWrite>()
  for (const evaluation of accepted) {
    if (evaluation.outcome === 'unchanged') continue
    const id = `${evaluation.record.kind}/${evaluation.record.key}`
    const earlier = byRecord.get(id)
    byRecord.set(id, {
      record: evaluation.record,
      previousVersion: earlier ? earlier.previousVersion : evaluation.previous?.version,
      columns: evaluation.columns,
    })
  }

  const byKind = new Map<RecordKindName, RecordWrite[]>()
  for (const write of byRecord.values()) {
    const writes = byKind.get(write.record.kind) ?? []
    writes.push(write)
    byKind.set(write.record.kind, writes)
  }
  return byKind
}
