import { Type } from 'typebox'
import { industries } from '../../domain/dictionaries/policies.js'
import { MAX_NAME_LENGTH, MAX_REGISTRY_ROWS } from '../../domain/registry/enterprises.js'
import { CreditCodeSchema, enumOf, RegionCodeSchema, TimestampSchema } from './common.js'

/**
 * A row as sent. Its values are checked by the import's own rules (check character, county of
 * Guangxi, industry dictionary), which answer 422 naming every rejected row at once, the same
 * for CSV and JSON; the schema only holds the shape.
 */
const RegistryRowSchema = Type.Object(
  {
    creditCode: Type.String({
      title: '统一社会信用代码',
      description: 'GB 32100-2015, check character verified (or allow-listed)',
      maxLength: 18,
    }),
    name: Type.String({ title: '单位名称', description: 'Name of the unit', maxLength: 200 }),
    regionCode: Type.String({
      title: '行政区划代码',
      description: 'County-level division of Guangxi where the unit operates',
      maxLength: 6,
    }),
    industry: Type.String({
      title: '行业领域',
      description: 'A code of the dictionary `industries`',
      maxLength: 32,
    }),
  },
  { title: '名录单位', description: 'A unit that must insure', additionalProperties: false },
)

export const RegistryJsonSchema = Type.Object(
  {
    enterprises: Type.Array(RegistryRowSchema, {
      title: '企业名录',
      description: 'Every unit of the new registry',
      maxItems: MAX_REGISTRY_ROWS,
    }),
  },
  { title: '企业名录导入', description: 'The whole registry as JSON', additionalProperties: false },
)

export const RegistryCsvSchema = Type.String({
  title: '企业名录（CSV）',
  description:
    'UTF-8 CSV (RFC 4180), header creditCode,name,regionCode,industry (any order), one unit ' +
    'a line; errors name the line as /lines/{line}/{field}, the header being line 1',
  examples: [
    'creditCode,name,regionCode,industry\n91450100MA5K7B2X5R,南宁某化工厂,450102,hazardous_chemicals\n',
  ],
})

export const RegistryImportResultSchema = Type.Object(
  {
    count: Type.Integer({ title: '单位数', description: 'Units in the registry now', minimum: 0 }),
    importedAt: { ...TimestampSchema, title: '导入时间', description: 'When it was replaced' },
  },
  { title: '导入结果', description: 'The registry was replaced', additionalProperties: false },
)

export const RegistryListQuerySchema = Type.Object(
  {
    after: Type.Optional({
      ...CreditCodeSchema,
      title: '起始代码',
      description: 'nextAfter of the previous page',
    }),
    limit: Type.Integer({
      title: '每页条数',
      description: 'Units per page, 1 to 1000',
      minimum: 1,
      maximum: 1000,
      default: 1000,
    }),
  },
  { additionalProperties: false },
)

export const RegistryPageSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          creditCode: CreditCodeSchema,
          name: Type.String({ title: '单位名称', description: 'Name', maxLength: MAX_NAME_LENGTH }),
          regionCode: RegionCodeSchema,
          industry: enumOf(industries),
          importedAt: {
            ...TimestampSchema,
            title: '导入时间',
            description: 'When it was imported',
          },
        },
        { title: '名录单位', description: 'A unit that must insure', additionalProperties: false },
      ),
      { title: '企业名录', description: 'Units in credit-code order' },
    ),
    nextAfter: Type.Union([CreditCodeSchema, Type.Null()], {
      title: '下一页起点',
      description: 'Pass as after for the next page; null on the last page',
    }),
  },
  { title: '企业名录', description: 'One page of the registry', additionalProperties: false },
)
