import { Type } from 'typebox'

const LabelledSchema = {
  zh: Type.String({ title: '中文名称', description: 'Chinese label' }),
  en: Type.String({ title: '英文名称', description: 'English label' }),
}

export const DictionarySchema = Type.Object(
  {
    name: Type.String({ title: '代码表名称', description: 'Stable kebab-case name' }),
    title: Type.Object(LabelledSchema, {
      title: '代码表标题',
      description: 'Title in both languages',
      additionalProperties: false,
    }),
    entries: Type.Array(
      Type.Object(
        {
          code: Type.String({ title: '代码', description: 'The code sent in records' }),
          ...LabelledSchema,
          parent: Type.Optional(
            Type.String({ title: '上级代码', description: 'Regions only: the enclosing one' }),
          ),
        },
        { title: '代码项', description: 'One code', additionalProperties: false },
      ),
      { title: '代码项', description: 'Every code of the table' },
    ),
  },
  {
    $id: 'Dictionary',
    title: '代码表',
    description: 'A code table of the contract (SPEC §8)',
    additionalProperties: false,
  },
)
