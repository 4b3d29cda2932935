import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'

export interface ServerOptions {
  databaseUrl: string
  adminToken: string
  /** Extra `node` flags, such as `--cpu-prof`. */
  nodeArgs?: string[]
  /** Another build's entry, to compare two builds; the compiled server by default. */
  entry?: string
  env?: Record<string, string>
}

export interface RunningServer {
  url: string
  /** The issuer and audience of its tokens; fixed, so that tokens outlive a restart. */
  publicUrl: string
  pid: number
  /** Stops with SIGTERM, as an orchestrator would, and waits for the exit. */
  stop(): Promise<void>
}

/** The compiled entry point (`npm run build` first): the benchmark measures compiled code. */
const ENTRY = 'dist/src/server.js'
const PUBLIC_URL = 'https://azx-dock.bench.invalid'
const READY_TIMEOUT_MS = 60_000

/** Starts the real server as a child process and waits until it answers `/healthz`. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const entry = options.entry ?? ENTRY
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      ADMIN_TOKEN: options.adminToken,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (child.pid === undefined) throw new Error('the server did not start')

  await waitUntilReady(url, child)
  return { url, publicUrl: PUBLIC_URL, pid: child.pid, stop: () => stopChild(child) }
}

/** Applies the migrations to an empty database with the compiled migration command. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const child = spawn(process.execPath, ['dist/src/storage/migrate-cli.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`migrating failed with exit code ${code}`)
}

async function freePort(): Promise<number> {
  const probe = createServer()
  probe.listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const address = probe.address()
  probe.close()
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`the server did not answer /healthz within ${READY_TIMEOUT_MS} ms`)
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  await exited
}
