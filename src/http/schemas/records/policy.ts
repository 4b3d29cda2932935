import { type Static, Type } from 'typebox'
import {
  industries,
  intermediaryKinds,
  policyStatuses,
  rateAdjustmentReasons,
  standardizationGrades,
  terminationReasons,
} from '../../../domain/dictionaries/policies.js'
import {
  BusinessKeySchema,
  CreditCodeSchema,
  DateSchema,
  enumOf,
  MoneySchema,
  RateSchema,
  RegionCodeSchema,
} from '../common.js'
import { commonRecordFields, countSchema, nameSchema, PersonSchema, textSchema } from './shared.js'

const InsuredSchema = Type.Object(
  {
    creditCode: CreditCodeSchema,
    name: nameSchema('投保单位名称', 'Name of the insured unit'),
    regionCode: { ...RegionCodeSchema, title: '所在地区', description: 'County where it operates' },
    address: Type.Optional(textSchema('地址', 'Address of the site', 200)),
    industry: enumOf(industries),
    nicCode: Type.Optional(
      Type.String({
        title: '国民经济行业分类',
        description: 'GB/T 4754-2017 class, 4 digits',
        pattern: '^\\d{4}$',
        maxLength: 4,
      }),
    ),
    safetyLicenseNo: Type.Optional(textSchema('安全生产许可证号', 'Safety production licence', 64)),
    principal: {
      ...PersonSchema,
      title: '主要负责人',
      description: 'Principal responsible person',
    },
    actualController: Type.Optional({
      ...PersonSchema,
      title: '实际控制人',
      description: 'Actual controller of the unit',
    }),
    employeeCount: countSchema('从业人员数', 'Number of employees'),
    standardizationGrade: Type.Optional(enumOf(standardizationGrades)),
  },
  { title: '投保单位', description: 'The insured unit', additionalProperties: false },
)

const RateAdjustmentSchema = Type.Object(
  {
    reason: enumOf(rateAdjustmentReasons),
    factor: { ...RateSchema, title: '浮动系数', description: 'Factor, e.g. "-0.15" for 15% off' },
  },
  { title: '费率浮动', description: 'One rate adjustment', additionalProperties: false },
)

const CoinsurerSchema = Type.Object(
  {
    insurerCode: { ...CreditCodeSchema, title: '共保公司代码', description: 'Co-insurer' },
    share: { ...RateSchema, title: '份额', description: 'Share of the risk, e.g. "0.4"' },
  },
  { title: '共保人', description: 'A co-insurer and its share', additionalProperties: false },
)

export const PolicySchema = Type.Object(
  {
    policyNo: { ...BusinessKeySchema, title: '保单号', description: 'Policy number' },
    productCode: Type.Optional(textSchema('产品代码', 'Product or clause code', 64)),
    clauseFilingNo: Type.Optional(textSchema('条款备案号', 'Clause filing number', 64)),
    insured: InsuredSchema,
    issueDate: { ...DateSchema, title: '签单日期', description: 'Date the policy was issued' },
    periodStart: { ...DateSchema, title: '保险期间起期', description: 'First day of cover' },
    periodEnd: { ...DateSchema, title: '保险期间止期', description: 'Last day of cover' },
    insuredHeadcount: countSchema('投保人数', 'Persons insured'),
    perPersonLimit: {
      ...MoneySchema,
      title: '每人死亡伤残责任限额',
      description: 'Per-person death and disability limit',
    },
    perPersonMedicalLimit: Type.Optional({
      ...MoneySchema,
      title: '每人医疗费用限额',
      description: 'Per-person medical expense limit',
    }),
    totalLimit: Type.Optional({
      ...MoneySchema,
      title: '累计责任限额',
      description: 'Total limit',
    }),
    premium: { ...MoneySchema, title: '应收保费', description: 'Premium due' },
    premiumCollected: {
      ...MoneySchema,
      title: '实收保费',
      description: 'Premium actually collected to date, net of refunds',
    },
    baseRate: { ...RateSchema, title: '基准费率', description: 'Base rate' },
    finalRate: {
      ...RateSchema,
      title: '实际费率',
      description: 'Final rate = baseRate × (1 + Σ factor), to 6 decimals',
    },
    rateAdjustments: Type.Optional(
      Type.Array(RateAdjustmentSchema, {
        title: '费率浮动',
        description: 'Rate adjustments',
        maxItems: 20,
      }),
    ),
    commissionRate: Type.Optional({
      ...RateSchema,
      title: '手续费比例',
      description: 'Commission rate; at most 0.05 (national measures, art. 14)',
    }),
    intermediary: Type.Optional(
      Type.Object(
        { creditCode: CreditCodeSchema, kind: enumOf(intermediaryKinds) },
        { title: '中介机构', description: 'Broker or agent', additionalProperties: false },
      ),
    ),
    coinsurers: Type.Optional(
      Type.Array(CoinsurerSchema, {
        title: '共保',
        description: 'Co-insurance: every insurer with its share, the leader included; sum 1',
        maxItems: 20,
      }),
    ),
    renewalOf: Type.Optional({
      ...BusinessKeySchema,
      title: '续保原保单号',
      description: 'The previous policy this one renews',
    }),
    status: enumOf(policyStatuses),
    terminatedAt: Type.Optional({
      ...DateSchema,
      title: '终止日期',
      description: 'Date of early termination; required when terminated',
    }),
    terminationReason: Type.Optional(enumOf(terminationReasons)),
    ...commonRecordFields,
  },
  {
    $id: 'Policy',
    title: '保单',
    description: 'A work-safety liability policy (SPEC §4.1)',
    additionalProperties: false,
  },
)

export type Policy = Static<typeof PolicySchema>
