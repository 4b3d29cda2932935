import type { FastifyBaseLogger } from 'fastify'
import type { Database } from '../storage/database.js'
import { foldFigures } from '../storage/supervision/figures-folding.js'
import { startPeriodicJob } from './periodic.js'

/**
 * Folds the rows writers append to the supervision figures, every `intervalMs`, in every process
 * (one at a time, by an advisory lock). Views are exact without it; it keeps them fast, since a
 * view sums every row of its year.
 */
export function startFiguresFolder(db: Database, log: FastifyBaseLogger, intervalMs = 5000) {
  return startPeriodicJob('folding supervision figures', () => foldFigures(db), log, intervalMs)
}
