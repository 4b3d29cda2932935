import { Type } from 'typebox'
import { SUBMISSION_DAYS } from '../../../supervision/rules.js'
import { YearSchema } from '../search.js'
import { countFigure, moneyFigure, ratioFigure, ruleSchema, viewAnswerSchema } from './common.js'

export const EvaluationQuerySchema = Type.Object(
  { year: { ...YearSchema, description: 'The year evaluated (required)' } },
  { additionalProperties: false },
)

const nullableCount = (title: string, description: string) =>
  Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    title,
    description: `${description}; null for a caller scoped to part of the province`,
  })

const EvaluationItemSchema = Type.Object(
  {
    insurerCode: Type.String({ title: '保险机构代码', description: 'The insurer' }),
    premiumCollected: moneyFigure('实收保费', 'Premium collected on policies issued in the year'),
    spent: moneyFigure('预防费用支出', 'Ledger expenses and adjustments booked in the year'),
    spendRatio: ratioFigure('预防费用占比', 'spent / premiumCollected'),
    policies: countFigure('承保保单数', 'Policies issued in the year'),
    services: countFigure('服务次数', 'Services in progress or completed, started in the year'),
    servicesPerPolicy: ratioFigure('件均服务次数', 'services / policies'),
    majorHazards: Type.Object(
      {
        found: countFigure('发现', 'Major hazards found in the year'),
        rectified: countFigure('已整改', 'Of them, rectified or closed'),
        reportedToAuthority: countFigure('已报告', 'Of them, reported to an authority'),
      },
      { title: '重大事故隐患', description: 'Major hazards', additionalProperties: false },
    ),
    records: countFigure('应报送记录数', 'Records whose business date falls in the year'),
    recordsOnTime: countFigure(
      '按时报送记录数',
      `Of them, received within ${SUBMISSION_DAYS} days`,
    ),
    onTimeSubmissionRate: ratioFigure('按时报送率', 'recordsOnTime / records'),
    writesAccepted: nullableCount('接收写入次数', 'Record writes accepted in the year'),
    writesRejected: nullableCount('拒收写入次数', 'Record writes refused (400 or 422) in the year'),
    rejectedSubmissionRate: ratioFigure(
      '拒收率',
      'writesRejected / (writesAccepted + writesRejected); null when scoped to part of the ' +
        'province',
    ),
  },
  { title: '机构评估指标', description: 'One insurer', additionalProperties: false },
)

export const InsurerEvaluationSchema = viewAnswerSchema(
  '承保机构年度评估',
  ruleSchema({
    capRatio: Type.String({ title: '费用上限比例', description: 'PREVENTION_CAP_RATIO' }),
    submissionDays: countFigure('按时报送天数', 'Days after the business date still on time'),
  }),
  EvaluationItemSchema,
)
