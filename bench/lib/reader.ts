import { randomBytes, randomUUID } from 'node:crypto'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'

/** A regulator's access token, for the read-side benchmark. */
export interface BenchReader {
  clientId: string
  regionCode: string
  accessToken: string
}

/**
 * Registers a regulator of `regionCode` through the admin API and gets an access token with a
 * client assertion (SPEC §2), as a regulator's system would.
 */
export async function registerReader(
  server: { url: string; publicUrl: string },
  adminToken: string,
  regionCode: string,
): Promise<BenchReader> {
  const { publicKey, privateKey } = await generateKeyPair('ES256')
  const kid = `bench-${randomBytes(4).toString('hex')}`
  const clientId = `bench-regulator-${regionCode}-${randomBytes(3).toString('hex')}`

  const registered = await fetch(`${server.url}/api/v1/admin/clients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId,
      name: `基准测试监管 ${regionCode}`,
      role: 'regulator',
      regionCode,
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    }),
  })
  if (registered.status !== 201) throw new Error(`registering refused: ${await registered.text()}`)

  const now = Math.floor(Date.now() / 1000)
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(`${server.publicUrl}/api/v1/oauth/token`)
    .setIssuedAt(now)
    .setExpirationTime(now + 120)
    .sign(privateKey)
  const token = await fetch(`${server.url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  })
  if (token.status !== 200) throw new Error(`token refused: ${await token.text()}`)
  const { access_token: accessToken } = (await token.json()) as { access_token: string }
  return { clientId, regionCode, accessToken }
}
