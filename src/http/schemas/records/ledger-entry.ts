import { type Static, Type } from 'typebox'
import { ledgerCategories, ledgerEntryKinds } from '../../../domain/dictionaries/ledger-entries.js'
import {
  BusinessKeySchema,
  CreditCodeSchema,
  DateSchema,
  enumOf,
  SignedMoneySchema,
} from '../common.js'
import { commonRecordFields, nameSchema, textSchema } from './shared.js'

const PayeeSchema = Type.Object(
  {
    name: nameSchema('收款方名称', 'Who was paid'),
    creditCode: Type.Optional({
      ...CreditCodeSchema,
      title: '收款方统一社会信用代码',
      description: 'Credit code of the payee, for an organisation',
    }),
  },
  { title: '收款方', description: 'Who was paid', additionalProperties: false },
)

export const LedgerEntrySchema = Type.Object(
  {
    entryNo: { ...BusinessKeySchema, title: '台账记录编号', description: 'Entry number' },
    year: Type.Integer({
      title: '预算年度',
      description: 'The budget year the entry is booked to',
      minimum: 2000,
      maximum: 2100,
    }),
    kind: enumOf(ledgerEntryKinds),
    amount: {
      ...SignedMoneySchema,
      title: '金额',
      description: 'Amount in yuan; positive, and only an adjustment may be negative',
    },
    serviceNo: Type.Optional({
      ...BusinessKeySchema,
      title: '服务编号',
      description: 'The service it pays for; required for an expense',
    }),
    payee: Type.Optional(PayeeSchema),
    bookedAt: { ...DateSchema, title: '记账日期', description: 'Booking date, inside year' },
    voucherNo: textSchema('会计凭证号', 'Accounting voucher number', 64),
    category: Type.Optional(enumOf(ledgerCategories)),
    description: textSchema('摘要', 'What the entry is for', 2000),
    ...commonRecordFields,
  },
  {
    $id: 'LedgerEntry',
    title: '事故预防费用台账',
    description:
      'One entry of the dedicated prevention ledger (SPEC §4.5). It takes the region of the ' +
      'service it pays for; one without a service is seen by province-level regulators only.',
    additionalProperties: false,
  },
)

export type LedgerEntry = Static<typeof LedgerEntrySchema>
