import type { ServiceStatus, ServiceType } from '../dictionaries/services.js'
import { type FieldError, fieldError } from '../errors/field-error.js'
import { checkVoiding, instant, requireWhen, warning } from './common-rules.js'
import { type RecordBody, type RecordKind, referenceId } from './kind.js'
import { checkStatusMove, type Lifecycle } from './lifecycle.js'

/** Forward only (SPEC §4.3); a service may be called off until it is completed. */
const lifecycle: Lifecycle<ServiceStatus> = {
  planned: ['in_progress', 'completed', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
}

/** The object that describes each type of service; the types without one carry none. */
const detailFields: Record<ServiceType, string | undefined> = {
  hazard_inspection: 'inspection',
  training: 'training',
  emergency_drill: 'drill',
  standardization: 'standardization',
  risk_assessment: 'riskAssessment',
  technology: undefined,
  other: undefined,
}

interface Provider {
  kind: string
  creditCode?: string
}

interface Training {
  participants: number
  assessedCount?: number
  passedCount?: number
}

function providerOf(body: RecordBody): Provider {
  return body.provider as Provider
}

export const serviceKind: RecordKind = {
  name: 'services',
  keyField: 'serviceNo',

  creditCodes(body) {
    const { creditCode } = providerOf(body)
    return creditCode ? [{ path: '/provider/creditCode', value: creditCode }] : []
  },

  regionCodes: () => [],

  references(body) {
    return [{ kind: 'policies', key: body.policyNo as string, path: '/policyNo', required: true }]
  },

  checkRules(body) {
    const errors: FieldError[] = [...checkVoiding(body), ...checkDetails(body)]

    if (providerOf(body).kind === 'technical_service_org' && !providerOf(body).creditCode) {
      errors.push(
        fieldError('/provider/creditCode', 'required_when', {
          field: 'provider.creditCode',
          when: 'provider.kind = technical_service_org',
        }),
      )
    }
    if (typeof body.endedAt === 'string' && instant(body.endedAt) < instant(body.startedAt)) {
      errors.push(fieldError('/endedAt', 'before', { other: 'startedAt' }))
    }
    errors.push(
      ...requireWhen(
        body,
        'insuredConfirmation',
        'status = completed',
        body.status === 'completed',
      ),
      ...checkTrainingCounts(body),
    )
    return errors
  },

  checkTransition(previous, next) {
    return checkStatusMove(
      lifecycle,
      previous.status as ServiceStatus,
      next.status as ServiceStatus,
    )
  },

  checkWarnings(body) {
    if (body.type !== 'hazard_inspection' || providerOf(body).kind !== 'insurer_staff') return []
    return [
      warning(
        '/provider/kind',
        'inspection_by_insurer_staff',
        '隐患排查应由具备资质的安全生产技术服务机构或专家实施，本次由保险机构人员实施',
        'a hazard inspection should be done by a qualified organisation or expert, ' +
          "not by the insurer's staff",
      ),
    ]
  },

  scope(body, refs) {
    const policy = refs.get(referenceId('policies', body.policyNo as string))
    return policy?.scope ?? { regionCode: null, industry: null, creditCode: null }
  },

  derive() {
    return {}
  },

  columns(body) {
    const assessment = body.riskAssessment as { riskLevel: string } | undefined
    return {
      policyNo: body.policyNo,
      type: body.type,
      startedAt: body.startedAt,
      endedAt: body.endedAt ?? null,
      cost: body.cost,
      riskLevel: assessment?.riskLevel ?? null,
    }
  },
}

/** The object of the service's own type is required, and those of other types are refused. */
function checkDetails(body: RecordBody): FieldError[] {
  const type = body.type as ServiceType
  const errors: FieldError[] = []

  for (const [detailType, field] of Object.entries(detailFields)) {
    if (!field) continue
    if (detailType === type) {
      errors.push(...requireWhen(body, field, `type = ${type}`, true))
    } else if (body[field] !== undefined) {
      errors.push(fieldError(`/${field}`, 'not_allowed_when', { field, when: `type = ${type}` }))
    }
  }
  return errors
}

/** Of those trained, some are assessed and of those some pass: passed ≤ assessed ≤ trained. */
function checkTrainingCounts(body: RecordBody): FieldError[] {
  const training = body.training as Training | undefined
  if (!training) return []

  const errors: FieldError[] = []
  const { participants, assessedCount, passedCount } = training
  if (assessedCount !== undefined && assessedCount > participants) {
    errors.push(
      fieldError('/training/assessedCount', 'above_maximum', {
        maximum: 'training.participants',
      }),
    )
  }
  if (passedCount !== undefined && passedCount > (assessedCount ?? participants)) {
    const maximum = assessedCount === undefined ? 'participants' : 'assessedCount'
    errors.push(
      fieldError('/training/passedCount', 'above_maximum', { maximum: `training.${maximum}` }),
    )
  }
  return errors
}
