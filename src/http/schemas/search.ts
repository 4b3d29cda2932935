import { type TProperties, Type } from 'typebox'
import { hazardLevels } from '../../domain/dictionaries/hazards.js'
import { industries } from '../../domain/dictionaries/policies.js'
import { serviceTypes } from '../../domain/dictionaries/services.js'
import type { RecordKindName } from '../../domain/records/kinds.js'
import { CreditCodeSchema, enumOf, RegionCodeSchema, TimestampSchema } from './common.js'

export const YearSchema = Type.Integer({
  title: '年度',
  description: 'Calendar year',
  minimum: 2000,
  maximum: 2100,
})

/** The filters of SPEC §5 that every kind's search takes. */
export const commonSearchFilters = {
  insurerCode: Type.Optional({ ...CreditCodeSchema, title: '保险机构', description: 'Insurer' }),
  regionCode: Type.Optional({
    ...RegionCodeSchema,
    title: '地区',
    description: 'Region; matches it and every division inside it',
  }),
  industry: Type.Optional(enumOf(industries)),
  status: Type.Optional(
    Type.String({ title: '状态', description: 'Status code of the kind', maxLength: 32 }),
  ),
  updatedSince: Type.Optional({
    ...TimestampSchema,
    title: '更新起始时间',
    description: 'Only records changed at or after this time',
  }),
  limit: Type.Integer({
    title: '每页条数',
    description: 'Page size, 1 to 1000',
    minimum: 1,
    maximum: 1000,
    default: 100,
  }),
  cursor: Type.Optional(
    Type.String({
      title: '游标',
      description: 'nextCursor of the previous page',
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
    }),
  ),
} satisfies TProperties

/** The kind-specific filters; their names match the storage filters of each kind. */
export const kindSearchFilters: Record<RecordKindName, TProperties> = {
  policies: { year: Type.Optional({ ...YearSchema, description: 'Year of issueDate' }) },
  claims: { year: Type.Optional({ ...YearSchema, description: 'Year of the accident' }) },
  services: {
    type: Type.Optional(enumOf(serviceTypes)),
    year: Type.Optional({ ...YearSchema, description: 'Year the service started' }),
  },
  hazards: {
    level: Type.Optional(enumOf(hazardLevels)),
    overdue: Type.Optional(
      Type.Boolean({ title: '是否逾期', description: 'Deadline passed and not rectified' }),
    ),
    year: Type.Optional({ ...YearSchema, description: 'Year the hazard was found' }),
  },
  'ledger-entries': { year: Type.Optional({ ...YearSchema, description: 'Budget year' }) },
}

export function searchQuerySchema(kind: RecordKindName) {
  return Type.Object(
    { ...commonSearchFilters, ...kindSearchFilters[kind] },
    { additionalProperties: false },
  )
}
