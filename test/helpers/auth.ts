import { generateKeyPairSync, randomBytes, randomUUID, sign as signBytes } from 'node:crypto'
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  SignJWT,
} from 'jose'
import request, { type Response } from 'supertest'
import { expect } from 'vitest'
import type { Role } from '../../src/auth/roles.js'
import { computeCheckCharacter } from '../../src/domain/values/credit-code.js'
import { listSigningKeys } from '../../src/storage/auth/signing-key-store.js'
import type { TestApp } from './app.js'

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

/** A client's key pair, as an integrator would keep it. */
export interface ClientKey {
  kid: string
  alg: 'ES256' | 'RS256'
  privateKey: CryptoKey
  /** The public JWK with kid, alg and use, as registered. */
  publicJwk: JWK
}

export interface TestClient {
  clientId: string
  role: Role
  insurerCode: string | undefined
  regionCode: string | undefined
  key: ClientKey
  /** A fresh client assertion for the token endpoint; claims and header can be overridden. */
  assertion(overrides?: AssertionOverrides): Promise<string>
  /** An access token from POST /api/v1/oauth/token, fetched once and then reused. */
  token(): Promise<string>
  /** Always a new access token (after moving the app's clock, say). */
  newToken(): Promise<string>
}

export interface AssertionOverrides {
  claims?: JWTPayload
  header?: Partial<JWTHeaderParameters>
  /** Signs with this key instead of the client's own. */
  key?: ClientKey
}

export async function createClientKey(alg: 'ES256' | 'RS256' = 'ES256'): Promise<ClientKey> {
  const pair = await generateKeyPair(alg, { extractable: true })
  const kid = `key-${randomBytes(6).toString('hex')}`
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' }
  return { kid, alg, privateKey: pair.privateKey, publicJwk }
}

/** A unified social credit code of a Nanning company, with a valid check character. */
export function randomCreditCode(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const body = [...randomBytes(9)].map((byte) => charset[byte % charset.length]).join('')
  const first17 = `91450100${body}`
  return first17 + computeCheckCharacter(first17)
}

export function adminAuthorization(t: TestApp): string {
  if (!t.config.adminToken) throw new Error('this helper needs a test app with ADMIN_TOKEN')
  return `Bearer ${t.config.adminToken}`
}

/**
 * Registers a client with a fresh ES256 key through the admin API, the way an administrator
 * would. An insurer gets a random valid credit code and a regulator the whole province unless
 * told otherwise.
 */
export async function createClient(
  t: TestApp,
  options: { role: Role; insurerCode?: string; regionCode?: string; key?: ClientKey },
): Promise<TestClient> {
  const { role } = options
  const key = options.key ?? (await createClientKey())
  const clientId = `${role}-${randomBytes(5).toString('hex')}`
  const insurerCode = role === 'insurer' ? (options.insurerCode ?? randomCreditCode()) : undefined
  const regionCode = role === 'regulator' ? (options.regionCode ?? '450000') : undefined

  const response = await request(t.app.server)
    .post('/api/v1/admin/clients')
    .set('authorization', adminAuthorization(t))
    .send({
      clientId,
      name: `测试客户端 ${clientId}`,
      role,
      ...(insurerCode ? { insurerCode } : {}),
      ...(regionCode ? { regionCode } : {}),
      jwks: { keys: [key.publicJwk] },
    })
  if (response.status !== 201) {
    throw new Error(`registering ${clientId} failed: ${response.status} ${response.text}`)
  }

  let cached: Promise<string> | undefined
  const client: TestClient = {
    clientId,
    role,
    insurerCode,
    regionCode,
    key,
    assertion: (overrides = {}) => signAssertion(t, clientId, key, overrides),
    token: () => {
      cached ??= client.newToken()
      return cached
    },
    async newToken() {
      const answer = await requestToken(t, await client.assertion())
      if (answer.status !== 200) throw new Error(`token refused: ${answer.text}`)
      return answer.body.access_token as string
    },
  }
  return client
}

/** A client assertion (RFC 7523) with the claims SPEC §2 asks for, good for two minutes. */
export async function signAssertion(
  t: TestApp,
  clientId: string,
  key: ClientKey,
  overrides: AssertionOverrides = {},
): Promise<string> {
  const signer = overrides.key ?? key
  const now = Math.floor(Date.now() / 1000)
  const claims = {
    iss: clientId,
    sub: clientId,
    aud: `${t.config.publicUrl}/api/v1/oauth/token`,
    iat: now,
    exp: now + 120,
    jti: randomUUID(),
    ...overrides.claims,
  }
  const header = { alg: signer.alg, kid: signer.kid, typ: 'JWT', ...overrides.header }
  return new SignJWT(claims).setProtectedHeader(header).sign(signer.privateKey)
}

/** POST /api/v1/oauth/token, form-encoded, as an OAuth client library sends it. */
export function requestToken(
  t: TestApp,
  assertion: string,
  parameters: Record<string, string> = {},
): Promise<Response> {
  return request(t.app.server)
    .post('/api/v1/oauth/token')
    .type('form')
    .send({
      grant_type: 'client_credentials',
      client_assertion_type: JWT_BEARER,
      client_assertion: assertion,
      ...parameters,
    })
}

export async function setClientDisabled(t: TestApp, clientId: string, disabled: boolean) {
  const response = await request(t.app.server)
    .patch(`/api/v1/admin/clients/${clientId}`)
    .set('authorization', adminAuthorization(t))
    .send({ disabled })
  expect(response.status).toBe(200)
}

/**
 * An access token signed with the platform's own current key, with any claim or header
 * changed: what an attacker holding the key could make, and how to build expired or
 * mis-addressed tokens that fail for exactly one reason.
 */
export async function signPlatformToken(
  t: TestApp,
  client: Pick<TestClient, 'clientId' | 'role' | 'insurerCode' | 'regionCode'>,
  overrides: { claims?: JWTPayload; header?: Partial<JWTHeaderParameters> } = {},
): Promise<string> {
  const platform = await platformKey(t)
  const now = Math.floor(Date.now() / 1000)
  const claims = {
    iss: t.config.publicUrl,
    aud: t.config.publicUrl,
    sub: client.clientId,
    client_id: client.clientId,
    role: client.role,
    ...(client.insurerCode ? { insurerCode: client.insurerCode } : {}),
    ...(client.regionCode ? { regionCode: client.regionCode } : {}),
    iat: now,
    exp: now + 600,
    jti: randomUUID(),
    ...overrides.claims,
  }
  const header = { alg: platform.alg, kid: platform.kid, typ: 'at+jwt', ...overrides.header }
  return new SignJWT(claims).setProtectedHeader(header).sign(platform.privateKey)
}

async function platformKey(t: TestApp) {
  const jwk = t.config.signingKey
    ? (JSON.parse(t.config.signingKey) as JWK)
    : ((await listSigningKeys(t.database.handle.db, new Date()))[0]?.privateJwk as JWK)
  const alg = jwk.kty === 'RSA' ? 'RS256' : 'ES256'
  const kid = jwk.kid ?? ''
  return { alg, kid, privateKey: (await importJWK(jwk, alg)) as CryptoKey }
}

/** The same header and claims, signed by a key the platform never had. */
export function withForeignSignature(token: string): string {
  const [header, payload] = token.split('.')
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const input = Buffer.from(`${header}.${payload}`)
  const signature = signBytes('sha256', input, { key: privateKey, dsaEncoding: 'ieee-p1363' })
  return `${header}.${payload}.${signature.toString('base64url')}`
}

export function unsignedToken(header: object, claims: object, signature = ''): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url')
  return `${encode(header)}.${encode(claims)}.${signature}`
}

export async function hmacToken(t: TestApp, claims: JWTPayload, kid: string): Promise<string> {
  // The classic confusion: the public key, which anyone can fetch, used as an HMAC secret.
  const jwks = await request(t.app.server).get('/.well-known/jwks.json')
  const secret = new TextEncoder().encode(JSON.stringify(jwks.body.keys[0]))
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid, typ: 'at+jwt' }).sign(secret)
}

export interface AuthMatrixOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  body?: unknown
  /** The roles the route admits; every other role must get 403. */
  roles: readonly Role[]
  /** The tenant of the admitted insurer (the one in the URL); a random one otherwise. */
  insurerCode?: string
  /** The region of the admitted regulator; the province otherwise. */
  regionCode?: string
  /** Adds the case "an insurer with another insurerCode", expecting this status. */
  otherInsurer?: 403 | 404
  /** Adds the case "a regulator of this region", expecting this status. */
  outsideRegion?: { regionCode: string; status: 403 | 404 }
  /** Whether an admitted caller's answer is right; by default anything but 401, 403 and 429. */
  isAdmitted?: (response: Response) => boolean
}

interface MatrixCase {
  name: string
  authorization: string | undefined
  expect: 'admitted' | 401 | 403 | 404
}

/**
 * The authentication and authorization matrix of one protected route (STYLE.md: one shared
 * helper). Runs every case and fails once, listing each case that answered wrongly.
 */
export async function runAuthMatrix(t: TestApp, options: AuthMatrixOptions): Promise<void> {
  const [admittedRole] = options.roles
  if (!admittedRole) throw new Error('runAuthMatrix needs at least one admitted role')

  const tenant = { insurerCode: options.insurerCode, regionCode: options.regionCode }
  const admitted = await createClient(t, { role: admittedRole, ...tenant })
  const bearer = (token: string) => `Bearer ${token}`
  const now = Math.floor(Date.now() / 1000)
  const platformKid = JSON.parse(
    Buffer.from((await admitted.token()).split('.')[0] ?? '', 'base64url').toString(),
  ).kid as string

  const cases: MatrixCase[] = [
    { name: 'no token', authorization: undefined, expect: 401 },
    { name: 'another scheme', authorization: 'Basic dXNlcjpwYXNz', expect: 401 },
    { name: 'malformed token', authorization: 'Bearer not-a-jwt', expect: 401 },
    {
      name: 'platform-signed control token',
      authorization: bearer(await signPlatformToken(t, admitted)),
      expect: 'admitted',
    },
    {
      name: 'bad signature',
      authorization: bearer(withForeignSignature(await admitted.token())),
      expect: 401,
    },
    {
      name: 'expired',
      authorization: bearer(
        await signPlatformToken(t, admitted, { claims: { iat: now - 3600, exp: now - 60 } }),
      ),
      expect: 401,
    },
    {
      name: 'wrong typ: a client assertion presented as an access token',
      authorization: bearer(
        await admitted.assertion({ claims: { aud: t.config.publicUrl, exp: now + 120 } }),
      ),
      expect: 401,
    },
    {
      name: 'wrong typ: a platform-signed JWT that is not an access token',
      authorization: bearer(await signPlatformToken(t, admitted, { header: { typ: 'JWT' } })),
      expect: 401,
    },
    {
      name: 'wrong issuer',
      authorization: bearer(
        await signPlatformToken(t, admitted, { claims: { iss: 'https://issuer.invalid' } }),
      ),
      expect: 401,
    },
    {
      name: 'wrong audience',
      authorization: bearer(
        await signPlatformToken(t, admitted, { claims: { aud: 'https://audience.invalid' } }),
      ),
      expect: 401,
    },
    {
      name: 'unknown kid',
      authorization: bearer(
        await signPlatformToken(t, admitted, { header: { kid: 'no-such-key' } }),
      ),
      expect: 401,
    },
    {
      name: 'alg none',
      authorization: bearer(
        unsignedToken(
          { alg: 'none', typ: 'at+jwt', kid: platformKid },
          platformClaims(t, admitted, now),
        ),
      ),
      expect: 401,
    },
    {
      name: 'symmetric algorithm (HS256)',
      authorization: bearer(await hmacToken(t, platformClaims(t, admitted, now), platformKid)),
      expect: 401,
    },
  ]

  const disabled = await createClient(t, { role: admittedRole, ...tenant })
  const disabledToken = await disabled.token()
  await setClientDisabled(t, disabled.clientId, true)
  cases.push({ name: 'disabled client', authorization: bearer(disabledToken), expect: 401 })

  const isAdminRoute = options.url.startsWith('/api/v1/admin/')
  cases.push({
    name: 'bootstrap admin token',
    authorization: adminAuthorization(t),
    expect: isAdminRoute && options.roles.includes('admin') ? 'admitted' : 401,
  })

  for (const role of ['insurer', 'regulator', 'admin'] as const) {
    const client = await createClient(t, { role, ...tenant })
    const expected = options.roles.includes(role) ? 'admitted' : 403
    cases.push({
      name: `role ${role}`,
      authorization: bearer(await client.token()),
      expect: expected,
    })
  }

  if (options.otherInsurer) {
    const other = await createClient(t, { role: 'insurer' })
    const authorization = bearer(await other.token())
    cases.push({ name: 'another insurer', authorization, expect: options.otherInsurer })
  }
  if (options.outsideRegion) {
    const { regionCode, status } = options.outsideRegion
    const outsider = await createClient(t, { role: 'regulator', regionCode })
    const authorization = bearer(await outsider.token())
    cases.push({ name: `regulator of ${regionCode}`, authorization, expect: status })
  }

  const failures: string[] = []
  for (const matrixCase of cases) {
    const response = await send(t, options, matrixCase.authorization)
    const fault = judge(matrixCase, response, options)
    if (fault) failures.push(`${matrixCase.name}: ${fault}`)
  }
  expect(failures).toEqual([])
}

function platformClaims(t: TestApp, client: TestClient, now: number): JWTPayload {
  return {
    iss: t.config.publicUrl,
    aud: t.config.publicUrl,
    sub: client.clientId,
    client_id: client.clientId,
    role: client.role,
    ...(client.insurerCode ? { insurerCode: client.insurerCode } : {}),
    ...(client.regionCode ? { regionCode: client.regionCode } : {}),
    iat: now,
    exp: now + 600,
    jti: randomUUID(),
  }
}

function send(t: TestApp, options: AuthMatrixOptions, authorization: string | undefined) {
  const method = options.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
  let pending = request(t.app.server)[method](options.url)
  if (authorization !== undefined) pending = pending.set('authorization', authorization)
  return options.body === undefined ? pending : pending.send(options.body as object)
}

function judge(
  matrixCase: MatrixCase,
  response: Response,
  options: AuthMatrixOptions,
): string | undefined {
  const got = `${response.status} ${response.body?.code ?? response.text.slice(0, 120)}`

  if (matrixCase.expect === 'admitted') {
    const isAdmitted = options.isAdmitted ?? ((r: Response) => ![401, 403, 429].includes(r.status))
    return isAdmitted(response) ? undefined : `expected to be admitted, got ${got}`
  }

  const code = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found' }[matrixCase.expect]
  if (response.status !== matrixCase.expect || response.body?.code !== code) {
    return `expected ${matrixCase.expect} ${code}, got ${got}`
  }
  if (matrixCase.expect === 401 && !/^Bearer /.test(response.headers['www-authenticate'] ?? '')) {
    return 'a 401 without WWW-Authenticate: Bearer'
  }
  return undefined
}
