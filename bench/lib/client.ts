import { randomBytes, randomUUID } from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { computeCheckCharacter } from '../../src/domain/values/credit-code.js'

export interface BenchClient {
  clientId: string
  insurerCode: string
  accessToken: string
}

/**
 * Registers an insurer client through the admin API and gets an access token the way an
 * integrator would (SPEC §2): a client assertion signed with its own ES256 key.
 */
export async function registerInsurer(
  server: { url: string; publicUrl: string },
  adminToken: string,
): Promise<BenchClient> {
  const { url } = server
  const { publicKey, privateKey } = await generateKeyPair('ES256')
  const kid = `bench-${randomBytes(4).toString('hex')}`
  const clientId = `bench-insurer-${randomBytes(4).toString('hex')}`
  const insurerCode = randomInsurerCode()

  await postJson(`${url}/api/v1/admin/clients`, adminToken, {
    clientId,
    name: `基准测试 ${clientId}`,
    role: 'insurer',
    insurerCode,
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
  })

  const now = Math.floor(Date.now() / 1000)
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${server.publicUrl}/api/v1/oauth/token`)
    .setIssuedAt(now)
    .setExpirationTime(now + 120)
    .sign(privateKey)

  const response = await fetch(`${url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  })
  if (response.status !== 200) throw new Error(`token refused: ${await response.text()}`)
  const { access_token: accessToken } = (await response.json()) as { access_token: string }
  return { clientId, insurerCode, accessToken }
}

async function postJson(url: string, bearer: string, body: object): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (response.status !== 201) {
    throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`)
  }
}

/** A Nanning branch with a valid check character, so no allow-list lookup is needed. */
function randomInsurerCode(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const body = [...randomBytes(9)].map((byte) => charset[byte % charset.length]).join('')
  const first17 = `91450100${body}`
  return first17 + computeCheckCharacter(first17)
}
