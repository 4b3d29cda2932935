import swagger from '@fastify/swagger'
import scalar from '@scalar/fastify-api-reference'
import type { FastifyInstance } from 'fastify'

/** The OpenAPI 3.1 document, built from the routes' own schemas, and an offline docs page. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'AZX Dock 安责险数据对接接口',
        version: '1.0.0',
        description:
          '广西安全生产责任保险数据对接接口：承保、理赔、事故预防服务、重大事故隐患闭环与预防费用台账。' +
          '\n\nThe data-docking API of the Guangxi work-safety liability insurance platform.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      tags: [
        { name: 'operations', description: '运维 Operations' },
        { name: 'reference', description: '参考数据 Reference data' },
      ],
    },
    refResolver: {
      // Shared schemas become named components instead of def-0, def-1 (STACK.md, trap 4).
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  })

  await app.register(scalar, {
    routePrefix: '/docs',
    configuration: { url: '/openapi.json', withDefaultFonts: false },
  })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
