import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { assertCanRead, isRegionVisible } from '../../../auth/access.js'
import { principalOf } from '../../../auth/principal.js'
import type { AppContext } from '../../../context.js'
import { AppError } from '../../../domain/errors/app-error.js'
import type { StoredRecord } from '../../../domain/records/kind.js'
import type { RecordKindName } from '../../../domain/records/kinds.js'
import { toRecordView } from '../../../domain/records/views.js'
import { formatChinaTime } from '../../../domain/values/time.js'
import { findRecord, findVersion, listVersions } from '../../../storage/records/record-reads.js'
import { TimestampSchema } from '../../schemas/common.js'
import { problemResponses } from '../../schemas/problem.js'
import { type KindSchemas, ref } from '../../schemas/records/index.js'
import { etagOf } from './preconditions.js'
import { InsurerKeyParamsSchema } from './write-record.js'

const VersionListSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          version: Type.Integer({ title: '版本号', description: 'Version' }),
          sha256: Type.String({ title: '内容摘要', description: 'SHA-256 of canonical JSON' }),
          voided: Type.Boolean({ title: '作废', description: 'Withdrawn in this version' }),
          flags: Type.Array(Type.String(), { title: '监管标记', description: 'Warning codes' }),
          receiptId: Type.Union([Type.String(), Type.Null()], {
            title: '回执编号',
            description: 'Receipt of the write that stored it',
          }),
          createdAt: { ...TimestampSchema, title: '接收时间', description: 'When it arrived' },
          receivedBy: Type.String({ title: '提交客户端', description: 'Client that sent it' }),
        },
        { title: '版本摘要', description: 'One version', additionalProperties: false },
      ),
      { title: '版本列表', description: 'Every version, oldest first' },
    ),
  },
  { title: '版本历史', description: 'History of a record', additionalProperties: false },
)

type Params = { insurerCode: string; key: string }

/** Reads of one record: the current version, the list of versions, one past version. */
export async function readRecordRoutes(
  app: FastifyInstance,
  options: { context: AppContext; kind: RecordKindName; schemas: KindSchemas },
) {
  const { context, kind, schemas } = options
  const path = `/api/v1/insurers/:insurerCode/${kind}/:key`
  const auth = { roles: ['insurer', 'regulator', 'admin'] as const }
  const common = { tags: [kind], security: [{ bearer: [] }], params: InsurerKeyParamsSchema }
  const view = (record: StoredRecord) =>
    toRecordView(record, { config: context.config, now: context.clock() })

  app.get<{ Params: Params }>(
    path,
    {
      config: { auth },
      schema: {
        ...common,
        operationId: `get${schemas.names.body}`,
        summary: `查询${schemas.title}当前版本 Current version`,
        response: { 200: ref(schemas.names.view), ...problemResponses(401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { insurerCode, key } = request.params
      const record = visible(request, await findRecord(context.db, kind, insurerCode, key))
      reply.header('etag', etagOf(record.version))
      return view(record)
    },
  )

  app.get<{ Params: Params }>(
    `${path}/versions`,
    {
      config: { auth },
      schema: {
        ...common,
        operationId: `list${schemas.names.body}Versions`,
        summary: `查询${schemas.title}版本历史 Version history`,
        response: { 200: VersionListSchema, ...problemResponses(401, 403, 404, 429) },
      },
    },
    async (request) => {
      const { insurerCode, key } = request.params
      visible(request, await findRecord(context.db, kind, insurerCode, key))
      const versions = await listVersions(context.db, kind, insurerCode, key)
      return {
        items: versions.map((v) => ({ ...v, createdAt: formatChinaTime(v.createdAt) })),
      }
    },
  )

  app.get<{ Params: Params & { version: number } }>(
    `${path}/versions/:version`,
    {
      config: { auth },
      schema: {
        ...common,
        operationId: `get${schemas.names.body}Version`,
        summary: `查询${schemas.title}历史版本 One past version`,
        params: Type.Object(
          {
            ...InsurerKeyParamsSchema.properties,
            version: Type.Integer({ title: '版本号', description: 'Version', minimum: 1 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref(schemas.names.view), ...problemResponses(401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { insurerCode, key, version } = request.params
      visible(request, await findRecord(context.db, kind, insurerCode, key))
      const record = await findVersion(context.db, kind, insurerCode, key, version)
      if (!record) throw new AppError('not_found')
      reply.header('etag', etagOf(record.version))
      return view(record)
    },
  )
}

/**
 * The record, if the caller may see it; otherwise 404 whether or not it exists, so that no
 * insurer or regulator learns of records outside its reach (SPEC §2).
 */
function visible(request: FastifyRequest, record: StoredRecord | undefined): StoredRecord {
  const principal = principalOf(request)
  const { insurerCode } = request.params as Params
  assertCanRead(principal, insurerCode)
  if (!record || !isRegionVisible(principal, record.scope.regionCode)) {
    throw new AppError('not_found')
  }
  return record
}
