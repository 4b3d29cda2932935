import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { readScope } from '../../auth/access.js'
import { principalOf } from '../../auth/principal.js'
import type { AppContext } from '../../context.js'
import { riskLevels } from '../../domain/dictionaries/services.js'
import { AppError } from '../../domain/errors/app-error.js'
import { toRecordView } from '../../domain/records/views.js'
import { formatChinaTime } from '../../domain/values/time.js'
import {
  findEnterpriseRecords,
  findOpenHazards,
  findRiskClasses,
} from '../../storage/records/enterprise-reads.js'
import { BusinessKeySchema, CreditCodeSchema, enumOf, TimestampSchema } from '../schemas/common.js'
import { problemResponses } from '../schemas/problem.js'
import { ref } from '../schemas/records/index.js'

const RiskClassSchema = Type.Object(
  {
    insurerCode: { ...CreditCodeSchema, title: '保险机构代码', description: 'Insurer' },
    riskLevel: enumOf(riskLevels),
    serviceNo: {
      ...BusinessKeySchema,
      title: '风险评估服务编号',
      description: 'The risk_assessment service that gave the class',
    },
    assessedAt: {
      ...TimestampSchema,
      title: '评估时间',
      description: 'When the assessment ended (when it started, if no end was sent)',
    },
  },
  {
    title: '风险分级',
    description: "The unit's risk class for one insurer: its latest completed risk assessment",
    additionalProperties: false,
  },
)

const EnterpriseSchema = Type.Object(
  {
    creditCode: { ...CreditCodeSchema, title: '统一社会信用代码', description: 'The unit' },
    insured: Type.Record(Type.String(), Type.Unknown(), {
      title: '投保单位信息',
      description: 'The insured unit as last reported on a policy the caller may see',
    }),
    policies: Type.Array(ref('PolicyRecord'), {
      title: '保单',
      description: 'Its policies, newest first',
    }),
    claims: Type.Array(ref('ClaimRecord'), { title: '赔案', description: 'Claims on them' }),
    riskClasses: Type.Array(RiskClassSchema, {
      title: '风险分级',
      description: 'Risk class per insurer (高/中/低风险), in insurer order',
    }),
    openHazards: Type.Array(ref('HazardRecord'), {
      title: '未销号隐患',
      description: 'Its hazards not closed and not voided, newest first',
    }),
  },
  {
    title: '企业画像',
    description: 'One insured unit across every insurer the caller may see',
    additionalProperties: false,
  },
)

/** `GET /api/v1/enterprises/{creditCode}`: one insured unit as the platform knows it. */
export async function enterpriseRoutes(app: FastifyInstance, context: AppContext) {
  app.get<{ Params: { creditCode: string } }>(
    '/api/v1/enterprises/:creditCode',
    {
      config: { auth: { roles: ['insurer', 'regulator', 'admin'] } },
      schema: {
        operationId: 'getEnterprise',
        summary: '企业画像 One insured unit across insurers',
        tags: ['enterprises'],
        security: [{ bearer: [] }],
        params: Type.Object({ creditCode: CreditCodeSchema }, { additionalProperties: false }),
        response: { 200: EnterpriseSchema, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const scope = readScope(principalOf(request))
      const { creditCode } = request.params
      const now = context.clock()
      const view = (r: Parameters<typeof toRecordView>[0]) =>
        toRecordView(r, { config: context.config, now })

      const policies = await findEnterpriseRecords(context.db, 'policies', creditCode, scope)
      // A withdrawn policy is listed, but the unit is described as its live policies report it.
      const latest = policies.find((policy) => !policy.voided) ?? policies[0]
      if (!latest) throw new AppError('not_found')
      const claims = await findEnterpriseRecords(context.db, 'claims', creditCode, scope)
      const riskClasses = await findRiskClasses(context.db, creditCode, scope)
      const openHazards = await findOpenHazards(context.db, creditCode, scope)

      return {
        creditCode,
        insured: latest.body.insured as Record<string, unknown>,
        policies: policies.map(view),
        claims: claims.map(view),
        riskClasses: riskClasses.map((c) => ({ ...c, assessedAt: formatChinaTime(c.assessedAt) })),
        openHazards: openHazards.map(view),
      }
    },
  )
}
