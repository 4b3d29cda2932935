import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../helpers/database.js'

// The real entry point as an operator runs it, in a process of its own, with only the
// environment given here: nothing leaks in from the test runner's own environment.
const root = join(import.meta.dirname, '..', '..')
// Compiling with tsx and creating a PGlite database take seconds, minutes on a loaded machine.
const STARTUP_MS = 150_000
// Longer than the start-up deadline, so that a server that never starts shows its own output;
// also the limit for a process that only has to load its code and stop.
const HOOK_MS = STARTUP_MS + 15_000

interface RunningServer {
  child: ChildProcess
  port: number
  logs(): Array<Record<string, unknown>>
  /** Everything it wrote, to explain a failure. */
  output(): string
  exited: Promise<number | null>
}

interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

function spawnServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { stdout: '', stderr: '' }
  child.stdout?.on('data', (chunk) => {
    output.stdout += String(chunk)
  })
  child.stderr?.on('data', (chunk) => {
    output.stderr += String(chunk)
  })
  const finished = new Promise<Finished>((resolve) => {
    child.once('exit', (code) => resolve({ code, ...output }))
  })
  return { child, output, finished }
}

/** Starts the server and waits for its "ready for requests" line, which names the port. */
async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const { child, output, finished } = spawnServer(env)
  const logs = () =>
    output.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)

  const deadline = Date.now() + STARTUP_MS
  while (Date.now() < deadline) {
    const ready = logs().find((line) => line.msg === 'ready for requests')
    if (ready) {
      return {
        child,
        port: Number(ready.port),
        logs,
        output: () => `${output.stdout}\n${output.stderr}`,
        exited: finished.then((f) => f.code),
      }
    }
    if (child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  child.kill('SIGKILL')
  const { code, stdout, stderr } = await finished
  throw new Error(`the server did not start (exit ${code}):\n${stdout}\n${stderr}`)
}

/** Resolves with the exit code, or with 'still running' after `ms`. */
function exitWithin(server: RunningServer, ms: number): Promise<number | null | 'still running'> {
  const timeout = new Promise<'still running'>((resolve) =>
    setTimeout(() => resolve('still running'), ms),
  )
  return Promise.race([server.exited, timeout])
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.once('error', reject)
  })
}

function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = ''
    socket.on('data', (chunk) => {
      text += String(chunk)
    })
    socket.once('close', () => resolve(text))
  })
}

const dataDirs: string[] = []

function tempDataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'azx-server-'))
  dataDirs.push(folder)
  return join(folder, 'data')
}

afterAll(() => {
  for (const folder of dataDirs) rmSync(folder, { recursive: true, force: true })
})

describe('node src/server.ts with nothing set but DATA_DIR', () => {
  let server: RunningServer
  let dataDir: string

  beforeAll(async () => {
    dataDir = tempDataDir()
    // PORT=0 only because 8080 may be taken on a build machine; its default is in config tests.
    server = await startServer({ DATA_DIR: dataDir, PORT: '0' })
  }, HOOK_MS)

  afterAll(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL')
  })

  it('creates the embedded database in DATA_DIR and answers /healthz and /readyz', async () => {
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`)
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`)

    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    expect(ready.status).toBe(200)
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true)
  })

  it('on SIGTERM stops accepting, finishes the request in flight, then exits 0', async () => {
    // A form body sent in two parts: the request is in flight until the second arrives.
    const body = 'grant_type=client_credentials&client_assertion_type=x&client_assertion=y'
    const socket = await openSocket(server.port)
    const answer = readAll(socket)
    socket.write(
      'POST /api/v1/oauth/token HTTP/1.1\r\nHost: localhost\r\n' +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
    )
    socket.write(body.slice(0, 20))
    await new Promise((resolve) => setTimeout(resolve, 300))

    server.child.kill('SIGTERM')

    expect(await exitWithin(server, 1_000)).toBe('still running')
    await expect(openSocket(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' })

    socket.write(body.slice(20))
    const response = await answer

    expect(response).toMatch(/^HTTP\/1\.1 4\d\d /)
    expect(await exitWithin(server, 10_000), server.output()).toBe(0)
    const events = server.logs().map((line) => line.msg)
    expect(events).toContain('shutting down')
    expect(events.at(-1)).toBe('shut down')
    expect(server.logs().find((line) => line.msg === 'shutting down')?.signal).toBe('SIGTERM')
  })
})

describe('node src/server.ts with a bad environment', () => {
  it(
    'exits 78 on an invalid configuration, naming each bad variable on stderr',
    async () => {
      const { finished } = spawnServer({ PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: tempDataDir() })

      const { code, stdout, stderr } = await finished

      expect(code).toBe(78)
      expect(stdout).toBe('')
      expect(stderr).toContain('PORT: expected an integer from 0 to 65535, got "abc"')
      expect(stderr).toContain('LOG_LEVEL: expected one of')
    },
    HOOK_MS,
  )

  it(
    'exits 1 with one line, not a stack trace, when the database cannot be reached',
    async () => {
      const { finished } = spawnServer({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/azx',
        PORT: '0',
      })

      const { code, stderr } = await finished

      expect(code).toBe(1)
      expect(stderr).toBe('failed to start: connect ECONNREFUSED 127.0.0.1:1\n')
    },
    HOOK_MS,
  )
})

describe.skipIf(!testDatabaseUrl)('node src/server.ts on PostgreSQL (DATABASE_URL)', () => {
  let database: TestDatabase
  let server: RunningServer

  beforeAll(async () => {
    database = await createTestDatabase()
    // The server migrates the database itself; the test's own connection only drops it later.
    server = await startServer({ DATABASE_URL: database.url ?? '', PORT: '0' })
  }, HOOK_MS)

  afterAll(async () => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL')
    await database?.drop()
  })

  it('migrates the database at start, answers /readyz, and exits 0 on SIGTERM', async () => {
    const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`)

    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })

    server.child.kill('SIGTERM')

    expect(await exitWithin(server, 10_000), server.output()).toBe(0)
    expect(server.logs().at(-1)?.msg).toBe('shut down')
  })
})
