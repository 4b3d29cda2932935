import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import SwaggerParser from '@apidevtools/swagger-parser'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/app.js'

const root = join(import.meta.dirname, '..', '..')
const committedPath = join(root, 'openapi', 'openapi.json')
const redoclyCli = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js')
const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

type Schema = Record<string, unknown>
type Operation = {
  operationId?: string
  summary?: string
  tags?: string[]
  security?: unknown[]
  parameters?: Array<{ name: string; in: string; description?: string; schema?: Schema }>
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>
}
type Document = {
  openapi: string
  security?: unknown[]
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, Schema> }
}

let t: TestApp
let served: Document
let servedText: string

beforeAll(async () => {
  t = await createTestApp()
  const response = await request(t.app.server).get('/openapi.json')
  served = response.body as Document
  servedText = `${JSON.stringify(served, null, 2)}\n`
})

afterAll(async () => {
  await t.close()
})

function operations(document: Document) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.includes(method))
      .map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation,
        method,
        path,
      })),
  )
}

/** Every schema the document holds, with a readable location, components first. */
function rootSchemas(document: Document): Array<{ at: string; schema: Schema }> {
  const found = Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => ({
    at: `components/${name}`,
    schema,
  }))

  for (const { name, operation } of operations(document)) {
    for (const parameter of operation.parameters ?? []) {
      if (parameter.schema) {
        found.push({ at: `${name} ${parameter.in} ${parameter.name}`, schema: parameter.schema })
      }
    }
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
      if (media.schema) found.push({ at: `${name} body ${type}`, schema: media.schema })
    }
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      for (const media of Object.values(response.content ?? {})) {
        if (media.schema) found.push({ at: `${name} ${status}`, schema: media.schema })
      }
    }
  }
  return found
}

/** Calls `visit` on a schema and on every schema nested inside it (except through `$ref`). */
function walkSchema(schema: Schema, at: string, visit: (schema: Schema, at: string) => void) {
  visit(schema, at)

  const properties = (schema.properties ?? {}) as Record<string, Schema>
  for (const [name, property] of Object.entries(properties)) {
    walkSchema(property, `${at}/${name}`, visit)
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    const nested = schema[key]
    if (typeof nested === 'object' && nested !== null) walkSchema(nested as Schema, at, visit)
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    for (const branch of (schema[key] ?? []) as Schema[]) walkSchema(branch, at, visit)
  }
}

const hasChinese = (text: unknown) => typeof text === 'string' && /\p{Script=Han}/u.test(text)

describe('GET /openapi.json', () => {
  it('serves exactly the committed openapi/openapi.json (npm run openapi:write)', () => {
    const committedText = readFileSync(committedPath, 'utf8')

    expect(served).toEqual(JSON.parse(committedText))
    // Key order too: the committed file is the document as served, in route order.
    expect(servedText).toBe(committedText)
  })

  it('publishes OpenAPI 3.1 that passes the OpenAPI 3.1 schema', async () => {
    expect(served.openapi).toMatch(/^3\.1\.\d+$/)

    await expect(SwaggerParser.validate(structuredClone(served) as never)).resolves.toBeDefined()
  })

  it('passes the Redocly linter with the rules chosen in redocly.yaml', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'azx-openapi-'))
    const file = join(folder, 'openapi.json')
    writeFileSync(file, servedText)

    try {
      const report = await lint(file)
      const problems = report.problems.map(
        (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`,
      )

      expect(problems).toEqual([])
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 })
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('gives every operation a unique operationId, a summary and at least one tag', () => {
    const faults: string[] = []
    const seen = new Map<string, string>()

    for (const { name, operation } of operations(served)) {
      const id = operation.operationId
      if (!id) faults.push(`${name}: no operationId`)
      else if (seen.has(id)) faults.push(`${name}: operationId ${id} also on ${seen.get(id)}`)
      else seen.set(id, name)

      if (!operation.summary?.trim()) faults.push(`${name}: no summary`)
      if (!operation.tags?.length) faults.push(`${name}: no tags`)
    }

    expect(operations(served).length).toBeGreaterThan(0)
    expect(faults).toEqual([])
  })

  it('names every component after its $id, never def-N', () => {
    const names = Object.keys(served.components?.schemas ?? {})

    expect(names).toContain('Problem')
    expect(names.filter((name) => /^def-\d+$/.test(name))).toEqual([])
  })

  it('gives every field a Chinese title and a description (SPEC §1)', () => {
    const components = served.components?.schemas ?? {}
    const faults: string[] = []

    for (const [name, schema] of Object.entries(components)) {
      if (!hasChinese(schema.title)) faults.push(`components/${name}: no Chinese title`)
    }

    for (const { at, schema: root } of rootSchemas(served)) {
      walkSchema(root, at, (schema, where) => {
        const properties = (schema.properties ?? {}) as Record<string, Schema>
        for (const [name, property] of Object.entries(properties)) {
          // A field that refers to a shared schema takes that schema's title and description.
          const target = refTarget(property, components) ?? property
          if (!hasChinese(target.title)) faults.push(`${where}/${name}: no Chinese title`)
          if (!target.description) faults.push(`${where}/${name}: no description`)
        }
      })
    }

    for (const { name, operation } of operations(served)) {
      for (const parameter of operation.parameters ?? []) {
        const label = `${name} ${parameter.in} ${parameter.name}`
        if (!hasChinese(parameter.schema?.title)) faults.push(`${label}: no Chinese title`)
        if (!parameter.description) faults.push(`${label}: no description`)
      }
    }

    expect(faults).toEqual([])
  })

  it('says truthfully which operations need a token: those answer 401 without one', async () => {
    const faults: string[] = []

    for (const { name, operation, method, path } of operations(served)) {
      const needsToken = (operation.security ?? served.security ?? []).length > 0
      const url = path.replace(/\{[^}]+\}/g, 'x')
      const response = await request(t.app.server)[method as 'get'](url)

      if (needsToken && response.status !== 401) {
        faults.push(`${name}: documented with a token, answers ${response.status} without one`)
      }
      if (!needsToken && response.status === 401) {
        faults.push(`${name}: documented as public (security: []), answers 401 without a token`)
      }
    }

    expect(faults).toEqual([])
  })

  it('documents every problem answer as application/problem+json', () => {
    const faults: string[] = []

    for (const { name, operation } of operations(served)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          const isProblem = media.schema?.$ref === '#/components/schemas/Problem'
          if (isProblem && type !== 'application/problem+json') {
            faults.push(`${name} ${status}: problem documented as ${type}`)
          }
        }
      }
    }

    expect(faults).toEqual([])
  })
})

function refTarget(schema: Schema, components: Record<string, Schema>): Schema | undefined {
  const ref = schema.$ref
  if (typeof ref !== 'string') return undefined
  return components[ref.replace('#/components/schemas/', '')]
}

type LintReport = {
  totals: { errors: number; warnings: number }
  problems: Array<{
    severity: string
    ruleId: string
    message: string
    location: Array<{ pointer?: string }>
  }>
}

const execFileAsync = promisify(execFile)

/** Redocly CLI ships as one bundle without a Node API, so it runs as its own process. */
async function lint(file: string): Promise<LintReport> {
  const args = [redoclyCli, 'lint', file, '--config', join(root, 'redocly.yaml')]
  const options = {
    cwd: root,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    timeout: 60_000,
  }

  try {
    const { stdout } = await execFileAsync(process.execPath, [...args, '--format', 'json'], options)
    return JSON.parse(stdout) as LintReport
  } catch (error) {
    // It exits 1 when it finds errors; the report is still on standard output.
    const stdout = (error as { stdout?: string }).stdout
    if (!stdout) throw error
    return JSON.parse(stdout) as LintReport
  }
}
