import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { registerSubmissionTracking } from '../plugins/submission-tracking.js'
import { adminAllowListRoutes } from './admin-allow-list.js'
import { adminAuditRoutes } from './admin-audit.js'
import { adminClientRoutes } from './admin-clients.js'
import { adminRegistryRoutes } from './admin-registry.js'
import { changeRoutes } from './changes.js'
import { dictionaryRoutes } from './dictionaries.js'
import { enterpriseRoutes } from './enterprises.js'
import { exportRoutes } from './exports.js'
import { healthRoutes } from './health.js'
import { meRoutes } from './me.js'
import { oauthTokenRoutes } from './oauth-token.js'
import { receiptRoutes } from './receipts.js'
import { recordRoutes } from './records/index.js'
import { supervisionRoutes } from './supervision/index.js'
import { wellKnownRoutes } from './well-known.js'

/** Every route of the service, each group in a file of its own. */
export async function registerRoutes(app: FastifyInstance, context: AppContext) {
  // Before the routes: its hooks must see the record writes (the rejected-submission rate).
  registerSubmissionTracking(app, context)
  await app.register(healthRoutes, context)
  await app.register(dictionaryRoutes)
  await app.register(wellKnownRoutes, context)
  await app.register(oauthTokenRoutes, context)
  await app.register(meRoutes)
  await app.register(adminClientRoutes, context)
  await app.register(recordRoutes, context)
  await app.register(receiptRoutes, context)
  await app.register(enterpriseRoutes, context)
  await app.register(adminAuditRoutes, context)
  await app.register(adminAllowListRoutes, context)
  await app.register(adminRegistryRoutes, context)
  await app.register(supervisionRoutes, context)
  await app.register(changeRoutes, context)
  await app.register(exportRoutes, context)
}
