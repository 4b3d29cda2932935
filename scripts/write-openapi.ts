import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { buildApp } from '../src/app.js'
import { createConfig } from '../src/config.js'
import { openDatabase } from '../src/storage/database.js'

/**
 * `npm run openapi:write` regenerates the committed contract from the routes themselves;
 * `npm run openapi:check` (`--check`) fails instead of writing, so that CI catches a route
 * changed without its published document.
 */
const target = join(import.meta.dirname, '..', 'openapi', 'openapi.json')

/** The document as the app serves it, in the committed form: 2 spaces, route order, newline. */
async function renderDocument(): Promise<string> {
  // The defaults, not the caller's environment: the contract must not depend on a machine.
  const config = createConfig({ logLevel: 'silent' })
  const database = await openDatabase({ ...config, inMemory: true })

  try {
    const app = await buildApp({ config, database })
    try {
      return `${JSON.stringify(app.swagger(), null, 2)}\n`
    } finally {
      await app.close()
    }
  } finally {
    await database.close()
  }
}

const rendered = await renderDocument()
const shown = relative(process.cwd(), target)

if (process.argv.includes('--check')) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : undefined
  if (committed !== rendered) {
    process.stderr.write(`${shown} is stale: run npm run openapi:write\n`)
    process.exitCode = 1
  } else {
    process.stdout.write(`${shown} is up to date\n`)
  }
} else {
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, rendered)
  process.stdout.write(`wrote ${shown}\n`)
}
