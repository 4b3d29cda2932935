import { type Static, Type } from 'typebox'
import { CLIENT_ID_PATTERN, CLIENT_NAME_MAX_LENGTH } from '../../auth/client.js'
import { MAX_CLIENT_KEYS, MAX_KID_LENGTH } from '../../auth/client-jwks.js'
import { roles } from '../../auth/roles.js'
import { CREDIT_CODE_PATTERN } from '../../domain/values/credit-code.js'
import { TimestampSchema } from './common.js'

const ClientIdSchema = Type.String({
  title: '客户端标识',
  description: 'Client id: `iss` and `sub` of its assertions, `sub` of its access tokens',
  pattern: CLIENT_ID_PATTERN,
  maxLength: 64,
  examples: ['pingan-gx'],
})

/** Public members only: private members (d, p, q, dp, dq, qi, k) are refused as unknown. */
export const ClientJwkSchema = Type.Object(
  {
    kty: Type.Enum(['EC', 'RSA'], {
      title: '密钥类型',
      description: 'EC (curve P-256, for ES256) or RSA (at least 2048 bits, for RS256)',
    }),
    kid: Type.String({
      title: '密钥标识',
      description: 'Key id, unique within the set; assertions name it in their header',
      minLength: 1,
      maxLength: MAX_KID_LENGTH,
    }),
    use: Type.Optional(Type.Enum(['sig'], { title: '用途', description: 'Always sig' })),
    alg: Type.Optional(
      Type.Enum(['ES256', 'RS256'], {
        title: '算法',
        description: 'ES256 for an EC key, RS256 for an RSA key',
      }),
    ),
    key_ops: Type.Optional(
      Type.Array(
        Type.String({ title: '密钥操作', description: 'A key operation', maxLength: 16 }),
        { title: '密钥操作列表', description: 'Key operations (RFC 7517)', maxItems: 8 },
      ),
    ),
    crv: Type.Optional(Type.Enum(['P-256'], { title: '曲线', description: 'EC curve: P-256' })),
    x: Type.Optional(
      Type.String({ title: 'x 坐标', description: 'EC public point x, base64url', maxLength: 64 }),
    ),
    y: Type.Optional(
      Type.String({ title: 'y 坐标', description: 'EC public point y, base64url', maxLength: 64 }),
    ),
    n: Type.Optional(
      Type.String({ title: '模数', description: 'RSA modulus, base64url', maxLength: 2800 }),
    ),
    e: Type.Optional(
      Type.String({
        title: '公钥指数',
        description: 'RSA public exponent, base64url',
        maxLength: 16,
      }),
    ),
  },
  {
    title: '客户端公钥',
    description: 'A public JWK (RFC 7517) of the client; private and symmetric keys are refused',
    additionalProperties: false,
  },
)

export const ClientJwksSchema = Type.Object(
  {
    keys: Type.Array(ClientJwkSchema, {
      title: '公钥列表',
      description: 'The keys that verify the client assertions; two during a rotation',
      minItems: 1,
      maxItems: MAX_CLIENT_KEYS,
    }),
  },
  {
    title: '客户端公钥集',
    description: 'JWK Set (RFC 7517) of the client',
    additionalProperties: false,
  },
)

const NameSchema = Type.String({
  title: '名称',
  description: 'Name of the client, such as the insurer branch and its system',
  minLength: 1,
  maxLength: CLIENT_NAME_MAX_LENGTH,
  examples: ['中国平安财产保险股份有限公司广西分公司 承保系统'],
})

const RoleSchema = Type.Enum([...roles], {
  title: '角色',
  description:
    'insurer writes and reads its own records; regulator reads its region; admin manages',
})

const InsurerCodeSchema = Type.String({
  title: '保险公司代码',
  description: "Insurer's unified social credit code; required for role insurer, else absent",
  pattern: CREDIT_CODE_PATTERN,
  maxLength: 18,
  examples: ['91450100MA5K7B2X5R'],
})

const RegionCodeSchema = Type.String({
  title: '监管辖区',
  description: 'Guangxi division code the regulator oversees; required for role regulator',
  pattern: '^45\\d{4}$',
  maxLength: 6,
  examples: ['450000'],
})

export const NewClientSchema = Type.Object(
  {
    clientId: ClientIdSchema,
    name: NameSchema,
    role: RoleSchema,
    insurerCode: Type.Optional(InsurerCodeSchema),
    regionCode: Type.Optional(RegionCodeSchema),
    jwks: ClientJwksSchema,
  },
  {
    title: '新客户端',
    description: 'A client to register, with its public keys',
    additionalProperties: false,
  },
)

export const ClientChangesSchema = Type.Object(
  {
    name: Type.Optional(NameSchema),
    jwks: Type.Optional(ClientJwksSchema),
    disabled: Type.Optional(
      Type.Boolean({
        title: '停用',
        description: 'true disables the client: its tokens are refused within 2 seconds',
      }),
    ),
  },
  {
    title: '客户端变更',
    description: 'Fields to change; jwks replaces the whole key set (rotation)',
    additionalProperties: false,
    minProperties: 1,
  },
)

export const ClientSchema = Type.Object(
  {
    clientId: ClientIdSchema,
    name: NameSchema,
    role: RoleSchema,
    insurerCode: Type.Optional(InsurerCodeSchema),
    regionCode: Type.Optional(RegionCodeSchema),
    jwks: ClientJwksSchema,
    disabled: Type.Boolean({ title: '已停用', description: 'Whether the client is disabled' }),
    createdAt: { ...TimestampSchema, title: '注册时间', description: 'When it was registered' },
    updatedAt: { ...TimestampSchema, title: '更新时间', description: 'When it last changed' },
  },
  { title: '客户端', description: 'A registered API client', additionalProperties: false },
)

export const ClientListSchema = Type.Object(
  {
    items: Type.Array(ClientSchema, {
      title: '客户端列表',
      description: 'Every client, by clientId',
    }),
  },
  { title: '客户端列表', description: 'All registered clients', additionalProperties: false },
)

export const ClientParamsSchema = Type.Object(
  { clientId: ClientIdSchema },
  { title: '路径参数', description: 'Path parameters', additionalProperties: false },
)

export type ClientView = Static<typeof ClientSchema>
