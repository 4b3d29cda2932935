import type { FastifyRequest } from 'fastify'
import { AppError } from '../domain/errors/app-error.js'

/** Who is calling, taken only from a verified token (or the bootstrap admin token). */
export type Principal =
  | { clientId: string; role: 'insurer'; insurerCode: string }
  | { clientId: string; role: 'regulator'; regionCode: string }
  | { clientId: string; role: 'admin' }

/** The caller presenting `ADMIN_TOKEN`, accepted on `/api/v1/admin/*` only. */
export const BOOTSTRAP_ADMIN: Principal = { clientId: 'bootstrap-admin', role: 'admin' }

/**
 * The request's principal. A route that calls this without `config.auth` has no principal and
 * answers 401: forgetting the declaration fails closed, never open.
 */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) {
    throw new AppError('unauthorized', {
      headers: { 'www-authenticate': 'Bearer realm="azx-dock"' },
    })
  }
  return request.principal
}
