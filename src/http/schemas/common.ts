import { type TSchemaOptions, Type } from 'typebox'
import { codesOf, type Dictionary } from '../../domain/dictionaries/dictionary.js'
import { CREDIT_CODE_PATTERN } from '../../domain/values/credit-code.js'
import {
  BUSINESS_KEY_PATTERN,
  DATE_PATTERN,
  MONEY_PATTERN,
  RATE_PATTERN,
  SIGNED_MONEY_PATTERN,
  TIMESTAMP_PATTERN,
} from '../../domain/values/formats.js'

/*
 * The value types of SPEC §1, shared by every record kind. Each `maxLength` is the longest
 * string its pattern admits; checks that need data (calendar days, check characters, the region
 * table) run in the domain rules, so that they answer with a precise field error.
 */

export const MoneySchema = Type.String({
  'x-error': 'invalid_money',
  title: '金额（元）',
  description: 'Amount in yuan as a decimal string with at most 2 decimals, never a JSON number',
  pattern: MONEY_PATTERN,
  maxLength: 18,
  examples: ['12800.00'],
})

export const SignedMoneySchema = Type.String({
  'x-error': 'invalid_money',
  title: '金额（元，可为负）',
  description: 'Amount in yuan as a decimal string with at most 2 decimals; may be negative',
  pattern: SIGNED_MONEY_PATTERN,
  maxLength: 19,
  examples: ['-1500.00'],
})

export const RateSchema = Type.String({
  'x-error': 'invalid_rate',
  title: '比率',
  description: 'Rate, ratio or factor as a decimal string with at most 6 decimals',
  pattern: RATE_PATTERN,
  maxLength: 23,
  examples: ['0.0035', '-0.15'],
})

export const DateSchema = Type.String({
  'x-error': 'invalid_date',
  title: '日期',
  description: 'Calendar date as YYYY-MM-DD',
  format: 'date',
  pattern: DATE_PATTERN,
  maxLength: 10,
  examples: ['2026-03-01'],
})

export const TimestampSchema = Type.String({
  'x-error': 'invalid_timestamp',
  title: '时间',
  description: 'RFC 3339 timestamp with a UTC offset (or Z)',
  format: 'date-time',
  pattern: TIMESTAMP_PATTERN,
  maxLength: 35,
  examples: ['2026-03-01T09:30:00+08:00'],
})

export const BusinessKeySchema = Type.String({
  'x-error': 'invalid_key',
  title: '业务编号',
  description: "The insurer's own number: a letter or digit, then letters, digits, . _ -",
  pattern: BUSINESS_KEY_PATTERN,
  maxLength: 64,
  examples: ['PAZX2026000123'],
})

export const CreditCodeSchema = Type.String({
  'x-error': 'invalid_credit_code',
  title: '统一社会信用代码',
  description: 'Unified social credit code (GB 32100-2015); its check character is verified too',
  pattern: CREDIT_CODE_PATTERN,
  maxLength: 18,
  examples: ['91450100MA5K7B2X5R'],
})

export const RegionCodeSchema = Type.String({
  title: '行政区划代码',
  description: 'Administrative division code (GB/T 2260) of Guangxi, see dictionary `regions`',
  pattern: '^45\\d{4}$',
  maxLength: 6,
  examples: ['450102'],
})

/** An enum whose codes come from a dictionary, so that schema and dictionary cannot disagree. */
export function enumOf<Code extends string>(
  dictionary: Dictionary<string, Code>,
  options: TSchemaOptions = {},
) {
  return Type.Enum(codesOf(dictionary), {
    title: dictionary.title.zh,
    description: `${dictionary.title.en}: a code of the dictionary \`${dictionary.name}\``,
    ...options,
  })
}
