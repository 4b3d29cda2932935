/** The record kinds of SPEC §4, as they appear in paths, batches, receipts and the change feed. */
export const recordKindNames = [
  'policies',
  'claims',
  'services',
  'hazards',
  'ledger-entries',
] as const

export type RecordKindName = (typeof recordKindNames)[number]

/** The business key field of each kind. */
export const keyFields = {
  policies: 'policyNo',
  claims: 'claimNo',
  services: 'serviceNo',
  hazards: 'hazardNo',
  'ledger-entries': 'entryNo',
} as const satisfies Record<RecordKindName, string>

export function isRecordKindName(value: string): value is RecordKindName {
  return (recordKindNames as readonly string[]).includes(value)
}
