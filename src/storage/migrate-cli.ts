import { loadConfig } from '../config.js'
import { openDatabase } from './database.js'
import { runMigrations } from './migrate.js'

/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
const config = loadConfig()
const handle = await openDatabase(config)
try {
  await runMigrations(handle)
  process.stdout.write(`migrations applied (${handle.driver})\n`)
} finally {
  await handle.close()
}
