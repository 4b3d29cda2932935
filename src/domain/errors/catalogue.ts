/**
 * The one catalogue of problem codes (RFC 9457 `code` extension). Codes are stable, lowercase,
 * part of the contract: never renamed or reused. Titles are answered in the caller's language.
 */
export const problems = {
  validation_failed: { status: 400, zh: '请求不合法', en: 'Request is invalid' },
  malformed_json: { status: 400, zh: '请求体不是合法的 JSON', en: 'Malformed JSON body' },
  bad_request: { status: 400, zh: '错误的请求', en: 'Bad request' },
  unauthorized: { status: 401, zh: '未认证', en: 'Unauthorized' },
  forbidden: { status: 403, zh: '无权访问', en: 'Forbidden' },
  not_found: { status: 404, zh: '资源不存在', en: 'Not found' },
  route_not_found: { status: 404, zh: '接口不存在', en: 'No such route' },
  method_not_allowed: { status: 405, zh: '不支持的请求方法', en: 'Method not allowed' },
  not_acceptable: { status: 406, zh: '无法提供所需的媒体类型', en: 'Not acceptable' },
  conflict: { status: 409, zh: '冲突', en: 'Conflict' },
  client_exists: { status: 409, zh: '客户端标识已被使用', en: 'Client id is already taken' },
  idempotency_in_progress: {
    status: 409,
    zh: '相同幂等键的请求仍在处理中',
    en: 'A request with this Idempotency-Key is still in progress',
  },
  precondition_failed: { status: 412, zh: '前置条件不满足', en: 'Precondition failed' },
  version_conflict: { status: 412, zh: '版本不匹配', en: 'Version does not match' },
  already_exists: { status: 412, zh: '记录已存在', en: 'Record already exists' },
  payload_too_large: { status: 413, zh: '请求体过大', en: 'Payload too large' },
  unsupported_media_type: {
    status: 415,
    zh: '不支持的媒体类型',
    en: 'Unsupported media type',
  },
  rule_violation: { status: 422, zh: '违反业务规则', en: 'Business rule violated' },
  idempotency_key_reused: {
    status: 422,
    zh: '幂等键已用于不同的请求体',
    en: 'Idempotency-Key was used with another body',
  },
  rate_limited: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  internal_error: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  service_unavailable: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const

export type ProblemCode = keyof typeof problems
