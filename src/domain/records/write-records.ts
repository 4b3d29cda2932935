import type { Clock } from '../../clock.js'
import type { Config } from '../../config.js'
import { findAllowListed } from '../../storage/allow-list-store.js'
import type { Database } from '../../storage/database.js'
import { type AuditEntry, appendHistory } from '../../storage/records/history-store.js'
import { loadRecords, type RecordWrite, saveRecords } from '../../storage/records/record-store.js'
import { isScopeSource, propagateScope } from '../../storage/records/scope-store.js'
import type { FieldError } from '../errors/field-error.js'
import { hasValidCheckCharacter } from '../values/credit-code.js'
import { type Evaluation, evaluateWrite, type WorkingSet, type WriteRequest } from './evaluate.js'
import type { StoredRecord } from './kind.js'
import type { RecordKindName } from './kinds.js'
import { issueReceipt, type Receipt, type ReceiptSigner, type SignJws } from './receipts.js'
import { recordKind } from './registry.js'
import { inTransaction } from './transaction.js'

export interface WriteDependencies {
  db: Database
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
 * The write pipeline shared by single writes and batches (SPEC §3): load and lock what the
 * items touch, evaluate them in order, then store current versions, history, audit entries and
 * receipts set-based, all in one transaction.
 */
export async function runWrites(
  deps: WriteDependencies,
  caller: WriteCaller,
  items: WriteItem[],
  options: RunOptions,
): Promise<WriteRun> {
  // Taken before the transaction: a key lookup may query the database (see ReceiptSigner).
  const sign = await deps.signer.jwsSigner()
  const run = await inTransaction(deps.db, async (tx) => {
    const now = deps.clock()
    const requests = items.filter(isWriteRequest)
    const state = await loadWorkingSet(tx, caller.insurerCode, requests)
    options.precondition?.(requests[0] && state.get(requests[0].kind, requests[0].key))

    const context = {
      config: deps.config,
      now,
      insurerCode: caller.insurerCode,
      clientId: caller.clientId,
      allowListed: await findAllowListed(tx, suspectCreditCodes(requests)),
    }
    const outcomes = items.map((item) => ({
      item,
      evaluation: isWriteRequest(item)
        ? evaluateWrite(item, state, context)
        : ({ outcome: 'rejected', errors: item.errors } as const),
    }))

    const rejected = outcomes.some((o) => o.evaluation.outcome === 'rejected')
    const discarded = options.dryRun || (options.atomic && rejected)
    const receipts = discarded ? [] : await storeOutcomes(tx, sign, caller, outcomes, options, now)
    const result = { outcomes, receipts, discarded }

    if (!discarded) await options.beforeCommit?.(tx, result)
    return result
  })

  if (!run.discarded) {
    for (const { item, evaluation } of run.outcomes) {
      if (evaluation.outcome !== 'rejected')
        deps.onWritten?.(item.kind as RecordKindName, evaluation.outcome)
    }
  }
  return run
}

export function isWriteRequest(item: WriteItem): item is WriteRequest {
  return !('errors' in item)
}

/** Loads (and locks) the records the items write, then the records they refer to. */
async function loadWorkingSet(
  tx: Database,
  insurerCode: string,
  requests: WriteRequest[],
): Promise<WorkingSet> {
  const records = new Map<string, StoredRecord>()
  const id = (kind: string, key: string) => `${kind}/${key}`

  const targets = groupKeys(requests.map((r) => ({ kind: r.kind, key: r.key })))
  for (const [kind, keys] of targets) {
    for (const record of await loadRecords(tx, kind, insurerCode, keys, { lock: true })) {
      records.set(id(kind, record.key), record)
    }
  }

  const references = requests.flatMap((r) => recordKind(r.kind).references(r.body))
  const missing = groupKeys(references.filter((ref) => !records.has(id(ref.kind, ref.key))))
  for (const [kind, keys] of missing) {
    for (const record of await loadRecords(tx, kind, insurerCode, keys, { lock: false })) {
      records.set(id(kind, record.key), record)
    }
  }

  return {
    get: (kind, key) => records.get(id(kind, key)),
    put: (record) => records.set(id(record.kind, record.key), record),
  }
}

function groupKeys(refs: Array<{ kind: RecordKindName; key: string }>) {
  const groups = new Map<RecordKindName, Set<string>>()
  for (const { kind, key } of refs) {
    const keys = groups.get(kind) ?? new Set<string>()
    keys.add(key)
    groups.set(kind, keys)
  }
  return [...groups].map(([kind, keys]) => [kind, [...keys].sort()] as const)
}

/** Only codes that fail their check character need the allow-list. */
function suspectCreditCodes(requests: WriteRequest[]): string[] {
  const codes = requests.flatMap((r) =>
    recordKind(r.kind)
      .creditCodes(r.body)
      .map((c) => c.value),
  )
  return [...new Set(codes.filter((code) => !hasValidCheckCharacter(code)))]
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
  const audits: AuditEntry[] = accepted.map((evaluation) => ({
    clientId: caller.clientId,
    requestId: caller.requestId,
    insurerCode: caller.insurerCode,
    regionCode: evaluation.record.scope.regionCode,
    kind: evaluation.record.kind,
    key: evaluation.record.key,
    version: evaluation.record.version,
    sha256: evaluation.record.sha256,
    outcome: evaluation.outcome,
  }))
  await appendHistory(tx, { versions, audits, receipts })
  return receipts
}

type Accepted = Exclude<Evaluation, { outcome: 'rejected' }>

/**
 * A policy that moved (another county, industry or unit) takes its claims, services and
 * hazards along, and a service its ledger entries: their scope is inherited, never sent.
 * Policies keep their unit almost always, so this costs nothing on the usual write.
 */
async function followScopeChanges(tx: Database, insurerCode: string, accepted: Accepted[]) {
  for (const evaluation of accepted) {
    if (evaluation.outcome !== 'replaced' || !isScopeSource(evaluation.record.kind)) continue
    const before = evaluation.previous?.scope
    const after = evaluation.record.scope
    const moved =
      before?.regionCode !== after.regionCode ||
      before?.industry !== after.industry ||
      before?.creditCode !== after.creditCode
    if (moved) {
      await propagateScope(tx, evaluation.record.kind, insurerCode, evaluation.record.key, after)
    }
  }
}

async function issueReceipts(
  sign: SignJws,
  caller: WriteCaller,
  accepted: Accepted[],
  options: RunOptions,
  now: Date,
): Promise<Receipt[]> {
  const { receipt } = options
  if (receipt.per === 'batch') {
    const fields = { insurerCode: caller.insurerCode, kind: 'batch', key: receipt.key }
    return [await issueReceipt(sign, { ...fields, version: null, sha256: receipt.sha256 }, now)]
  }

  return Promise.all(
    accepted.map(({ record }) =>
      issueReceipt(
        sign,
        {
          insurerCode: caller.insurerCode,
          kind: record.kind,
          key: record.key,
          version: record.version,
          sha256: record.sha256,
        },
        now,
      ),
    ),
  )
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
