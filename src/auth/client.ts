import type { ClientJwks } from './client-jwks.js'
import type { Principal } from './principal.js'
import type { Role } from './roles.js'

/** A registered API client: an insurer's system, a regulator's, or an administrator's. */
export interface Client {
  clientId: string
  name: string
  role: Role
  insurerCode: string | undefined
  regionCode: string | undefined
  jwks: ClientJwks
  disabled: boolean
  createdAt: Date
  updatedAt: Date
}

/** Client ids share the form of business keys, so that they read well in logs and URLs. */
export const CLIENT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'

export const CLIENT_NAME_MAX_LENGTH = 200

/** What an access token for this client asserts about it. */
export function principalOfClient(client: Client): Principal {
  const { clientId } = client
  if (client.role === 'insurer') {
    return { clientId, role: 'insurer', insurerCode: client.insurerCode ?? '' }
  }
  if (client.role === 'regulator') {
    return { clientId, role: 'regulator', regionCode: client.regionCode ?? '' }
  }
  return { clientId, role: 'admin' }
}
