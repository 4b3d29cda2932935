import { type TObject, type TSchema, Type } from 'typebox'
import { accidentGrades } from '../../../domain/dictionaries/claims.js'
import type { RecordKindName } from '../../../domain/records/kinds.js'
import { enumOf } from '../common.js'
import { ClaimSchema } from './claim.js'
import { HazardSchema } from './hazard.js'
import { LedgerEntrySchema } from './ledger-entry.js'
import { PolicySchema } from './policy.js'
import { ServiceSchema } from './service.js'
import { recordViewSchema, writeResultSchema } from './views.js'

export interface KindSchemas {
  /** Component names: the body, the record as read, the answer to a write. */
  names: { body: string; view: string; writeResult: string }
  title: string
  schemas: TSchema[]
}

function defineKind(body: TObject, derived: Record<string, TSchema>, title: string): KindSchemas {
  const name = String((body as { $id?: string }).$id)
  const view = recordViewSchema(`${name}Record`, body, derived, title)
  const writeResult = writeResultSchema(`${name}WriteResult`, view, `${title}写入结果`)
  return {
    names: { body: name, view: `${name}Record`, writeResult: `${name}WriteResult` },
    title,
    schemas: [body, view, writeResult],
  }
}

/** SPEC §4.4: computed from the clock and configuration on every read, never sent. */
const hazardDerived = {
  overdue: Type.Boolean({
    title: '是否逾期',
    description: 'The rectification deadline has passed (China time) and it is not rectified',
  }),
  overdueUnreported: Type.Boolean({
    title: '逾期未报告',
    description:
      'Overdue, and not reported to the authority by the end of HAZARD_REPORT_GRACE_DAYS ' +
      'days after the deadline (China time); a later report does not clear it',
  }),
  notifiedLate: Type.Boolean({
    title: '告知超时',
    description:
      'A major hazard notified more than HAZARD_NOTIFY_HOURS after it was found, or not yet ' +
      'notified once that many hours have passed',
  }),
}

/** The HTTP schemas of each record kind the API serves. */
export const kindSchemas: Partial<Record<RecordKindName, KindSchemas>> = {
  policies: defineKind(PolicySchema, {}, '保单'),
  claims: defineKind(
    ClaimSchema,
    { grade: enumOf(accidentGrades, { description: 'Accident grade derived by the platform' }) },
    '赔案',
  ),
  services: defineKind(ServiceSchema, {}, '事故预防服务'),
  hazards: defineKind(HazardSchema, hazardDerived, '事故隐患'),
  'ledger-entries': defineKind(LedgerEntrySchema, {}, '事故预防费用台账'),
}

/** A reference to a registered schema, typed loosely (TypeBox 1.x types Ref as unknown). */
export function ref(name: string) {
  return Type.Unsafe<unknown>(Type.Ref(name))
}
