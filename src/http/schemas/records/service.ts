import { type Static, Type } from 'typebox'
import {
  followUpMethods,
  providerKinds,
  serviceForms,
  serviceStatuses,
  serviceTypes,
} from '../../../domain/dictionaries/services.js'
import {
  BusinessKeySchema,
  CreditCodeSchema,
  enumOf,
  MoneySchema,
  TimestampSchema,
} from '../common.js'
import {
  DrillSchema,
  InspectionSchema,
  RiskAssessmentSchema,
  StandardizationSchema,
  TrainingSchema,
} from './service-details.js'
import { commonRecordFields, nameSchema, textSchema } from './shared.js'

const ProviderSchema = Type.Object(
  {
    kind: enumOf(providerKinds),
    name: nameSchema('服务提供方名称', 'Name of the organisation, expert or staff member'),
    creditCode: Type.Optional({
      ...CreditCodeSchema,
      title: '服务机构统一社会信用代码',
      description: 'Required for a technical service organisation',
    }),
    qualification: Type.Optional(textSchema('资质', 'Qualification or certificate held', 200)),
  },
  { title: '服务提供方', description: 'Who delivered the service', additionalProperties: false },
)

const ExpertSchema = Type.Object(
  {
    name: nameSchema('专家姓名', 'Name of the expert'),
    title: Type.Optional(textSchema('职称', 'Professional title', 100)),
    certificateNo: Type.Optional(textSchema('证书编号', 'Certificate number', 64)),
  },
  { title: '专家', description: 'An expert who took part', additionalProperties: false },
)

const ConfirmationSchema = Type.Object(
  {
    name: nameSchema('确认人', 'Who confirmed the record for the insured unit'),
    confirmedAt: { ...TimestampSchema, title: '确认时间', description: 'When it was confirmed' },
  },
  {
    title: '服务对象确认',
    description: 'The insured unit confirms the service record; required once completed',
    additionalProperties: false,
  },
)

const FollowUpSchema = Type.Object(
  {
    at: { ...TimestampSchema, title: '回访时间', description: 'When the unit was asked' },
    method: enumOf(followUpMethods),
    satisfaction: Type.Optional(
      Type.Integer({
        title: '满意度',
        description: 'Satisfaction of the insured unit, 1 (poor) to 5 (very good)',
        minimum: 1,
        maximum: 5,
      }),
    ),
    comments: Type.Optional(textSchema('回访意见', 'What the unit said', 2000)),
  },
  { title: '回访', description: 'Follow-up with the insured unit', additionalProperties: false },
)

export const ServiceSchema = Type.Object(
  {
    serviceNo: { ...BusinessKeySchema, title: '服务编号', description: 'Service number' },
    policyNo: { ...BusinessKeySchema, title: '保单号', description: 'The policy it serves' },
    type: enumOf(serviceTypes),
    provider: ProviderSchema,
    experts: Type.Optional(
      Type.Array(ExpertSchema, { title: '专家', description: 'Experts', maxItems: 50 }),
    ),
    form: enumOf(serviceForms),
    startedAt: { ...TimestampSchema, title: '服务开始时间', description: 'When it started' },
    endedAt: Type.Optional({
      ...TimestampSchema,
      title: '服务结束时间',
      description: 'When it ended; not before startedAt',
    }),
    measures: textSchema('服务措施', 'Measures taken (AQ 9010 service record)', 4000),
    process: Type.Optional(textSchema('服务过程', 'How the service went (AQ 9010)', 4000)),
    insuredConfirmation: Type.Optional(ConfirmationSchema),
    followUp: Type.Optional(FollowUpSchema),
    cost: {
      ...MoneySchema,
      title: '服务费用',
      description: 'What the service cost; booked against the prevention budget',
    },
    training: Type.Optional(TrainingSchema),
    drill: Type.Optional(DrillSchema),
    standardization: Type.Optional(StandardizationSchema),
    riskAssessment: Type.Optional(RiskAssessmentSchema),
    inspection: Type.Optional(InspectionSchema),
    status: enumOf(serviceStatuses),
    ...commonRecordFields,
  },
  {
    $id: 'Service',
    title: '事故预防服务',
    description:
      'An accident-prevention service delivered under a policy (SPEC §4.3). Status moves ' +
      'forward planned → in_progress → completed; cancelled from planned or in_progress.',
    additionalProperties: false,
  },
)

export type Service = Static<typeof ServiceSchema>
