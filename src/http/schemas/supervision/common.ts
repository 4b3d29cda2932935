import { type TProperties, type TSchema, Type } from 'typebox'
import { industries } from '../../../domain/dictionaries/policies.js'
import { groupings } from '../../../supervision/grouping.js'
import { enumOf } from '../common.js'
import { YearSchema } from '../search.js'

/** The query every supervision view takes: the year (required) and the grouping. */
export const ViewQuerySchema = Type.Object(
  {
    year: { ...YearSchema, description: 'The year the figures are for (required)' },
    groupBy: Type.Enum([...groupings], {
      title: '分组方式',
      description: 'Group by insurer, by city (region) or by industry',
      default: 'insurer',
    }),
  },
  { additionalProperties: false },
)

export type ViewQuery = { year: number; groupBy: (typeof groupings)[number] }

/** A money figure answered by a view: a decimal string with 2 decimals. */
export function moneyFigure(title: string, description: string) {
  return Type.String({ title, description, pattern: '^-?\\d+\\.\\d{2}$', examples: ['12800.00'] })
}

/** A ratio answered by a view: 4 decimals, or null when its denominator is zero. */
export function ratioFigure(title: string, description: string) {
  return Type.Union(
    [Type.String({ pattern: '^-?\\d+\\.\\d{4}$', examples: ['0.2500'] }), Type.Null()],
    { title, description: `${description}; 4 decimals, null when the denominator is 0` },
  )
}

export function countFigure(title: string, description: string) {
  return Type.Integer({ title, description, minimum: 0 })
}

/** The group an item belongs to: exactly one of these, by `groupBy`. */
export const groupProperties = {
  insurerCode: Type.Optional(
    Type.String({ title: '保险机构代码', description: 'The group, when grouped by insurer' }),
  ),
  regionCode: Type.Optional(
    Type.Union([Type.String({ pattern: '^45\\d{2}00$' }), Type.Null()], {
      title: '地市',
      description:
        'The group, when grouped by region: a city code (first 4 digits + 00); null for ' +
        'records without a region (ledger entries paying for no service)',
    }),
  ),
  industry: Type.Optional(
    Type.Union([enumOf(industries), Type.Null()], {
      title: '行业领域',
      description: 'The group, when grouped by industry; null for records without one',
    }),
  ),
} satisfies TProperties

/** The rule a view states it applied, with its own thresholds. */
export function ruleSchema(thresholds: TProperties) {
  return Type.Object(
    {
      code: Type.String({ title: '规则代码', description: 'Stable code of the rule applied' }),
      basis: Type.String({
        title: '依据与口径',
        description: 'The regulatory basis and how each figure is counted',
      }),
      thresholds: Type.Object(thresholds, {
        title: '阈值',
        description: 'The thresholds in force (from configuration where configurable)',
        additionalProperties: false,
      }),
    },
    { title: '适用规则', description: 'The rule the answer applied', additionalProperties: false },
  )
}

/** `{year, rule, items}`, SPEC §6, with any further fields of the view. */
export function viewAnswerSchema(
  title: string,
  rule: TSchema,
  item: TSchema,
  extra: TProperties = {},
) {
  return Type.Object(
    {
      year: { ...YearSchema, description: 'The year the figures are for' },
      rule,
      items: Type.Array(item, { title: '分组结果', description: 'One item per group' }),
      ...extra,
    },
    {
      title,
      description: `${title}: the figures, the rule and its thresholds`,
      additionalProperties: false,
    },
  )
}
