import { type Static, Type } from 'typebox'
import {
  hazardCriteria,
  hazardLevels,
  hazardStatuses,
  notificationChannels,
  notificationRecipients,
} from '../../../domain/dictionaries/hazards.js'
import { BusinessKeySchema, DateSchema, enumOf, MoneySchema, TimestampSchema } from '../common.js'
import { commonRecordFields, nameSchema, textSchema } from './shared.js'

const CriterionSchema = Type.Object(
  {
    standard: enumOf(hazardCriteria),
    clause: textSchema('适用条款', 'The clause of the criteria that applies', 200),
  },
  {
    title: '判定依据',
    description: "The industry's major-hazard criteria and clause; required for a major hazard",
    additionalProperties: false,
  },
)

const NotificationSchema = Type.Object(
  {
    notifiedAt: { ...TimestampSchema, title: '告知时间', description: 'When the unit was told' },
    recipientRole: enumOf(notificationRecipients),
    recipientName: nameSchema('告知对象姓名', 'Name of the person told'),
    channel: enumOf(notificationChannels),
  },
  {
    title: '隐患告知',
    description:
      "Notice to the unit's principal or actual controller; AQ 9010 asks for written notice",
    additionalProperties: false,
  },
)

const RectificationSchema = Type.Object(
  {
    completedAt: { ...TimestampSchema, title: '整改完成时间', description: 'When it was fixed' },
    measures: textSchema('整改措施', 'What was done to remove the hazard', 4000),
    cost: Type.Optional({ ...MoneySchema, title: '整改费用', description: 'What it cost' }),
  },
  { title: '整改情况', description: 'The rectification', additionalProperties: false },
)

const VerificationSchema = Type.Object(
  {
    verifiedAt: { ...TimestampSchema, title: '复核时间', description: 'When it was verified' },
    verifiedBy: nameSchema('复核人', 'Who verified the rectification'),
    passed: Type.Boolean({
      title: '是否通过',
      description: 'Whether the rectification passed; false sends the hazard back to rectifying',
    }),
  },
  {
    title: '整改复核',
    description: 'Verification of the rectification',
    additionalProperties: false,
  },
)

const AuthorityReportSchema = Type.Object(
  {
    reportedAt: { ...TimestampSchema, title: '报告时间', description: 'When it was reported' },
    department: nameSchema('报告部门', 'The emergency-management or industry department'),
    documentNo: Type.Optional(textSchema('报告文号', 'Number of the report document', 64)),
  },
  {
    title: '向主管部门报告',
    description: 'Report of a hazard not rectified by its deadline to the authority',
    additionalProperties: false,
  },
)

export const HazardSchema = Type.Object(
  {
    hazardNo: { ...BusinessKeySchema, title: '隐患编号', description: 'Hazard number' },
    serviceNo: {
      ...BusinessKeySchema,
      title: '排查服务编号',
      description: 'The hazard_inspection service that found it',
    },
    policyNo: { ...BusinessKeySchema, title: '保单号', description: 'The policy' },
    level: enumOf(hazardLevels),
    criterion: Type.Optional(CriterionSchema),
    description: textSchema('隐患描述', 'What the hazard is', 4000),
    location: Type.Optional(textSchema('隐患部位', 'Where it is on the site', 200)),
    foundAt: { ...TimestampSchema, title: '发现时间', description: 'When it was found' },
    notification: Type.Optional(NotificationSchema),
    rectificationDeadline: Type.Optional({
      ...DateSchema,
      title: '整改期限',
      description: 'Last day to rectify (still in time on that day); required once notified',
    }),
    rectification: Type.Optional(RectificationSchema),
    verification: Type.Optional(VerificationSchema),
    authorityReport: Type.Optional(AuthorityReportSchema),
    status: enumOf(hazardStatuses),
    ...commonRecordFields,
  },
  {
    $id: 'Hazard',
    title: '事故隐患',
    description:
      'An accident hazard found by an inspection, and its closed loop (SPEC §4.4). Status moves ' +
      'forward found → notified → rectifying → rectified → closed; a failed verification ' +
      '(verification.passed = false) sends rectified back to rectifying; only a general hazard ' +
      'may go from found straight to rectified. Timestamps may not precede foundAt.',
    additionalProperties: false,
  },
)

export type Hazard = Static<typeof HazardSchema>
