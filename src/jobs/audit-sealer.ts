import type { FastifyBaseLogger } from 'fastify'
import { sealAuditLog } from '../storage/audit-store.js'
import type { Database } from '../storage/database.js'
import { startPeriodicJob } from './periodic.js'

/**
 * Seals the audit log behind the writes, every `intervalMs`, in every process; the advisory lock
 * lets one seal at a time. Readers of the chain or the change feed also seal before they read.
 */
export function startAuditSealer(db: Database, log: FastifyBaseLogger, intervalMs = 1000) {
  return startPeriodicJob('audit sealing', () => sealAuditLog(db), log, intervalMs)
}
