import { claimKind } from './claims.js'
import { hazardKind } from './hazards.js'
import type { RecordKind } from './kind.js'
import type { RecordKindName } from './kinds.js'
import { ledgerEntryKind } from './ledger-entries.js'
import { policyKind } from './policies.js'
import { serviceKind } from './services.js'

/** The record kinds the pipeline accepts; each plugs in as one RecordKind. */
export const recordKinds: Partial<Record<RecordKindName, RecordKind>> = {
  policies: policyKind,
  claims: claimKind,
  services: serviceKind,
  hazards: hazardKind,
  'ledger-entries': ledgerEntryKind,
}

export function recordKind(name: RecordKindName): RecordKind {
  const kind = recordKinds[name]
  if (!kind) throw new Error(`record kind ${name} is not registered`)
  return kind
}
