import { type TSchema, Type } from 'typebox'

/** RFC 9457 problem document; registered once and referred to as `Problem`. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ title: '问题类型', description: 'URN naming the problem code' }),
    title: Type.String({ title: '标题', description: "Short summary in the caller's language" }),
    status: Type.Integer({ title: 'HTTP 状态码', description: 'HTTP status code' }),
    detail: Type.String({ title: '详情', description: 'What went wrong, for a person' }),
    code: Type.String({ title: '错误代码', description: 'Stable, machine-readable error code' }),
    requestId: Type.String({ title: '请求编号', description: 'X-Request-Id of the request' }),
    instance: Type.String({ title: '请求路径', description: 'Path of the request' }),
    errors: Type.Array(
      Type.Object(
        {
          path: Type.String({ title: '字段路径', description: 'JSON Pointer of the field' }),
          code: Type.String({ title: '字段错误代码', description: 'Stable field error code' }),
          message: Type.String({ title: '说明', description: "Message in the caller's language" }),
        },
        { additionalProperties: false },
      ),
      { title: '字段错误', description: 'Every field that failed, at once' },
    ),
  },
  {
    $id: 'Problem',
    title: '问题文档',
    description: 'RFC 9457 problem document answered for every error',
    additionalProperties: false,
  },
)

const problemRef = Type.Unsafe<unknown>(Type.Ref('Problem'))

/** Response schemas for the problem statuses a route may answer. */
export function problemResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((status) => [status, problemRef]))
}
