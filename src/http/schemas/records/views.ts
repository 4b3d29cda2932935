import { type TObject, type TProperties, type TSchema, Type } from 'typebox'
import { BusinessKeySchema, TimestampSchema } from '../common.js'

const MetaSchema = Type.Object(
  {
    insurerCode: Type.String({ title: '保险机构代码', description: 'Insurer that owns it' }),
    version: Type.Integer({ title: '版本号', description: 'Version, from 1', minimum: 1 }),
    createdAt: { ...TimestampSchema, title: '创建时间', description: 'When version 1 arrived' },
    updatedAt: {
      ...TimestampSchema,
      title: '更新时间',
      description: 'When this version arrived',
    },
    receivedBy: Type.String({ title: '提交客户端', description: 'Client that sent it' }),
  },
  { title: '元数据', description: 'Platform metadata', additionalProperties: false },
)

const FlagsSchema = Type.Array(Type.String({ title: '标记代码', description: 'Warning code' }), {
  title: '监管标记',
  description: 'Codes of the supervisory warnings the record carries',
})

export const WarningSchema = Type.Object(
  {
    path: Type.String({ title: '字段路径', description: 'JSON Pointer of the field' }),
    code: Type.String({ title: '预警代码', description: 'Stable warning code' }),
    message: Type.String({ title: '说明', description: "Message in the caller's language" }),
  },
  {
    title: '监管预警',
    description: 'A supervisory rule the record breaches; it is stored all the same',
    additionalProperties: false,
  },
)

export const ReceiptSchema = Type.Object(
  {
    receiptId: Type.String({ title: '回执编号', description: 'Receipt id (UUID)', format: 'uuid' }),
    insurerCode: Type.String({ title: '保险机构代码', description: 'Insurer' }),
    kind: Type.String({ title: '数据类别', description: 'Record kind, or batch' }),
    key: Type.String({ title: '业务编号', description: 'Record key, or the batch request id' }),
    version: Type.Union([Type.Integer(), Type.Null()], {
      title: '版本号',
      description: 'Version stored; null for a batch',
    }),
    sha256: Type.String({ title: '内容摘要', description: 'SHA-256 of the canonical JSON' }),
    receivedAt: { ...TimestampSchema, title: '接收时间', description: 'When it was received' },
    signature: Type.String({
      title: '平台签名',
      description: 'Compact JWS by the platform key over the other fields',
    }),
  },
  {
    $id: 'Receipt',
    title: '回执',
    description: 'Proof that the platform received exactly this content',
    additionalProperties: false,
  },
)

export const receiptRef = Type.Unsafe<unknown>(Type.Ref('Receipt'))

/** The record as answered on reads: the body's fields plus meta, derived and flags. */
export function recordViewSchema(
  name: string,
  body: TObject,
  derived: TProperties,
  title: string,
): TObject {
  return Type.Object(
    {
      ...body.properties,
      meta: MetaSchema,
      derived: Type.Object(derived, {
        title: '平台计算字段',
        description: 'Computed by the platform, never sent by insurers',
        additionalProperties: false,
      }),
      flags: FlagsSchema,
    },
    { $id: name, title, description: `${title} as stored`, additionalProperties: false },
  )
}

/** The answer to a write: the stored record, its receipt (not on dry runs) and warnings. */
export function writeResultSchema(name: string, view: TObject, title: string): TSchema {
  return Type.Object(
    {
      ...view.properties,
      receipt: Type.Optional(receiptRef),
      warnings: Type.Array(WarningSchema, { title: '监管预警', description: 'Warnings' }),
    },
    {
      $id: name,
      title,
      description: 'The stored record with its receipt and warnings',
      additionalProperties: false,
    },
  )
}

export const KeyParamSchema = { ...BusinessKeySchema, title: '业务编号', description: 'Key' }
