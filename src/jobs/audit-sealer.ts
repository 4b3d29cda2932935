import type { FastifyBaseLogger } from 'fastify'
import { sealAuditLog } from '../storage/audit-store.js'
import type { Database } from '../storage/database.js'

/**
 * Seals the audit log behind the writes, every `intervalMs`, in every process; the advisory lock
 * lets one seal at a time. Readers of the chain or the change feed also seal before they read.
 */
export function startAuditSealer(db: Database, log: FastifyBaseLogger, intervalMs = 1000) {
  let running: Promise<unknown> | undefined

  const timer = setInterval(() => {
    if (running) return
    running = sealAuditLog(db)
      .catch((error: unknown) => log.warn({ err: error }, 'audit sealing failed'))
      .finally(() => {
        running = undefined
      })
  }, intervalMs)
  timer.unref()

  return async function stop(): Promise<void> {
    clearInterval(timer)
    await running
  }
}
