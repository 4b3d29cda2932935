import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { dictionaries, isDictionaryName } from '../../domain/dictionaries/index.js'
import { AppError } from '../../domain/errors/app-error.js'
import { problemResponses } from '../schemas/problem.js'
import { ref } from '../schemas/records/index.js'

/**
 * Reference data (SPEC §8): every code table, with Chinese and English labels. Public, like the
 * OpenAPI document: an integrator maps its codes before it has credentials.
 */
export async function dictionaryRoutes(app: FastifyInstance) {
  app.get(
    '/api/v1/dictionaries',
    {
      schema: {
        operationId: 'listDictionaries',
        summary: '全部代码表 Every code table',
        tags: ['reference'],
        security: [],
        response: {
          200: Type.Object(
            { items: Type.Array(ref('Dictionary'), { title: '代码表', description: 'All' }) },
            { title: '代码表列表', description: 'Every table', additionalProperties: false },
          ),
        },
      },
    },
    async () => ({ items: Object.values(dictionaries) }),
  )

  app.get<{ Params: { name: string } }>(
    '/api/v1/dictionaries/:name',
    {
      schema: {
        operationId: 'getDictionary',
        summary: '单个代码表 One code table',
        tags: ['reference'],
        security: [],
        params: Type.Object(
          {
            name: Type.String({
              title: '代码表名称',
              description: 'e.g. industries, regions, hazard-criteria',
              maxLength: 64,
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ref('Dictionary'), ...problemResponses(404) },
      },
    },
    async (request) => {
      const { name } = request.params
      if (!isDictionaryName(name)) throw new AppError('not_found')
      return dictionaries[name]
    },
  )
}
