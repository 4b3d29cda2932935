import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import { type Config, ConfigError, loadConfig } from './config.js'

/** EX_CONFIG (sysexits.h): the operator must fix the environment; restarting will not help. */
const EXIT_CONFIG = 78

/** The process entry: load configuration, build, listen, and close gracefully on a signal. */
async function main(): Promise<void> {
  const config = readConfig()
  const app = await start(config)

  let closing = false
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      if (closing) return
      closing = true
      app.log.info({ signal }, 'shutting down')
      // A keep-alive connection whose request finishes during shutdown would stay open until
      // its timeout (72 s) and hold the exit: close each as soon as it falls idle.
      const sweeper = setInterval(() => app.server.closeIdleConnections(), 100)
      try {
        // Stops accepting, lets requests in flight finish, then closes the database (onClose).
        await app.close()
        clearInterval(sweeper)
        app.log.info('shut down')
        process.exit(0)
      } catch (error) {
        app.log.error({ err: error }, 'shutdown failed')
        process.exit(1)
      }
    })
  }
}

function readConfig(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(EXIT_CONFIG)
  }
}

/**
 * Builds and listens. A failure here (the database unreachable, the port taken) ends the process
 * with one line saying why, for the orchestrator to restart it, rather than with a stack trace.
 */
async function start(config: Config): Promise<FastifyInstance> {
  try {
    const app = await buildApp({ config })
    await app.listen({ port: config.port, host: config.host })

    const { port } = app.server.address() as AddressInfo
    app.log.info({ host: config.host, port }, 'ready for requests')
    return app
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    process.stderr.write(`failed to start: ${reason}\n`)
    process.exit(1)
  }
}

await main()
