import type { HazardStatus } from '../dictionaries/hazards.js'
import { type FieldError, fieldError } from '../errors/field-error.js'
import { chinaDay } from '../values/time.js'
import { checkVoiding, instant, requireWhen, warning } from './common-rules.js'
import { deriveHazardDeadlines, isNotificationLate } from './hazard-deadlines.js'
import { type RecordBody, type RecordKind, referenceId, type Warning } from './kind.js'
import { checkStatusMove, type Lifecycle } from './lifecycle.js'

/**
 * The closed loop of SPEC §4.4, forward only. The one move back, rectified → rectifying, is a
 * failed verification; it and the general hazard's shortcut are checked in checkTransition.
 */
const lifecycle: Lifecycle<HazardStatus> = {
  found: ['notified', 'rectifying', 'rectified', 'closed'],
  notified: ['rectifying', 'rectified', 'closed'],
  rectifying: ['rectified', 'closed'],
  rectified: ['rectifying', 'closed'],
  closed: [],
}

interface Hazard {
  level: string
  status: HazardStatus
  foundAt: string
  notification?: { notifiedAt: string; channel: string }
  rectificationDeadline?: string
  rectification?: { completedAt: string }
  verification?: { verifiedAt: string; passed: boolean }
  authorityReport?: { reportedAt: string }
}

function hazardOf(body: RecordBody): Hazard {
  return body as unknown as Hazard
}

export const hazardKind: RecordKind = {
  name: 'hazards',
  keyField: 'hazardNo',

  creditCodes: () => [],

  regionCodes: () => [],

  references(body) {
    return [
      { kind: 'policies', key: body.policyNo as string, path: '/policyNo', required: true },
      {
        kind: 'services',
        key: body.serviceNo as string,
        path: '/serviceNo',
        required: true,
        check: (service) =>
          service.body.type === 'hazard_inspection'
            ? undefined
            : fieldError('/serviceNo', 'reference_invalid', {
                reason: `type = ${String(service.body.type)} ≠ hazard_inspection`,
              }),
      },
    ]
  },

  checkRules(body) {
    return [
      ...checkVoiding(body),
      ...requireWhen(body, 'criterion', 'level = major', body.level === 'major'),
      ...checkStatusObjects(body),
      ...checkTimeOrder(hazardOf(body)),
    ]
  },

  checkTransition(previous, next) {
    const from = previous.status as HazardStatus
    const to = next.status as HazardStatus
    const refused = [fieldError('/status', 'status_move_not_allowed', { from, to })]

    // SPEC §4.4: only a failed verification sends a rectified hazard back to rectifying.
    const failed = hazardOf(next).verification?.passed === false
    if (from === 'rectified' && to === 'rectifying' && !failed) return refused

    // Only a general hazard fixed on the spot may skip notification; a major one is notified.
    const skipsNotice = from === 'found' && (to === 'rectified' || to === 'closed')
    if (skipsNotice && next.level === 'major') return refused

    return checkStatusMove(lifecycle, from, to)
  },

  checkWarnings(body, _refs, context) {
    const hazard = hazardOf(body)
    const warnings: Warning[] = []

    if (isNotificationLate(body, context.config.hazardNotifyHours)) {
      warnings.push(
        warning(
          '/notification/notifiedAt',
          'notified_late',
          `重大事故隐患未在发现后 ${context.config.hazardNotifyHours} 小时内告知`,
          `the major hazard was not notified within ${context.config.hazardNotifyHours} ` +
            'hours of being found',
        ),
      )
    }
    if (hazard.notification?.channel === 'electronic') {
      warnings.push(
        warning(
          '/notification/channel',
          'notice_not_written',
          'AQ 9010 要求书面告知隐患，本次为电子告知',
          'AQ 9010 asks for written notice of a hazard; this one was electronic',
        ),
      )
    }
    if (hazard.verification?.passed === false) {
      warnings.push(
        warning(
          '/verification/passed',
          'verification_failed',
          '整改复核未通过，隐患须继续整改',
          'the rectification failed verification: the hazard is to be rectified again',
        ),
      )
    }
    return warnings
  },

  scope(body, refs) {
    const policy = refs.get(referenceId('policies', body.policyNo as string))
    return policy?.scope ?? { regionCode: null, industry: null, creditCode: null }
  },

  derive(body, context) {
    return { ...deriveHazardDeadlines(body, context.config, context.now) }
  },

  columns(body) {
    const hazard = hazardOf(body)
    return {
      policyNo: body.policyNo,
      serviceNo: body.serviceNo,
      level: hazard.level,
      foundAt: hazard.foundAt,
      notifiedAt: hazard.notification?.notifiedAt ?? null,
      rectificationDeadline: hazard.rectificationDeadline ?? null,
      authorityReportedAt: hazard.authorityReport?.reportedAt ?? null,
    }
  },
}

/**
 * Each status needs the object that records it (SPEC §4.4). A major hazard is always notified
 * before it is rectified, so it carries the notice in every later status; a notice always comes
 * with a rectification deadline.
 */
function checkStatusObjects(body: RecordBody): FieldError[] {
  const { status, level } = hazardOf(body)
  const isNotifiedStatus = status === 'notified' || status === 'rectifying'
  const isRectifiedStatus = status === 'rectified' || status === 'closed'
  const noticeWhen = isNotifiedStatus ? `status = ${status}` : `level = major, status = ${status}`

  const errors = [
    ...requireWhen(
      body,
      'notification',
      noticeWhen,
      isNotifiedStatus || (isRectifiedStatus && level === 'major'),
    ),
    ...requireWhen(body, 'rectificationDeadline', 'notified', body.notification !== undefined),
    ...requireWhen(body, 'rectification', `status = ${status}`, isRectifiedStatus),
    ...requireWhen(body, 'verification', 'status = closed', status === 'closed'),
  ]

  if (status === 'closed' && hazardOf(body).verification?.passed === false) {
    errors.push(fieldError('/verification/passed', 'invalid_value', { allowed: 'true' }))
  }
  return errors
}

/** The loop runs in time order: nothing happens to a hazard before it is found. */
function checkTimeOrder(hazard: Hazard): FieldError[] {
  const errors: FieldError[] = []
  const foundAt = instant(hazard.foundAt)
  const isBefore = (value: string | undefined, limit: number) =>
    value !== undefined && instant(value) < limit

  if (isBefore(hazard.notification?.notifiedAt, foundAt)) {
    errors.push(fieldError('/notification/notifiedAt', 'before', { other: 'foundAt' }))
  }
  const deadline = hazard.rectificationDeadline
  if (deadline !== undefined && deadline < chinaDay(hazard.foundAt)) {
    errors.push(fieldError('/rectificationDeadline', 'before', { other: 'foundAt' }))
  }
  if (isBefore(hazard.rectification?.completedAt, foundAt)) {
    errors.push(fieldError('/rectification/completedAt', 'before', { other: 'foundAt' }))
  }
  const completedAt = hazard.rectification?.completedAt
  if (completedAt && isBefore(hazard.verification?.verifiedAt, instant(completedAt))) {
    errors.push(
      fieldError('/verification/verifiedAt', 'before', { other: 'rectification.completedAt' }),
    )
  }
  if (isBefore(hazard.authorityReport?.reportedAt, foundAt)) {
    errors.push(fieldError('/authorityReport/reportedAt', 'before', { other: 'foundAt' }))
  }
  return errors
}
