import { Type } from 'typebox'
import { JWT_BEARER_ASSERTION } from '../../auth/token-grant.js'

/**
 * The token request. Unknown parameters pass: RFC 6749 (section 3.2) says the server ignores
 * them, and an OAuth library may add its own. A repeated parameter arrives as an array and
 * fails its string type, which answers invalid_request as RFC 6749 asks.
 */
export const TokenRequestSchema = Type.Object(
  {
    grant_type: Type.Optional(
      Type.String({
        title: '授权类型',
        description: 'Always client_credentials',
        maxLength: 64,
        examples: ['client_credentials'],
      }),
    ),
    client_assertion_type: Type.Optional(
      Type.String({
        title: '客户端断言类型',
        description: `Always ${JWT_BEARER_ASSERTION}`,
        maxLength: 128,
        examples: [JWT_BEARER_ASSERTION],
      }),
    ),
    client_assertion: Type.Optional(
      Type.String({
        title: '客户端断言',
        description:
          'JWT signed with one of the client keys (ES256 or RS256): iss = sub = clientId, ' +
          'aud = the token endpoint URL or PUBLIC_URL, exp at most 5 minutes ahead, a jti ' +
          'never used before',
        maxLength: 8192,
      }),
    ),
    client_id: Type.Optional(
      Type.String({
        title: '客户端标识',
        description: 'Optional; when sent it must equal the assertion iss',
        maxLength: 64,
      }),
    ),
  },
  {
    title: '令牌请求',
    description: 'OAuth 2.0 client credentials with private_key_jwt (RFC 7523), form-encoded',
    additionalProperties: true,
  },
)

export const TokenResponseSchema = Type.Object(
  {
    access_token: Type.String({
      title: '访问令牌',
      description: 'JWT access token (RFC 9068), typ at+jwt, signed by the platform',
    }),
    token_type: Type.Enum(['Bearer'], { title: '令牌类型', description: 'Always Bearer' }),
    expires_in: Type.Integer({
      title: '有效期（秒）',
      description: 'Seconds until the token expires (TOKEN_TTL_SECONDS)',
      examples: [900],
    }),
  },
  { title: '令牌', description: 'An access token', additionalProperties: false },
)

export const OAuthErrorSchema = Type.Object(
  {
    error: Type.Enum(['invalid_request', 'invalid_client', 'unsupported_grant_type'], {
      title: '错误代码',
      description:
        'RFC 6749 error code. Every fault of the client assertion is invalid_client (RFC 7521 ' +
        'section 4.2.1), so invalid_grant is never answered by this grant',
    }),
    error_description: Type.String({
      title: '错误说明',
      description: 'Which check failed, in English',
    }),
  },
  {
    title: 'OAuth 错误',
    description: 'Token endpoint error (RFC 6749 section 5.2)',
    additionalProperties: false,
  },
)

const PlatformJwkSchema = Type.Object(
  {
    kty: Type.Enum(['EC', 'RSA'], { title: '密钥类型', description: 'EC or RSA' }),
    kid: Type.String({ title: '密钥标识', description: 'Key id, named in token headers' }),
    alg: Type.Enum(['ES256', 'RS256'], { title: '算法', description: 'Signature algorithm' }),
    use: Type.Enum(['sig'], { title: '用途', description: 'Always sig' }),
    crv: Type.Optional(Type.String({ title: '曲线', description: 'EC curve' })),
    x: Type.Optional(Type.String({ title: 'x 坐标', description: 'EC public point x' })),
    y: Type.Optional(Type.String({ title: 'y 坐标', description: 'EC public point y' })),
    n: Type.Optional(Type.String({ title: '模数', description: 'RSA modulus' })),
    e: Type.Optional(Type.String({ title: '公钥指数', description: 'RSA public exponent' })),
  },
  { title: '平台公钥', description: 'A public key of the platform', additionalProperties: false },
)

export const PlatformJwksSchema = Type.Object(
  {
    keys: Type.Array(PlatformJwkSchema, {
      title: '公钥列表',
      description: 'The signing key first, then keys retired less than a token lifetime ago',
    }),
  },
  {
    title: '平台公钥集',
    description: 'Verifies access tokens and write receipts (JWK Set, RFC 7517)',
    additionalProperties: false,
  },
)

const stringList = (title: string, description: string) =>
  Type.Array(Type.String({ title, description }), { title, description })

export const ServerMetadataSchema = Type.Object(
  {
    issuer: Type.String({ title: '签发者', description: 'PUBLIC_URL: iss of access tokens' }),
    token_endpoint: Type.String({ title: '令牌端点', description: 'Token endpoint URL' }),
    jwks_uri: Type.String({ title: '公钥集地址', description: 'URL of the platform JWKS' }),
    grant_types_supported: stringList('授权类型', 'Grant types: client_credentials'),
    token_endpoint_auth_methods_supported: stringList(
      '客户端认证方式',
      'Client authentication methods: private_key_jwt',
    ),
    token_endpoint_auth_signing_alg_values_supported: stringList(
      '断言签名算法',
      'Algorithms accepted for client assertions',
    ),
    response_types_supported: stringList(
      '响应类型',
      'None: there is no authorization endpoint, only client credentials',
    ),
    service_documentation: Type.String({ title: '接口文档', description: 'API documentation' }),
  },
  {
    title: '授权服务器元数据',
    description: 'OAuth 2.0 authorization server metadata (RFC 8414)',
    additionalProperties: false,
  },
)

export const PrincipalSchema = Type.Object(
  {
    clientId: Type.String({ title: '客户端标识', description: 'The calling client' }),
    role: Type.Enum(['insurer', 'regulator', 'admin'], {
      title: '角色',
      description: 'Role of the client',
    }),
    insurerCode: Type.Optional(
      Type.String({ title: '保险公司代码', description: 'Insurer credit code (role insurer)' }),
    ),
    regionCode: Type.Optional(
      Type.String({ title: '监管辖区', description: 'Division overseen (role regulator)' }),
    ),
  },
  {
    title: '当前调用方',
    description: 'Who the access token speaks for',
    additionalProperties: false,
  },
)
