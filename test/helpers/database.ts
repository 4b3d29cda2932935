import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { inject } from 'vitest'
import { type DatabaseHandle, openDatabase } from '../../src/storage/database.js'

/**
 * The suite runs on PGlite by default and on PostgreSQL when TEST_DATABASE_URL names a server
 * (as .ci/run does). On PostgreSQL each caller gets a database of its own, dropped afterwards.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL

export interface TestDatabase {
  handle: DatabaseHandle
  /** The URL of the database made for this test, on PostgreSQL only. */
  url: string | undefined
  drop(): Promise<void>
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const handle = await openDatabase({
      databaseUrl: undefined,
      dataDir: '',
      inMemory: true,
      initialData: await loadTemplate(),
    })
    return { handle, url: undefined, drop: () => handle.close() }
  }

  const name = `azx_test_${randomBytes(6).toString('hex')}`
  await withAdminClient((client) => client.query(`create database ${name}`))

  const url = new URL(testDatabaseUrl)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })

  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close()
      await withAdminClient((client) =>
        client.query(`drop database if exists ${name} with (force)`),
      )
    },
  }
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** The migrated PGlite template made once per run by test/global-setup.ts. */
async function loadTemplate(): Promise<Blob | undefined> {
  const path = inject('pgliteTemplate')
  return path ? new Blob([await readFile(path)]) : undefined
}
