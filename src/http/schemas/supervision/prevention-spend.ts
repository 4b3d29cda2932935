import { Type } from 'typebox'
import {
  countFigure,
  groupProperties,
  moneyFigure,
  ratioFigure,
  ruleSchema,
  viewAnswerSchema,
} from './common.js'

const ratioThreshold = (title: string, description: string) =>
  Type.String({ title, description, pattern: '^\\d+(\\.\\d+)?$', examples: ['0.21'] })

const SpendItemSchema = Type.Object(
  {
    ...groupProperties,
    premiumCollected: moneyFigure(
      '实收保费',
      'Premium collected on the policies issued in the year',
    ),
    cap: moneyFigure('费用上限', 'PREVENTION_CAP_RATIO of premium collected, to the fen'),
    budget: Type.Union([moneyFigure('专项预算', 'Budget'), Type.Null()], {
      title: '专项预算',
      description:
        'Ledger budget entries booked in the year; null unless grouped by insurer for a ' +
        'province-wide caller, since a budget has no region',
    }),
    spent: moneyFigure('已支出', 'Ledger expenses and adjustments booked in the year'),
    ratio: ratioFigure('支出占比', 'spent / premiumCollected'),
    unlinkedExpenses: countFigure(
      '未关联服务的支出',
      'Expenses whose service is missing or voided',
    ),
    flags: Type.Array(
      Type.Enum(['over_cap', 'near_cap', 'over_budget', 'under_invested', 'unlinked_expense'], {
        title: '预警代码',
        description: 'A finding',
      }),
      {
        title: '预警',
        description:
          'over_cap: spent above the cap; near_cap: ratio at least nearCapRatio but not over ' +
          'the cap; over_budget: spent above the budget (only where the budget is shown); ' +
          'under_invested: ratio below minRatio (off when 0); unlinked_expense: an expense ' +
          'pays for a missing or voided service',
      },
    ),
  },
  {
    title: '预防费用分组',
    description: 'Prevention spending of one group',
    additionalProperties: false,
  },
)

export const PreventionSpendSchema = viewAnswerSchema(
  '事故预防费用监测',
  ruleSchema({
    capRatio: ratioThreshold('费用上限比例', 'PREVENTION_CAP_RATIO'),
    nearCapRatio: ratioThreshold('临近上限比例', 'Ratio from which near_cap is raised'),
    minRatio: ratioThreshold('最低投入比例', 'PREVENTION_MIN_RATIO; 0 turns under_invested off'),
  }),
  SpendItemSchema,
)
