import { Type } from 'typebox'
import { serviceTypes } from '../../../domain/dictionaries/services.js'
import { enumOf, RateSchema } from '../common.js'
import {
  countFigure,
  groupProperties,
  moneyFigure,
  ratioFigure,
  ruleSchema,
  viewAnswerSchema,
} from './common.js'

const object = (
  title: string,
  description: string,
  properties: Parameters<typeof Type.Object>[0],
) => Type.Object(properties, { title, description, additionalProperties: false })

const OverviewItemSchema = object('监管总览分组', 'The overview of one group', {
  ...groupProperties,
  policies: countFigure('承保保单数', 'Policies issued in the year'),
  policiesInForce: countFigure('有效保单数', 'Of those, in force today'),
  enterprisesCovered: countFigure('参保企业数', 'Distinct insured units of those policies'),
  insuredHeadcount: countFigure('投保人数', 'Insured headcount of those policies'),
  premium: moneyFigure('应收保费', 'Premium of those policies'),
  premiumCollected: moneyFigure('实收保费', 'Premium collected on those policies'),
  claims: object('理赔', 'Claims whose accident happened in the year', {
    count: countFigure('赔案数', 'Claims'),
    paid: moneyFigure('已决赔款', 'Paid amounts of paid claims'),
    reserved: moneyFigure('未决估损', 'Reserves of open claims (reported, registered, assessed)'),
    deaths: countFigure('死亡人数', 'Deaths'),
    injuries: countFigure('受伤人数', 'Serious and minor injuries'),
  }),
  lossRatio: ratioFigure('赔付率', '(paid + reserved) / premium'),
  services: Type.Array(
    object('服务类型统计', 'Services of one type', {
      type: enumOf(serviceTypes),
      count: countFigure('服务次数', 'Services in progress or completed, started in the year'),
      cost: moneyFigure('服务成本', 'Their cost'),
    }),
    { title: '事故预防服务', description: 'Every service type, in dictionary order' },
  ),
  training: object('培训', 'Training services', {
    participants: countFigure('培训人数', 'Participants'),
    followUps: countFigure('效果评估次数', 'Trainings with a follow-up score'),
    averageFollowUpScore: Type.Union(
      [Type.String({ pattern: '^\\d+\\.\\d{2}$', examples: ['86.50'] }), Type.Null()],
      { title: '效果评估平均分', description: 'Average follow-up score (0-100); null when none' },
    ),
  }),
  drills: object('应急演练', 'Emergency drills', {
    count: countFigure('演练次数', 'Drills'),
    participants: countFigure('演练人数', 'Participants'),
  }),
  riskClasses: object('风险分级', 'Insured units by risk class (per insurer)', {
    high: countFigure('高风险', 'Units classed high risk'),
    medium: countFigure('中风险', 'Units classed medium risk'),
    low: countFigure('低风险', 'Units classed low risk'),
  }),
  rateFloating: object('费率浮动', 'Downward adjustments for safety standardisation', {
    count: countFigure('下浮次数', 'Adjustments with reason standardization and a negative factor'),
    averageFactor: Type.Union([{ ...RateSchema, examples: ['-0.1500'] }, Type.Null()], {
      title: '平均浮动系数',
      description: 'Their average factor, 4 decimals; null when none',
    }),
  }),
  complianceFlags: object('合规预警', 'Policies of the year carrying each flag', {
    headcountBelowEmployees: countFigure('未全员参保', 'Flag headcount_below_employees'),
    limitBelowMinimum: countFigure('限额低于标准', 'Flag limit_below_minimum'),
    commissionAboveMaximum: countFigure(
      '手续费超标',
      'commissionRate above maxCommissionRate (refused on write since 2025; legacy data)',
    ),
    lateRenewal: countFigure('脱保续保', 'Flag late_renewal'),
  }),
})

export const OverviewSchema = viewAnswerSchema(
  '安责险监管总览',
  ruleSchema({
    minPerPersonLimit: Type.String({ title: '每人限额标准', description: 'MIN_PER_PERSON_LIMIT' }),
    maxCommissionRate: Type.String({
      title: '手续费上限',
      description: 'National measures, art. 14',
    }),
    today: Type.String({
      title: '评估日期',
      description: 'The day policies in force are counted on',
    }),
  }),
  OverviewItemSchema,
)
