import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'

/** The process entry: load configuration, build, listen, and close gracefully on a signal. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(78) // EX_CONFIG: a configuration error, not a crash
  }

  const app = await buildApp({ config })
  await app.listen({ port: config.port, host: config.host })

  let closing = false
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      if (closing) return
      closing = true
      app.log.info({ signal }, 'shutting down')
      // Stops accepting, lets requests in flight finish, then closes the database (onClose).
      await app.close()
      process.exit(0)
    })
  }
}

await main()
