import type { Config } from '../../config.js'
import type { FieldError } from '../errors/field-error.js'
import type { RecordKindName } from './kinds.js'

/** A record body as sent, after schema validation. */
export type RecordBody = Record<string, unknown>

/** Where a record sits for regulators: every kind but policies inherits it from its policy. */
export interface RecordScope {
  regionCode: string | null
  industry: string | null
  creditCode: string | null
}

/** A stored record as the rules see it: the current version of another (or the same) record. */
export interface StoredRecord {
  kind: RecordKindName
  insurerCode: string
  key: string
  version: number
  sha256: string
  body: RecordBody
  voided: boolean
  flags: string[]
  scope: RecordScope
  createdAt: Date
  updatedAt: Date
  receivedBy: string
}

/** A supervisory finding: stored with the record and answered as a warning (SPEC §3). */
export interface Warning {
  path: string
  code: string
  message: { zh: string; en: string }
}

export interface DeriveContext {
  config: Config
  now: Date
}

export interface RuleContext {
  config: Config
  now: Date
  /** The insurer writing the record (from the verified token). */
  insurerCode: string
}

/** A reference from one record to another of the same insurer (a claim's `policyNo`). */
export interface Reference {
  kind: RecordKindName
  key: string
  path: string
  /** A missing target is a 422 when required; an optional one only feeds warnings. */
  required: boolean
  /** Further checks on the target, such as "a hazard's service is a hazard inspection". */
  check?: (target: StoredRecord) => FieldError | undefined
}

export type ResolvedReferences = ReadonlyMap<string, StoredRecord>

/**
 * Everything that makes a record kind: its rules, lifecycle, references, derived fields and the
 * typed columns that searches and supervision read. The write pipeline is the same for all.
 */
export interface RecordKind {
  name: RecordKindName
  keyField: string
  /** Credit codes in the body, checked against GB 32100 and the pilot allow-list. */
  creditCodes(body: RecordBody): Array<{ path: string; value: string }>
  /** Region codes in the body; `county` where SPEC asks for a county-level site. */
  regionCodes(body: RecordBody): Array<{ path: string; value: string; county: boolean }>
  references(body: RecordBody): Reference[]
  /** Hard rules on the body alone: a breach is a 422 and nothing is stored. */
  checkRules(body: RecordBody, context: RuleContext): FieldError[]
  /** Lifecycle: may the record move from `previous` to `next`? */
  checkTransition(previous: RecordBody, next: RecordBody): FieldError[]
  /** Supervisory rules: the record is stored and carries these as flags. */
  checkWarnings(body: RecordBody, refs: ResolvedReferences, context: RuleContext): Warning[]
  scope(body: RecordBody, refs: ResolvedReferences): RecordScope
  /** Figures the platform computes; recomputed on every read (they may depend on the time). */
  derive(body: RecordBody, context: DeriveContext): Record<string, unknown>
  /** The kind's own typed columns, keyed by the table's property names. */
  columns(body: RecordBody, context: RuleContext): Record<string, unknown>
}

export function referenceId(kind: RecordKindName, key: string): string {
  return `${kind}/${key}`
}
