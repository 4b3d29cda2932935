import { formatChinaTime } from '../values/time.js'
import type { DeriveContext, StoredRecord, Warning } from './kind.js'
import { recordKind } from './registry.js'

/** How every record is answered (SPEC §5): the body as sent, with meta, derived and flags. */
export interface RecordView {
  [field: string]: unknown
  meta: {
    insurerCode: string
    version: number
    createdAt: string
    updatedAt: string
    receivedBy: string
  }
  derived: Record<string, unknown>
  flags: string[]
}

export function toRecordView(record: StoredRecord, context: DeriveContext): RecordView {
  return {
    ...record.body,
    meta: {
      insurerCode: record.insurerCode,
      version: record.version,
      createdAt: formatChinaTime(record.createdAt),
      updatedAt: formatChinaTime(record.updatedAt),
      receivedBy: record.receivedBy,
    },
    derived: recordKind(record.kind).derive(record.body, context),
    flags: record.flags,
  }
}

/** Warnings answered in both languages: the caller's language picks the message. */
export function renderWarnings(warnings: Warning[], language: 'zh' | 'en') {
  return warnings.map((w) => ({ path: w.path, code: w.code, message: w.message[language] }))
}
