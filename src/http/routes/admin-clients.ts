import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { RouteAuth } from '../../auth/authorization-hook.js'
import type { Client } from '../../auth/client.js'
import { getClient, listClients, registerClient, updateClient } from '../../auth/client-registry.js'
import type { AppContext } from '../../context.js'
import { formatChinaTime } from '../../domain/values/time.js'
import {
  ClientChangesSchema,
  ClientListSchema,
  ClientParamsSchema,
  ClientSchema,
  type ClientView,
  NewClientSchema,
} from '../schemas/clients.js'
import { problemResponses } from '../schemas/problem.js'

const auth: RouteAuth = { roles: ['admin'] }
const common = { tags: ['admin'], security: [{ bearer: [] }] }

/**
 * The client registry (SPEC §2). Admin routes take an admin client's access token or, to get
 * started, the bootstrap `ADMIN_TOKEN`; without either they answer 401 like any protected route.
 */
export async function adminClientRoutes(app: FastifyInstance, context: AppContext) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>()

  api.post(
    '/api/v1/admin/clients',
    {
      config: { auth },
      schema: {
        ...common,
        operationId: 'createClient',
        summary: '注册客户端 Register a client with its public keys',
        description:
          'Admin routes take an admin client token or the bootstrap ADMIN_TOKEN; without ' +
          'ADMIN_TOKEN configured they are off for everyone else and answer 401. An insurer ' +
          'needs insurerCode (GB 32100 check character, or allow-listed), a regulator a ' +
          'Guangxi regionCode, an admin neither. Keys: public EC P-256 or RSA of at least ' +
          '2048 bits, each with a kid.',
        body: NewClientSchema,
        response: { 201: ClientSchema, ...problemResponses(400, 401, 403, 409, 415, 429) },
      },
    },
    async (request, reply) => {
      const client = await registerClient(context.db, request.body, context.clock)
      request.log.info({ registered: client.clientId, role: client.role }, 'client registered')
      reply.code(201).header('location', `/api/v1/admin/clients/${client.clientId}`)
      return toView(client)
    },
  )

  api.get(
    '/api/v1/admin/clients',
    {
      config: { auth },
      schema: {
        ...common,
        operationId: 'listClients',
        summary: '客户端列表 List every client',
        response: { 200: ClientListSchema, ...problemResponses(401, 403, 429) },
      },
    },
    async () => ({ items: (await listClients(context.db)).map(toView) }),
  )

  api.get(
    '/api/v1/admin/clients/:clientId',
    {
      config: { auth },
      schema: {
        ...common,
        operationId: 'getClient',
        summary: '查看客户端 Show one client',
        params: ClientParamsSchema,
        response: { 200: ClientSchema, ...problemResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => toView(await getClient(context.db, request.params.clientId)),
  )

  api.patch(
    '/api/v1/admin/clients/:clientId',
    {
      config: { auth },
      schema: {
        ...common,
        operationId: 'updateClient',
        summary: '修改客户端 Rename, replace keys (rotation), disable or enable a client',
        description:
          'jwks replaces the whole key set: to rotate without a gap, send the old and the new ' +
          'key, then the new one alone. Disabling refuses new tokens at once and the tokens ' +
          'already issued within 2 seconds on every process.',
        params: ClientParamsSchema,
        body: ClientChangesSchema,
        response: { 200: ClientSchema, ...problemResponses(400, 401, 403, 404, 415, 429) },
      },
    },
    async (request) => {
      const { clientId } = request.params
      const client = await updateClient(context.db, clientId, request.body, context.clock)
      const changed = Object.keys(request.body)
      request.log.info({ updated: clientId, changed }, 'client updated')
      return toView(client)
    },
  )
}

function toView(client: Client): ClientView {
  return {
    clientId: client.clientId,
    name: client.name,
    role: client.role,
    ...(client.insurerCode === undefined ? {} : { insurerCode: client.insurerCode }),
    ...(client.regionCode === undefined ? {} : { regionCode: client.regionCode }),
    jwks: client.jwks,
    disabled: client.disabled,
    createdAt: formatChinaTime(client.createdAt),
    updatedAt: formatChinaTime(client.updatedAt),
  }
}
