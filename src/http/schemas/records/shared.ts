import { type TProperties, Type } from 'typebox'

/** A name of a person or organisation. */
export function nameSchema(title: string, description: string) {
  return Type.String({ title, description, minLength: 1, maxLength: 100 })
}

export function textSchema(title: string, description: string, maxLength = 2000) {
  return Type.String({ title, description, minLength: 1, maxLength })
}

export const PhoneSchema = Type.String({
  title: '联系电话',
  description: 'Phone number of a contact person (personal data: never logged)',
  pattern: '^[0-9+()\\- ]{5,20}$',
  maxLength: 20,
})

export const PersonSchema = Type.Object(
  {
    name: nameSchema('姓名', 'Name of the person'),
    phone: Type.Optional(PhoneSchema),
  },
  { title: '联系人', description: 'A named contact person', additionalProperties: false },
)

export function countSchema(title: string, description: string) {
  return Type.Integer({ title, description, minimum: 0, maximum: 10_000_000 })
}

/** Fields every kind accepts (SPEC §4): withdrawal of an erroneous record, and remarks. */
export const commonRecordFields = {
  voided: Type.Optional(
    Type.Boolean({
      title: '作废',
      description: 'Withdraws an erroneous record; keeps its history',
    }),
  ),
  voidReason: Type.Optional(
    textSchema('作废原因', 'Why the record was withdrawn; required when voided', 500),
  ),
  remarks: Type.Optional(textSchema('备注', 'Free remarks', 2000)),
} satisfies TProperties
