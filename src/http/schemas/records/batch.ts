import { Type } from 'typebox'
import type { RecordKindName } from '../../../domain/records/kinds.js'
import { BusinessKeySchema } from '../common.js'
import { kindSchemas } from './index.js'
import { receiptRef, WarningSchema } from './views.js'

/** SPEC §1: a batch holds at most 1,000 items. */
const MAX_ITEMS = 1000

const servedKinds = Object.keys(kindSchemas) as RecordKindName[]

export const BatchRequestSchema = Type.Object(
  {
    atomic: Type.Optional(
      // No `default`: Ajv would write it into the body, and the receipt signs the body as sent.
      Type.Boolean({
        title: '整批提交',
        description: 'Store all items or none; false when absent',
      }),
    ),
    items: Type.Array(
      Type.Object(
        {
          kind: Type.Enum(servedKinds, { title: '数据类别', description: 'Record kind' }),
          key: { ...BusinessKeySchema, title: '业务编号', description: 'Record key' },
          record: Type.Object(
            {},
            {
              title: '记录',
              description: 'The full record, checked against the schema of its kind',
              additionalProperties: true,
            },
          ),
        },
        { title: '批量条目', description: 'One record to write', additionalProperties: false },
      ),
      { title: '条目', description: 'Applied in order', minItems: 1, maxItems: MAX_ITEMS },
    ),
  },
  { title: '批量写入', description: 'Many records of any kinds', additionalProperties: false },
)

const ItemErrorSchema = Type.Object(
  {
    path: Type.String({ title: '字段路径', description: 'JSON Pointer inside the request' }),
    code: Type.String({ title: '错误代码', description: 'Stable field error code' }),
    message: Type.String({ title: '说明', description: "Message in the caller's language" }),
  },
  { title: '条目错误', description: 'Why an item was rejected', additionalProperties: false },
)

export const BatchResultSchema = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          index: Type.Integer({ title: '序号', description: 'Position in the request, from 0' }),
          kind: Type.String({ title: '数据类别', description: 'Record kind' }),
          key: Type.String({ title: '业务编号', description: 'Record key' }),
          status: Type.Enum(['created', 'replaced', 'unchanged', 'rejected'], {
            title: '处理结果',
            description: 'What happened to the item',
          }),
          version: Type.Optional(Type.Integer({ title: '版本号', description: 'Version stored' })),
          warnings: Type.Optional(
            Type.Array(WarningSchema, { title: '监管预警', description: 'Warnings' }),
          ),
          errors: Type.Optional(
            Type.Array(ItemErrorSchema, { title: '错误', description: 'Why it was rejected' }),
          ),
        },
        { title: '条目结果', description: 'Result of one item', additionalProperties: false },
      ),
      { title: '结果', description: 'One result per item, in order' },
    ),
    receipt: Type.Optional(receiptRef),
  },
  {
    $id: 'BatchResult',
    title: '批量写入结果',
    description: 'Results',
    additionalProperties: false,
  },
)
