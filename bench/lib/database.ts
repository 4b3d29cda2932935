import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface BenchDatabase {
  name: string
  url: string
  /** Audit entries the sealer has not chained yet. */
  unsealed(): Promise<number>
  /** Current policies of all insurers. */
  policies(): Promise<number>
  drop(): Promise<void>
}

/** A fresh, empty database of its own on the server `adminUrl` points to. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `azx_bench_${randomBytes(4).toString('hex')}`
  await runAdmin(adminUrl, `create database ${name}`)

  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    name,
    url: url.toString(),
    unsealed: () => count(url.toString(), 'select count(*) as n from audit_log where seq is null'),
    policies: () => count(url.toString(), 'select count(*) as n from policies'),
    // Forces out any connection left behind by a crashed run, then drops.
    drop: () => runAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  }
}

/** Runs one statement on a short-lived admin connection. */
export async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  await query(adminUrl, statement)
}

async function count(url: string, text: string): Promise<number> {
  const [row] = await query<{ n: string }>(url, text)
  return Number(row?.n ?? 0)
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}
