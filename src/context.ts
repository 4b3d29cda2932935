import type { PlatformKeys } from './auth/platform-keys.js'
import type { Clock } from './clock.js'
import type { Config } from './config.js'
import type { Database, DatabaseHandle } from './storage/database.js'

/** What every route plugin is handed: configuration, the database, the clock and the keys. */
export interface AppContext {
  config: Config
  database: DatabaseHandle
  db: Database
  clock: Clock
  /** The platform's signing keys: access tokens, receipts, the published JWKS. */
  keys: PlatformKeys
}
