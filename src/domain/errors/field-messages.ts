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
  invalid_characters: () => ({
    zh: '含有无法保存的字符（U+0000 或不成对的代理项）',
    en: 'holds characters that cannot be stored (U+0000 or an unpaired surrogate)',
  }),
  too_deep: (p) => ({
    zh: `嵌套层级不得超过 ${p.limit} 层`,
    en: `must not be nested more than ${p.limit} levels deep`,
  }),
  required_when: (p) => ({
    zh: `${p.when} 时必须填写 ${p.field}`,
    en: `${p.field} is required when ${p.when}`,
  }),
  status_move_not_allowed: (p) => ({
    zh: `状态不能从 ${p.from} 变为 ${p.to}（只能向前推进）`,
    en: `status may not move from ${p.from} to ${p.to} (forward only)`,
  }),
  key_mismatch: (p) => ({
    zh: `请求体中的 ${p.field} 必须与路径中的编号 ${p.key} 一致`,
    en: `${p.field} in the body must equal the key ${p.key} in the path`,
  }),
  reference_not_found: (p) => ({
    zh: `本公司不存在 ${p.kind} ${p.key}`,
    en: `no ${p.kind} ${p.key} of this insurer`,
  }),
  reference_invalid: (p) => ({ zh: `引用无效：${p.reason}`, en: `invalid reference: ${p.reason}` }),
  below_minimum: (p) => ({ zh: `不得低于 ${p.minimum}`, en: `must be at least ${p.minimum}` }),
  above_maximum: (p) => ({ zh: `不得高于 ${p.maximum}`, en: `must be at most ${p.maximum}` }),
  not_after: (p) => ({ zh: `必须晚于 ${p.other}`, en: `must be after ${p.other}` }),
  before: (p) => ({ zh: `不得早于 ${p.other}`, en: `must not be before ${p.other}` }),
  not_allowed_when: (p) => ({
    zh: `${p.when} 时不得填写 ${p.field}`,
    en: `${p.field} must be absent when ${p.when}`,
  }),
  outside_year: (p) => ({ zh: `应在 ${p.year} 年度内`, en: `must fall within year ${p.year}` }),
  rate_mismatch: (p) => ({
    zh: `实际费率应等于基准费率 ×（1 + 浮动系数之和）= ${p.expected}`,
    en: `must equal baseRate × (1 + Σ factor) = ${p.expected}`,
  }),
  shares_not_one: (p) => ({
    zh: `共保份额（含主承保人）之和应为 1，实际为 ${p.sum}`,
    en: `shares, the leader's included, must sum to 1, not ${p.sum}`,
  }),
  leader_missing: () => ({
    zh: '共保列表须包含主承保公司本身',
    en: 'co-insurers must include the leading insurer itself',
  }),
  role_requires: (p) => ({
    zh: `角色 ${p.role} 必须填写此字段`,
    en: `is required for role ${p.role}`,
  }),
  role_forbids: (p) => ({
    zh: `角色 ${p.role} 不得填写此字段`,
    en: `must be absent for role ${p.role}`,
  }),
  jwk_private: () => ({
    zh: '只接受公钥：不得包含私钥或对称密钥成员',
    en: 'must be a public key: private or symmetric key members are refused',
  }),
  jwk_unsupported: () => ({
    zh: '只接受 EC P-256（ES256）或 RSA（RS256）公钥',
    en: 'only EC P-256 (ES256) and RSA (RS256) public keys are accepted',
  }),
  jwk_rsa_too_short: (p) => ({
    zh: `RSA 密钥长度为 ${p.bits} 位，至少应为 ${p.minimum} 位`,
    en: `RSA key has ${p.bits} bits; at least ${p.minimum} are required`,
  }),
  jwk_invalid: () => ({ zh: '不是可用的公钥', en: 'is not a usable public key' }),
  duplicate_kid: (p) => ({
    zh: `密钥标识 ${p.kid} 重复`,
    en: `key id ${p.kid} appears more than once`,
  }),
  duplicate_entry: (p) => ({
    zh: `与 ${p.other} 重复`,
    en: `appears again after ${p.other}`,
  }),
  invalid: (p) => ({ zh: `不合法：${p.reason ?? ''}`, en: `is invalid: ${p.reason ?? ''}` }),
} satisfies Record<string, Message>

export type FieldErrorCode = keyof typeof fieldMessages
