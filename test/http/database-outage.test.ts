import type { AddressInfo } from 'node:net'
import { connect, createServer, type Server, type Socket } from 'node:net'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/storage/database.js'
import { runMigrations } from '../../src/storage/migrate.js'
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../helpers/app.js'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../helpers/database.js'

/**
 * A TCP relay in front of PostgreSQL that can be cut and restored, as a database restart or a
 * network fault would. PGlite runs inside the process and cannot go down, hence PostgreSQL only.
 */
function createRelay(target: URL) {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0

  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
  }

  return {
    get port() {
      return port
    },
    async up(): Promise<void> {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname)
        for (const socket of [client, upstream]) track(socket)
        client.once('close', () => upstream.destroy())
        upstream.once('close', () => client.destroy())
        client.pipe(upstream).pipe(client)
      })
      await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve))
      port = (server.address() as AddressInfo).port
    },
    async down(): Promise<void> {
      const closed = new Promise((resolve) => server?.close(resolve))
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}

const admin = `Bearer ${TEST_ADMIN_TOKEN}`

function expectUnavailable(response: request.Response, instance: string) {
  expect(response.status).toBe(503)
  expect(response.headers['retry-after']).toMatch(/^\d+$/)
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
  expect(response.body).toMatchObject({
    type: 'urn:azx-dock:problem:service_unavailable',
    status: 503,
    code: 'service_unavailable',
    requestId: response.headers['x-request-id'],
    instance,
  })
}

describe.skipIf(!testDatabaseUrl)('a database that goes down', () => {
  let database: TestDatabase
  let relay: ReturnType<typeof createRelay>
  let t: TestApp

  beforeAll(async () => {
    database = await createTestDatabase()
    await runMigrations(database.handle)

    relay = createRelay(new URL(database.url ?? ''))
    await relay.up()
    const relayed = new URL(database.url ?? '')
    relayed.host = `127.0.0.1:${relay.port}`
    const handle = await openDatabase({ databaseUrl: relayed.toString(), dataDir: '' })
    t = await createTestApp({ database: { handle, url: relayed.toString(), drop: handle.close } })
  })

  afterAll(async () => {
    await t?.close()
    await t?.database.handle.close()
    await relay?.down()
    await database?.drop()
  })

  it('answers 503 with Retry-After while it is down, and recovers by itself', async () => {
    expect((await request(t.app.server).get('/readyz')).status).toBe(200)
    expect(
      (await request(t.app.server).get('/api/v1/admin/clients').set('authorization', admin)).status,
    ).toBe(200)

    await relay.down()

    expectUnavailable(await request(t.app.server).get('/readyz'), '/readyz')
    // Through the error handler, not a route of its own: any query that cannot reach the
    // database answers the same way.
    const listing = await request(t.app.server)
      .get('/api/v1/admin/clients')
      .set('authorization', admin)
    expectUnavailable(listing, '/api/v1/admin/clients')
    expect((await request(t.app.server).get('/healthz')).status).toBe(200)

    await relay.up()

    expect((await request(t.app.server).get('/readyz')).status).toBe(200)
    const recovered = await request(t.app.server)
      .get('/api/v1/admin/clients')
      .set('authorization', admin)
    expect(recovered.status).toBe(200)
  })

  it('logs each request that met the outage at error level', () => {
    const outages = t.logs.filter((line) => line.msg === 'database unavailable')

    expect(outages.length).toBeGreaterThan(0)
    for (const line of outages) expect(line.level).toBe(50)
  })
})

describe.skipIf(!testDatabaseUrl)('a database that is down from the start', () => {
  it('still lets the app start (migrations off) and answers /readyz 503', async () => {
    const url = 'postgres://postgres@127.0.0.1:1/azx'
    const handle = await openDatabase({ databaseUrl: url, dataDir: '' })

    try {
      const t = await createTestApp({
        database: { handle, url, drop: handle.close },
        config: { migrateOnStart: false },
      })
      try {
        const response = await request(t.app.server).get('/readyz').set('accept-language', 'en')

        expectUnavailable(response, '/readyz')
        expect(response.body.detail).toBe('database is unreachable')
      } finally {
        await t.close()
      }
    } finally {
      await handle.close()
    }
  })
})
