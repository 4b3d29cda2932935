import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import type { Clock } from '../../src/clock.js'
import { type Config, createConfig } from '../../src/config.js'
import { createTestDatabase, type TestDatabase } from './database.js'

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef-0123'

export interface TestApp {
  app: FastifyInstance
  database: TestDatabase
  config: Config
  /** Every log line the app wrote, parsed. */
  logs: Array<Record<string, unknown>>
  /** The raw text of every log line, to search for leaked secrets. */
  rawLogs: string[]
  close(): Promise<void>
}

export interface TestAppOptions {
  config?: Partial<Config>
  clock?: Clock
  /** Reuse a database (a second app on the same database, as two processes would). */
  database?: TestDatabase
}

/** Builds the real app on a fresh database (PGlite, or PostgreSQL under .ci/run). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase())
  const config = createConfig({
    adminToken: TEST_ADMIN_TOKEN,
    logLevel: 'info',
    ...options.config,
  })

  const rawLogs: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      rawLogs.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })

  const app = await buildApp({ config, database: database.handle, clock: options.clock, logStream })
  return {
    app,
    database,
    config,
    rawLogs,
    get logs() {
      return rawLogs.map((line) => JSON.parse(line) as Record<string, unknown>)
    },
    async close() {
      await app.close()
      if (!options.database) await database.drop()
    },
  }
}
