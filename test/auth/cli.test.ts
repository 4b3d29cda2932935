import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCommand } from '../../src/cli/commands.js'
import { createTestApp, type TestApp } from '../helpers/app.js'
import { createClientKey, requestToken, signAssertion } from '../helpers/auth.js'

let t: TestApp
let folder: string

beforeAll(async () => {
  t = await createTestApp()
  folder = mkdtempSync(join(tmpdir(), 'azx-cli-'))
})

afterAll(async () => {
  await t.close()
  rmSync(folder, { recursive: true, force: true })
})

/** Runs `npm run azx -- <argv>` in this process, against the test app's database. */
async function azx(argv: string[], config = t.config) {
  const out: string[] = []
  const err: string[] = []
  const status = await runCommand(argv, {
    db: t.database.handle.db,
    config,
    clock: () => new Date(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  })
  return { status, out: out.join('\n'), err: err.join('\n') }
}

function writeJwks(name: string, content: object): string {
  const path = join(folder, name)
  writeFileSync(path, JSON.stringify(content))
  return path
}

describe('npm run azx -- clients', () => {
  it('adds a client that can then get a token, and lists it by kid only', async () => {
    const key = await createClientKey()
    const file = writeJwks('pingan.json', key.publicJwk)

    const added = await azx([
      'clients',
      'add',
      '--id',
      'pingan-gx',
      '--name',
      '平安产险广西分公司',
      '--role',
      'insurer',
      '--insurer-code',
      '91450100MA5K7B2X5R',
      '--jwks',
      file,
    ])
    const listed = await azx(['clients', 'list'])
    const shown = await azx(['clients', 'show', 'pingan-gx'])
    const token = await requestToken(t, await signAssertion(t, 'pingan-gx', key))

    expect(added).toEqual({
      status: 0,
      out: `registered pingan-gx  insurer  91450100MA5K7B2X5R  enabled  keys: ${key.kid}`,
      err: '',
    })
    expect(listed.out).toContain(
      `pingan-gx  insurer  91450100MA5K7B2X5R  enabled  keys: ${key.kid}`,
    )
    expect(JSON.parse(shown.out)).toMatchObject({
      clientId: 'pingan-gx',
      keys: [{ kid: key.kid, kty: 'EC', alg: 'ES256' }],
    })
    expect(`${listed.out}${shown.out}`).not.toContain(String(key.publicJwk.x))
    expect(token.status).toBe(200)
  })

  it('disables, enables and rotates the keys of a client', async () => {
    const key = await createClientKey()
    const next = await createClientKey()
    const file = writeJwks('regulator.json', { keys: [key.publicJwk] })
    const nextFile = writeJwks('regulator-next.json', { keys: [next.publicJwk] })
    const args = ['--name', '南宁市应急管理局', '--role', 'regulator', '--region-code', '450100']
    await azx(['clients', 'add', '--id', 'nanning-yjj', ...args, '--jwks', file])

    const disabled = await azx(['clients', 'disable', 'nanning-yjj'])
    const refused = await requestToken(t, await signAssertion(t, 'nanning-yjj', key))
    const enabled = await azx(['clients', 'enable', 'nanning-yjj'])
    const rotated = await azx(['clients', 'rotate', 'nanning-yjj', '--jwks', nextFile])
    const byOld = await requestToken(t, await signAssertion(t, 'nanning-yjj', key))
    const byNew = await requestToken(t, await signAssertion(t, 'nanning-yjj', next))

    expect(disabled.out).toMatch(/^disabled: nanning-yjj {2}regulator {2}450100 {2}disabled/)
    expect(refused.status).toBe(401)
    expect(enabled.out).toMatch(/^enabled: nanning-yjj .* enabled/)
    expect(rotated.out).toContain(`keys: ${next.kid}`)
    expect([byOld.status, byNew.status]).toEqual([401, 200])
  })

  it('prints every failing field and exits 1 on a refused client', async () => {
    const file = writeJwks('bad.json', { keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'shared' }] })

    const result = await azx(['clients', 'add', '--id', 'x', '--name', 'x', '--role', 'insurer'])
    const refused = await azx([
      'clients',
      'add',
      '--id',
      'bad-one',
      '--name',
      'x',
      '--role',
      'insurer',
      '--jwks',
      file,
    ])

    expect(result.status).toBe(64)
    expect(result.err).toMatch(/^error: --jwks is required\nusage: npm run azx/)
    expect(refused).toEqual({
      status: 1,
      out: '',
      err: [
        'error: Request is invalid',
        '  /insurerCode: is required for role insurer',
        '  /jwks/keys/0/k: must be a public key: private or symmetric key members are refused',
      ].join('\n'),
    })
  })

  it('reports an unknown client and prints usage for an unknown command', async () => {
    const unknown = await azx(['clients', 'show', 'nobody'])
    const nonsense = await azx(['clients', 'frobnicate'])

    expect([unknown.status, unknown.err]).toEqual([1, 'error: no client nobody'])
    expect(nonsense.status).toBe(64)
  })
})

describe('npm run azx -- keys rotate', () => {
  it('makes a new platform signing key and retires the old one', async () => {
    const before = await request(t.app.server).get('/.well-known/jwks.json')
    const [oldKid] = before.body.keys.map((key: { kid: string }) => key.kid)

    const result = await azx(['keys', 'rotate'])

    const newKid = /^signing key (\S+) is active/.exec(result.out)?.[1]
    expect(result.status).toBe(0)
    expect(result.out).toBe(
      `signing key ${newKid} is active\nsigning key ${oldKid} retired; it verifies until expiry`,
    )
  })

  it('refuses when the signing key comes from SIGNING_KEY', async () => {
    const result = await azx(['keys', 'rotate'], { ...t.config, signingKey: '{"kty":"EC"}' })

    expect(result.status).toBe(1)
    expect(result.err).toContain('SIGNING_KEY is configured')
  })
})

describe('npm run azx (the script)', () => {
  // A process of its own, which creates and migrates an embedded database: slow on a busy box.
  it('runs against the configured database', async () => {
    const root = join(import.meta.dirname, '..', '..')
    const run = promisify(execFile)
    const env = { PATH: process.env.PATH, DATA_DIR: join(folder, 'data'), LOG_LEVEL: 'silent' }

    const { stdout } = await run('npm', ['run', '-s', 'azx', '--', 'clients', 'list'], {
      cwd: root,
      env,
      timeout: 60_000,
    })

    expect(stdout).toBe('no clients\n')
  }, 120_000)
})
