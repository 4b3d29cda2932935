import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { registerDocs } from './docs.js'

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
      // Most operations need a token; the public ones say `security: []` themselves.
      security: [{ bearer: [] }],
      tags: [
        { name: 'operations', description: '运维 Operations' },
        { name: 'reference', description: '参考数据 Reference data' },
        { name: 'auth', description: '认证与令牌 Authentication and tokens' },
        { name: 'policies', description: '保单 Policies' },
        { name: 'claims', description: '理赔 Claims' },
        { name: 'services', description: '事故预防服务 Prevention services' },
        { name: 'hazards', description: '事故隐患 Hazards and their closed loop' },
        { name: 'ledger-entries', description: '事故预防费用台账 Prevention ledger' },
        { name: 'batches', description: '批量写入 Batch writes' },
        { name: 'receipts', description: '回执 Receipts' },
        { name: 'enterprises', description: '企业画像 Enterprises' },
        { name: 'admin', description: '管理 Administration' },
        { name: 'supervision', description: '监管视图 Supervision views' },
        { name: 'sharing', description: '数据共享 Change feed and exports' },
      ],
    },
    transformObject: (document) =>
      withProblemMediaType((document as { openapiObject: Document }).openapiObject),
    refResolver: {
      // Shared schemas become named components instead of def-0, def-1 (STACK.md, trap 4).
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  })

  registerDocs(app)

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

type Document = {
  paths?: Record<string, Record<string, { responses?: Record<string, Response> }>>
}
type Response = { content?: Record<string, { schema?: { $ref?: string } }> }

/**
 * Routes declare the problem schema like any response, which @fastify/swagger files under
 * application/json; the answers are sent as application/problem+json (RFC 9457), so say that.
 */
function withProblemMediaType(document: Document): Document {
  for (const pathItem of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(pathItem)) {
      for (const response of Object.values(operation.responses ?? {})) {
        const json = response.content?.['application/json']
        if (json?.schema?.$ref === '#/components/schemas/Problem') {
          response.content = { 'application/problem+json': json }
        }
      }
    }
  }
  return document
}
