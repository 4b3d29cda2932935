import type { Database } from '../../storage/database.js'
import { sqlState } from '../../storage/errors.js'
import { ConcurrentWriteError } from '../../storage/records/record-store.js'

const MAX_ATTEMPTS = 3

/** Deadlock and serialization failures: PostgreSQL asks the client to try again. */
const retryableStates = new Set(['40P01', '40001'])

/**
 * Runs `work` in one transaction, retrying when a concurrent writer won a race on the same
 * records: the retry reads the new state and answers from it (a 412, or the next version).
 */
export async function inTransaction<T>(db: Database, work: (tx: Database) => Promise<T>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => work(tx as unknown as Database))
    } catch (error) {
      const retryable =
        error instanceof ConcurrentWriteError || retryableStates.has(sqlState(error) ?? '')
      if (!retryable || attempt >= MAX_ATTEMPTS) throw error
    }
  }
}
