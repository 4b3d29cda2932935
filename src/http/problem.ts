import type { FastifyReply, FastifyRequest } from 'fastify'
import { type ProblemCode, problems } from '../domain/errors/catalogue.js'
import type { FieldError } from '../domain/errors/field-error.js'
import { fieldMessages } from '../domain/errors/field-messages.js'
import { type Language, pickLanguage } from './language.js'

/** The RFC 9457 problem document every error is answered with. */
export interface ProblemDocument {
  type: string
  title: string
  status: number
  detail: string
  code: ProblemCode
  requestId: string
  instance: string
  errors: Array<{ path: string; code: string; message: string }>
}

export interface ProblemInput {
  code: ProblemCode
  status?: number
  detail?: { zh: string; en: string }
  errors?: FieldError[]
}

export function problemType(code: ProblemCode): string {
  return `urn:azx-dock:problem:${code}`
}

export function renderFieldErrors(errors: FieldError[], language: Language) {
  return errors.map((error) => ({
    path: error.path,
    code: error.code,
    message: fieldMessages[error.code](error.params ?? {})[language],
  }))
}

export function buildProblem(request: FastifyRequest, input: ProblemInput): ProblemDocument {
  const language = pickLanguage(request.headers['accept-language'])
  const entry = problems[input.code]
  const errors = renderFieldErrors(input.errors ?? [], language)
  const detail = input.detail?.[language] ?? summarise(errors.length, entry[language], language)

  return {
    type: problemType(input.code),
    title: entry[language],
    status: input.status ?? entry.status,
    detail,
    code: input.code,
    requestId: request.id,
    instance: request.url.split('?')[0] ?? request.url,
    errors,
  }
}

function summarise(fieldCount: number, title: string, language: Language): string {
  if (fieldCount === 0) return title
  return language === 'zh'
    ? `${title}：${fieldCount} 个字段未通过校验`
    : `${title}: ${fieldCount} field(s) failed`
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  input: ProblemInput,
): FastifyReply {
  const problem = buildProblem(request, input)
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(problem)
}
