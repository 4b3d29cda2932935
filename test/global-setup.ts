import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../src/storage/database.js'
import { runMigrations } from '../src/storage/migrate.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory dump; empty on PostgreSQL runs. */
    pgliteTemplate: string
  }
}

/**
 * Creating a PGlite database (initdb inside WebAssembly) costs seconds; loading a dump of one
 * costs a fraction. So the suite migrates one database once and every test file starts from
 * its dump, still through the real migrations.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgliteTemplate', '')
    return
  }

  const folder = await mkdtemp(join(tmpdir(), 'azx-pglite-'))
  const handle = await openDatabase({ databaseUrl: undefined, dataDir: '', inMemory: true })
  await runMigrations(handle)
  const dump = await handle.dumpDataDir?.()
  if (!dump) throw new Error('PGlite handle without dumpDataDir')
  await handle.close()

  const path = join(folder, 'template.tar')
  await writeFile(path, Buffer.from(await dump.arrayBuffer()))
  project.provide('pgliteTemplate', path)

  return () => rm(folder, { recursive: true, force: true })
}
