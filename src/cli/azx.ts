import { systemClock } from '../clock.js'
import { ConfigError, loadConfig } from '../config.js'
import { openDatabase } from '../storage/database.js'
import { runMigrations } from '../storage/migrate.js'
import { runCommand } from './commands.js'

/**
 * `npm run azx -- <command>`: administration against the configured database (DATABASE_URL,
 * or the embedded one in DATA_DIR), through the same domain functions as the admin API.
 */
async function main(): Promise<number> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    return 78 // EX_CONFIG, as the server answers
  }

  const handle = await openDatabase(config)
  try {
    if (config.migrateOnStart) await runMigrations(handle)
    return await runCommand(process.argv.slice(2), {
      db: handle.db,
      config,
      clock: systemClock,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    })
  } finally {
    await handle.close()
  }
}

process.exitCode = await main()
