type Params = Record<string, string | number>
type Message = (p: Params) => { zh: string; en: string }

/**
 * Messages for field-level failures, in Chinese (the default) and English. Codes are part of the
 * contract: never renamed or reused.
 */
export const fieldMessages = {
  required: (p) => ({ zh: `缺少必填字段 ${p.field}`, en: `missing required field ${p.field}` }),
  unknown_field: (p) => ({
    zh: `不允许的字段 ${p.field}`,
    en: `unknown field ${p.field} is not allowed`,
  }),
  invalid_type: (p) => ({ zh: `类型应为 ${p.expected}`, en: `must be of type ${p.expected}` }),
  invalid_format: (p) => ({ zh: `格式应为 ${p.format}`, en: `must be a valid ${p.format}` }),
  invalid_value: (p) => ({
    zh: `取值应为以下之一：${p.allowed}`,
    en: `must be one of: ${p.allowed}`,
  }),
  too_long: (p) => ({ zh: `长度不得超过 ${p.limit}`, en: `must be at most ${p.limit} long` }),
  too_short: (p) => ({ zh: `长度不得少于 ${p.limit}`, en: `must be at least ${p.limit} long` }),
  too_many_items: (p) => ({
    zh: `条目不得超过 ${p.limit} 项`,
    en: `must have at most ${p.limit} items`,
  }),
  too_few_items: (p) => ({
    zh: `条目不得少于 ${p.limit} 项`,
    en: `must have at least ${p.limit} items`,
  }),
  out_of_range: (p) => ({
    zh: `数值应 ${p.comparison} ${p.limit}`,
    en: `must be ${p.comparison} ${p.limit}`,
  }),
  invalid_money: () => ({
    zh: '金额应为以元为单位、最多两位小数的字符串，如 "12800.00"',
    en: 'must be an amount in yuan as a string with at most 2 decimals, like "12800.00"',
  }),
  invalid_rate: () => ({
    zh: '比率应为小数字符串，如 "0.0035"',
    en: 'must be a decimal string, like "0.0035"',
  }),
  invalid_date: () => ({ zh: '日期格式应为 YYYY-MM-DD', en: 'must be a date as YYYY-MM-DD' }),
  invalid_timestamp: () => ({
    zh: '时间应为带时区偏移的 RFC 3339 格式，如 2026-03-01T09:30:00+08:00',
    en: 'must be an RFC 3339 timestamp with offset, like 2026-03-01T09:30:00+08:00',
  }),
  invalid_key: () => ({
    zh: '业务编号须以字母或数字开头，仅含字母、数字、点、下划线、连字符，最长 64 位',
    en: 'must start with a letter or digit and hold only letters, digits, . _ -, at most 64',
  }),
  invalid_credit_code: () => ({
    zh: '统一社会信用代码格式不符合 GB 32100-2015',
    en: 'is not a unified social credit code of the GB 32100-2015 form',
  }),
  credit_code_checksum: () => ({
    zh: '统一社会信用代码校验码错误',
    en: 'unified social credit code fails its check character',
  }),
  region_unknown: () => ({
    zh: '不是广西壮族自治区的行政区划代码（GB/T 2260）',
    en: 'is not an administrative division code (GB/T 2260) of Guangxi',
  }),
  region_not_county: () => ({
    zh: '应为县级行政区划代码',
    en: 'must be a county-level division code',
  }),
  invalid_json: () => ({ zh: '请求体不是合法的 JSON', en: 'body is not valid JSON' }),
  invalid: (p) => ({ zh: `不合法：${p.reason ?? ''}`, en: `is invalid: ${p.reason ?? ''}` }),
} satisfies Record<string, Message>

export type FieldErrorCode = keyof typeof fieldMessages
