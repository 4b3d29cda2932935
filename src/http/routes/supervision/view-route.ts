import type { FastifyRequest } from 'fastify'
import { readScope } from '../../../auth/access.js'
import { principalOf } from '../../../auth/principal.js'
import type { ViewRequest } from '../../../supervision/grouping.js'
import type { ViewQuery } from '../../schemas/supervision/common.js'

/** Insurers are supervised, not supervisors: they get 403 here (SPEC §6). */
export const supervisionAuth = { roles: ['regulator', 'admin'] as const }

export const supervisionTags = ['supervision']

/** The year and grouping asked, within the part of the province the caller may see. */
export function viewRequestOf(request: FastifyRequest): ViewRequest {
  const query = request.query as ViewQuery
  return {
    year: query.year,
    groupBy: query.groupBy,
    scope: readScope(principalOf(request)),
  }
}
