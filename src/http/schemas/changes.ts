import { Type } from 'typebox'
import { recordKindNames } from '../../domain/records/kinds.js'
import { BusinessKeySchema, CreditCodeSchema, TimestampSchema } from './common.js'

const SeqSchema = Type.Integer({
  title: '变更序号',
  description: 'Position in the feed: the sealed audit sequence, in commit order',
  minimum: 0,
})

export const ChangesQuerySchema = Type.Object(
  {
    after: Type.Integer({
      ...SeqSchema,
      title: '起始序号',
      description: 'nextAfter of the previous answer; 0 to start from the beginning',
      default: 0,
    }),
    limit: Type.Integer({
      title: '每页条数',
      description: 'Changes per answer, 1 to 1000',
      minimum: 1,
      maximum: 1000,
      default: 100,
    }),
  },
  { additionalProperties: false },
)

export const ChangesSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          seq: SeqSchema,
          kind: Type.Enum([...recordKindNames], { title: '数据类别', description: 'Record kind' }),
          insurerCode: { ...CreditCodeSchema, title: '保险机构代码', description: 'Insurer' },
          key: BusinessKeySchema,
          version: Type.Integer({ title: '版本号', description: 'Version written', minimum: 1 }),
          changedAt: { ...TimestampSchema, title: '变更时间', description: 'When it was written' },
        },
        { title: '变更', description: 'One write', additionalProperties: false },
      ),
      { title: '变更列表', description: 'Writes the caller may see, in commit order' },
    ),
    nextAfter: Type.Integer({
      ...SeqSchema,
      title: '下一起始序号',
      description:
        'Pass as after next time; it may move past entries the caller may not see, never ' +
        'past a write that has not committed yet',
    }),
  },
  { title: '变更流', description: 'One page of the change feed', additionalProperties: false },
)
