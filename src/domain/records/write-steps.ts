import { findAllowListed } from '../../storage/allow-list-store.js'
import type { Database } from '../../storage/database.js'
import type { AuditEntry } from '../../storage/records/history-store.js'
import { loadRecords } from '../../storage/records/record-store.js'
import { isScopeSource } from '../../storage/records/scope-store.js'
import { hasValidCheckCharacter } from '../values/credit-code.js'
import { type Evaluation, evaluateWrite, type WorkingSet, type WriteRequest } from './evaluate.js'
import type { StoredRecord } from './kind.js'
import type { RecordKindName } from './kinds.js'
import { issueReceipt, type Receipt, type SignJws } from './receipts.js'
import { recordKind } from './registry.js'
import type {
  ItemOutcome,
  RunOptions,
  WriteCaller,
  WriteDependencies,
  WriteItem,
} from './write-records.js'

// The steps both write paths share: load, evaluate, receipt, audit.

export type Accepted = Exclude<Evaluation, { outcome: 'rejected' }>

export function isWriteRequest(item: WriteItem): item is WriteRequest {
  return !('errors' in item)
}

/**
 * Loads the records the items write, then the records they refer to. With `lockTargets`, the
 * written rows stay locked until the transaction ends, so that their writers take turns.
 */
export async function loadWorkingSet(
  db: Database,
  insurerCode: string,
  requests: WriteRequest[],
  options: { lockTargets: boolean },
): Promise<WorkingSet> {
  const records = new Map<string, StoredRecord>()
  const id = (kind: string, key: string) => `${kind}/${key}`

  const targets = groupKeys(requests.map((r) => ({ kind: r.kind, key: r.key })))
  for (const [kind, keys] of targets) {
    const lock = options.lockTargets
    for (const record of await loadRecords(db, kind, insurerCode, keys, { lock })) {
      records.set(id(kind, record.key), record)
    }
  }

  const references = requests.flatMap((r) => recordKind(r.kind).references(r.body))
  const missing = groupKeys(references.filter((ref) => !records.has(id(ref.kind, ref.key))))
  for (const [kind, keys] of missing) {
    for (const record of await loadRecords(db, kind, insurerCode, keys, { lock: false })) {
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

/** Evaluates the items in order against the working set, which takes each accepted one in. */
export async function evaluateItems(
  db: Database,
  deps: WriteDependencies,
  caller: WriteCaller,
  items: WriteItem[],
  state: WorkingSet,
  now: Date,
): Promise<ItemOutcome[]> {
  const requests = items.filter(isWriteRequest)
  const context = {
    config: deps.config,
    now,
    insurerCode: caller.insurerCode,
    clientId: caller.clientId,
    allowListed: await findAllowListed(db, suspectCreditCodes(requests)),
  }

  return items.map((item) => ({
    item,
    evaluation: isWriteRequest(item)
      ? evaluateWrite(item, state, context)
      : ({ outcome: 'rejected', errors: item.errors } as const),
  }))
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

export async function issueReceipts(
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

export function auditEntryOf(caller: WriteCaller, evaluation: Accepted): AuditEntry {
  return {
    clientId: caller.clientId,
    requestId: caller.requestId,
    insurerCode: caller.insurerCode,
    regionCode: evaluation.record.scope.regionCode,
    kind: evaluation.record.kind,
    key: evaluation.record.key,
    version: evaluation.record.version,
    sha256: evaluation.record.sha256,
    outcome: evaluation.outcome,
  }
}

/**
 * A replaced policy that moved (another county, industry or unit) takes its claims, services
 * and hazards along, and a service its ledger entries: their scope is inherited, never sent.
 */
export function hasMovedScope(evaluation: Accepted): boolean {
  if (evaluation.outcome !== 'replaced' || !isScopeSource(evaluation.record.kind)) return false

  const before = evaluation.previous?.scope
  const after = evaluation.record.scope
  return (
    before?.regionCode !== after.regionCode ||
    before?.industry !== after.industry ||
    before?.creditCode !== after.creditCode
  )
}
