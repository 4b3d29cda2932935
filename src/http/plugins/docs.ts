import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { AppError } from '../../domain/errors/app-error.js'

/** Headers of the docs app's answers that this app sets again itself. */
const hopHeaders = new Set([
  'connection',
  'content-length',
  'date',
  'keep-alive',
  'transfer-encoding',
])

/**
 * `/docs`: the API reference page (Scalar, offline), from a Fastify instance of its own that is
 * built on the first request. Scalar's module holds its 4 MB browser bundle and an OpenAPI
 * parser, 35 MB of memory that a server nobody browses should not carry.
 */
export function registerDocs(app: FastifyInstance): void {
  let docsApp: Promise<FastifyInstance> | undefined

  const relay = async (request: FastifyRequest, reply: FastifyReply) => {
    docsApp ??= buildDocsApp().catch((error: unknown) => {
      docsApp = undefined
      throw error
    })
    const answer = await (await docsApp).inject({
      method: 'GET',
      url: request.url,
      headers: { accept: request.headers.accept ?? '*/*' },
    })

    // The docs app's own 404 is not a problem document; this app's is.
    if (answer.statusCode === 404) throw new AppError('route_not_found')

    for (const [name, value] of Object.entries(answer.headers)) {
      if (!hopHeaders.has(name) && value !== undefined) reply.header(name, value)
    }
    return reply.code(answer.statusCode).send(answer.rawPayload)
  }

  app.get('/docs', { schema: { hide: true } }, relay)
  app.get('/docs/*', { schema: { hide: true } }, relay)
}

async function buildDocsApp(): Promise<FastifyInstance> {
  const { default: scalar } = await import('@scalar/fastify-api-reference')
  const docsApp = Fastify({ logger: false })
  await docsApp.register(scalar, {
    routePrefix: '/docs',
    configuration: { url: '/openapi.json', withDefaultFonts: false },
  })
  await docsApp.ready()
  return docsApp
}
