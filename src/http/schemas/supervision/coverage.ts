import { Type } from 'typebox'
import { industries } from '../../../domain/dictionaries/policies.js'
import { CreditCodeSchema, DateSchema, enumOf, RegionCodeSchema } from '../common.js'
import { YearSchema } from '../search.js'
import { countFigure, groupProperties, ratioFigure, ruleSchema } from './common.js'

export const CoverageQuerySchema = Type.Object(
  {
    year: { ...YearSchema, description: 'The year checked (required)' },
    on: Type.Optional({
      ...DateSchema,
      title: '核查日期',
      description:
        'The day a unit must be covered on, inside year; by default today in the current ' +
        'year, the last day of a past year, the first day of a future one',
    }),
    groupBy: Type.Enum(['region', 'industry'], {
      title: '分组方式',
      description: 'Summary by city (region) or by industry',
      default: 'region',
    }),
    after: Type.Optional({
      ...CreditCodeSchema,
      title: '起始代码',
      description: 'nextAfter of the previous page',
    }),
    limit: Type.Integer({
      title: '每页条数',
      description: 'Uncovered units per page, 1 to 1000',
      minimum: 1,
      maximum: 1000,
      default: 1000,
    }),
  },
  { additionalProperties: false },
)

const GapSchema = Type.Object(
  {
    creditCode: CreditCodeSchema,
    name: Type.String({ title: '单位名称', description: 'Name in the registry' }),
    regionCode: RegionCodeSchema,
    industry: enumOf(industries),
  },
  {
    title: '未参保单位',
    description: 'A registered unit without cover',
    additionalProperties: false,
  },
)

const SummarySchema = Type.Object(
  {
    regionCode: groupProperties.regionCode,
    industry: groupProperties.industry,
    registered: countFigure('名录单位数', 'Units in the registry'),
    covered: countFigure('已参保', 'Of them, covered on the day'),
    uncovered: countFigure('未参保', 'Of them, not covered'),
    coverageRate: ratioFigure('参保率', 'covered / registered'),
  },
  { title: '覆盖率分组', description: 'Coverage of one group', additionalProperties: false },
)

export const CoverageSchema = Type.Object(
  {
    year: { ...YearSchema, description: 'The year checked' },
    on: { ...DateSchema, title: '核查日期', description: 'The day checked' },
    rule: ruleSchema({
      on: Type.String({ title: '核查日期', description: 'The day checked' }),
    }),
    items: Type.Array(GapSchema, {
      title: '未参保单位',
      description: 'Registered units with no policy in force on the day, by credit code',
    }),
    nextAfter: Type.Union([CreditCodeSchema, Type.Null()], {
      title: '下一页起点',
      description: 'Pass as after for the next page; null on the last page',
    }),
    summary: Type.Array(SummarySchema, {
      title: '覆盖率汇总',
      description: 'Registered, covered and uncovered units per group',
    }),
  },
  {
    title: '应保尽保监测',
    description: 'Units of the registry without cover, and coverage per group',
    additionalProperties: false,
  },
)
