import { readFileSync } from 'node:fs'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import type { Client } from '../auth/client.js'
import {
  type ClientChanges,
  getClient,
  listClients,
  registerClient,
  updateClient,
} from '../auth/client-registry.js'
import { formatChinaTime } from '../domain/values/time.js'
import { type CliContext, EXIT_USAGE, reportFailure } from './cli-context.js'
import { USAGE } from './usage.js'

const addOptions = {
  id: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  'insurer-code': { type: 'string' },
  'region-code': { type: 'string' },
  jwks: { type: 'string' },
} as const

/** `clients list|show|add|rotate|disable|enable`. Keys are shown by kid only. */
export async function runClientsCommand(argv: string[], context: CliContext): Promise<number> {
  const [action, ...rest] = argv
  try {
    const run = actions[action ?? '']
    if (run) return await run(rest, context)
  } catch (error) {
    if (error instanceof UsageError) {
      context.err(`error: ${error.message}`)
      context.err(USAGE)
      return EXIT_USAGE
    }
    return reportFailure(context, error)
  }

  context.err(USAGE)
  return EXIT_USAGE
}

type Action = (argv: string[], context: CliContext) => Promise<number>

const actions: Record<string, Action> = {
  async list(argv, context) {
    parse(argv, {}, 0)
    const clients = await listClients(context.db)
    for (const client of clients) context.out(summaryLine(client))
    if (clients.length === 0) context.out('no clients')
    return 0
  },

  async show(argv, context) {
    const [clientId] = parse(argv, {}, 1).positionals
    context.out(JSON.stringify(describe(await getClient(context.db, clientId ?? '')), null, 2))
    return 0
  },

  async add(argv, context) {
    const { values } = parse(argv, addOptions, 0)
    const client = await registerClient(
      context.db,
      {
        clientId: required(values.id, '--id'),
        name: required(values.name, '--name'),
        role: required(values.role, '--role'),
        insurerCode: values['insurer-code'],
        regionCode: values['region-code'],
        jwks: readJwks(required(values.jwks, '--jwks')),
      },
      context.clock,
    )
    context.out(`registered ${summaryLine(client)}`)
    return 0
  },

  async rotate(argv, context) {
    const { values, positionals } = parse(argv, { jwks: { type: 'string' } }, 1)
    const jwks = readJwks(required(values.jwks, '--jwks'))
    return change(context, positionals[0] ?? '', { jwks }, 'keys replaced')
  },

  disable: (argv, context) => change(context, one(argv), { disabled: true }, 'disabled'),
  enable: (argv, context) => change(context, one(argv), { disabled: false }, 'enabled'),
}

async function change(context: CliContext, id: string, changes: ClientChanges, done: string) {
  const client = await updateClient(context.db, id, changes, context.clock)
  context.out(`${done}: ${summaryLine(client)}`)
  return 0
}

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>

function parse<O extends Options>(argv: string[], options: O, positionalCount: number) {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
    if (parsed.positionals.length !== positionalCount) {
      throw new UsageError(`expected ${positionalCount} argument(s)`)
    }
    return parsed
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError((error as Error).message)
  }
}

function one(argv: string[]): string {
  return parse(argv, {}, 1).positionals[0] ?? ''
}

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required`)
  return value
}

/** A JWK Set, or a single JWK for the common case of one key. */
function readJwks(path: string): unknown {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new UsageError(`cannot read ${path} as JSON: ${(error as Error).message}`)
  }
  const isSet = typeof parsed === 'object' && parsed !== null && 'keys' in parsed
  return isSet ? parsed : { keys: [parsed] }
}

function summaryLine(client: Client): string {
  const tenant = client.insurerCode ?? client.regionCode ?? '-'
  const state = client.disabled ? 'disabled' : 'enabled'
  const kids = client.jwks.keys.map((key) => key.kid).join(',')
  return `${client.clientId}  ${client.role}  ${tenant}  ${state}  keys: ${kids}`
}

function describe(client: Client) {
  return {
    clientId: client.clientId,
    name: client.name,
    role: client.role,
    insurerCode: client.insurerCode,
    regionCode: client.regionCode,
    disabled: client.disabled,
    keys: client.jwks.keys.map(({ kid, kty, alg }) => ({ kid, kty, alg })),
    createdAt: formatChinaTime(client.createdAt),
    updatedAt: formatChinaTime(client.updatedAt),
  }
}
