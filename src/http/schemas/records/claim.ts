import { type Static, Type } from 'typebox'
import { accidentTypes, claimStatuses } from '../../../domain/dictionaries/claims.js'
import {
  BusinessKeySchema,
  enumOf,
  MoneySchema,
  RegionCodeSchema,
  TimestampSchema,
} from '../common.js'
import { commonRecordFields, countSchema, textSchema } from './shared.js'

const AccidentSchema = Type.Object(
  {
    occurredAt: { ...TimestampSchema, title: '事故发生时间', description: 'When it happened' },
    regionCode: { ...RegionCodeSchema, title: '事故地区', description: 'Where it happened' },
    address: Type.Optional(textSchema('事故地点', 'Address of the accident', 200)),
    type: enumOf(accidentTypes),
    description: textSchema('事故经过', 'What happened'),
    deaths: Type.Optional(countSchema('死亡人数', 'Deaths')),
    seriousInjuries: Type.Optional(countSchema('重伤人数', 'Serious injuries')),
    minorInjuries: Type.Optional(countSchema('轻伤人数', 'Minor injuries')),
    directLoss: Type.Optional({
      ...MoneySchema,
      title: '直接经济损失',
      description: 'Direct loss',
    }),
  },
  { title: '事故', description: 'The accident (GB 6441 category)', additionalProperties: false },
)

export const ClaimSchema = Type.Object(
  {
    claimNo: { ...BusinessKeySchema, title: '赔案号', description: 'Claim number' },
    policyNo: { ...BusinessKeySchema, title: '保单号', description: 'The policy claimed on' },
    accident: AccidentSchema,
    reportedAt: {
      ...TimestampSchema,
      title: '报案时间',
      description: 'When the claim was reported; not before the accident',
    },
    status: enumOf(claimStatuses),
    reserve: Type.Optional({ ...MoneySchema, title: '估损金额', description: 'Reserve' }),
    advancePaid: Type.Optional({ ...MoneySchema, title: '预付赔款', description: 'Advance paid' }),
    paidAmount: Type.Optional({
      ...MoneySchema,
      title: '赔款金额',
      description: 'Amount paid; required when paid',
    }),
    paidAt: Type.Optional({
      ...TimestampSchema,
      title: '结案支付时间',
      description: 'When it was paid; required when paid',
    }),
    declineReason: Type.Optional(
      textSchema('拒赔原因', 'Why the claim was declined; required when declined', 500),
    ),
    ...commonRecordFields,
  },
  {
    $id: 'Claim',
    title: '赔案',
    description: 'A claim on a policy (SPEC §4.2)',
    additionalProperties: false,
  },
)

export type Claim = Static<typeof ClaimSchema>
