import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifySchema, FastifySchemaCompiler } from 'fastify'
import { type FieldError, fieldError } from '../domain/errors/field-error.js'
import type { FieldErrorCode } from '../domain/errors/field-messages.js'

// ajv-formats ships CommonJS with a default export that ESM sees one level down.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

type HttpPart = 'body' | 'querystring' | 'params' | 'headers'

function createAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    // Every failing field at once, nothing silently dropped (STACK.md, traps 1 and 2).
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes,
    verbose: true,
    strict: false,
  })
  addFormats(ajv, { mode: 'full' })
  ajv.addKeyword({ keyword: 'x-error' })
  return ajv
}

/**
 * Fastify's validator compiler. Bodies are never coerced (a `null` must not become `0`); query
 * strings and path parameters arrive as text and are. Shared schemas registered with
 * `app.addSchema` are handed to both Ajv instances so that `$ref`s resolve (STACK.md, trap 3).
 */
export function createValidatorCompiler(
  sharedSchemas: () => Record<string, unknown>,
): FastifySchemaCompiler<FastifySchema> {
  const strict = createAjv(false)
  const lenient = createAjv(true)
  let sharedAdded = false

  return ({ schema, httpPart }) => {
    if (!sharedAdded) {
      for (const shared of Object.values(sharedSchemas())) {
        strict.addSchema(shared as object)
        lenient.addSchema(shared as object)
      }
      sharedAdded = true
    }

    const ajv = httpPart === 'body' ? strict : lenient
    return ajv.compile(schema as object) as ValidateFunction
  }
}

const partPrefix: Record<HttpPart, string> = {
  body: '',
  querystring: '/query',
  params: '/params',
  headers: '/headers',
}

/** Turns Ajv's errors into the contract's field errors, one per failing field. */
export function toFieldErrors(errors: ErrorObject[], part: string | undefined): FieldError[] {
  const prefix = partPrefix[(part ?? 'body') as HttpPart] ?? ''
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath))
  const seen = new Set<string>()
  const result: FieldError[] = []

  for (const error of errors) {
    // A failed union already reports its branches; one error for the field says it better.
    if (error.keyword !== 'anyOf' && anyOfPaths.has(error.instancePath)) continue

    const converted = convert(error, prefix)
    const identity = `${converted.path}\u0000${converted.code}`
    if (seen.has(identity)) continue
    seen.add(identity)
    result.push(converted)
  }
  return result
}

function convert(error: ErrorObject, prefix: string): FieldError {
  const path = prefix + error.instancePath
  const params = error.params as Record<string, unknown>
  const custom = (error.parentSchema as Record<string, unknown> | undefined)?.['x-error']

  switch (error.keyword) {
    case 'required':
      return fieldError(`${path}/${params.missingProperty}`, 'required', {
        field: String(params.missingProperty),
      })
    case 'additionalProperties':
      return fieldError(`${path}/${params.additionalProperty}`, 'unknown_field', {
        field: String(params.additionalProperty),
      })
    case 'type':
      // Money sent as a JSON number is named for what it should be, not only its type.
      if (typeof custom === 'string') return fieldError(path, custom as FieldErrorCode)
      return fieldError(path, 'invalid_type', { expected: String(params.type) })
    case 'enum':
      return fieldError(path, 'invalid_value', { allowed: listAllowed(params.allowedValues) })
    case 'const':
      return fieldError(path, 'invalid_value', { allowed: String(params.allowedValue) })
    case 'anyOf':
      return fieldError(path, 'invalid_value', { allowed: listUnionValues(error.schema) })
    case 'maxLength':
      return fieldError(path, 'too_long', { limit: Number(params.limit) })
    case 'minLength':
      return fieldError(path, 'too_short', { limit: Number(params.limit) })
    case 'maxItems':
      return fieldError(path, 'too_many_items', { limit: Number(params.limit) })
    case 'minItems':
      return fieldError(path, 'too_few_items', { limit: Number(params.limit) })
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return fieldError(path, 'out_of_range', {
        comparison: String(params.comparison),
        limit: Number(params.limit),
      })
    case 'format':
    case 'pattern':
      if (typeof custom === 'string') return fieldError(path, custom as FieldErrorCode)
      if (params.format === 'date') return fieldError(path, 'invalid_date')
      if (params.format === 'date-time') return fieldError(path, 'invalid_timestamp')
      return fieldError(path, 'invalid_format', {
        format: String(params.format ?? params.pattern),
      })
    default:
      return fieldError(path, 'invalid', { reason: error.message ?? error.keyword })
  }
}

function listAllowed(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join(', ') : ''
}

function listUnionValues(branches: unknown): string {
  if (!Array.isArray(branches)) return ''
  const values = branches.map((branch) => (branch as { const?: unknown }).const)
  return values.every((v) => v !== undefined) ? values.map(String).join(', ') : 'another form'
}

/**
 * Validates a value against a registered schema by its `$id`, outside a route: a batch checks
 * each item's record against its kind's schema and reports the item's errors in place.
 */
export function createSchemaChecker(sharedSchemas: Record<string, unknown>) {
  const ajv = createAjv(false)
  for (const shared of Object.values(sharedSchemas)) ajv.addSchema(shared as object)

  return (schemaId: string, value: unknown, pathPrefix: string): FieldError[] => {
    const validate = ajv.getSchema(schemaId)
    if (!validate) throw new Error(`schema ${schemaId} is not registered`)
    if (validate(value)) return []

    return toFieldErrors(validate.errors ?? [], 'body').map((error) => ({
      ...error,
      path: pathPrefix + error.path,
    }))
  }
}
