import type { Clock } from './clock.js'
import type { Config } from './config.js'
import type { Database, DatabaseHandle } from './storage/database.js'

/** What every route plugin is handed: configuration, the database and the clock. */
export interface AppContext {
  config: Config
  database: DatabaseHandle
  db: Database
  clock: Clock
}
