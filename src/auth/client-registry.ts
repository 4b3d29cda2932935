import type { Clock } from '../clock.js'
import { AppError } from '../domain/errors/app-error.js'
import { type FieldError, fieldError } from '../domain/errors/field-error.js'
import { checkCreditCode } from '../domain/values/credit-code.js'
import { checkRegionCode } from '../domain/values/regions.js'
import { findAllowListed } from '../storage/allow-list-store.js'
import {
  type ClientRow,
  findClient,
  insertClient,
  listClientRows,
  updateClientRow,
} from '../storage/auth/client-store.js'
import type { Database } from '../storage/database.js'
import { CLIENT_ID_PATTERN, CLIENT_NAME_MAX_LENGTH, type Client } from './client.js'
import { type ClientJwks, checkClientJwks } from './client-jwks.js'
import { BOOTSTRAP_ADMIN } from './principal.js'
import { isRole, roles } from './roles.js'

/** A client as an administrator registers it, through the admin API or the CLI. */
export interface NewClient {
  clientId: string
  name: string
  role: string
  insurerCode?: string | undefined
  regionCode?: string | undefined
  jwks: unknown
}

/** What an administrator may change: the name, the keys (rotation) and whether it is enabled. */
export interface ClientChanges {
  name?: string | undefined
  jwks?: unknown
  disabled?: boolean | undefined
}

const CLIENT_ID = new RegExp(CLIENT_ID_PATTERN)

/** Registers a client; 400 with every failing field, 409 when the id is taken. */
export async function registerClient(db: Database, input: NewClient, clock: Clock) {
  const errors = [...checkIdentity(input), ...(await checkTenant(db, input))]
  const keys = await checkClientJwks('/jwks', input.jwks)
  errors.push(...keys.errors)
  if (errors.length > 0 || !keys.jwks) throw new AppError('validation_failed', { errors })

  // The bootstrap admin's id appears in logs; a client of that name would be mistaken for it.
  if (input.clientId === BOOTSTRAP_ADMIN.clientId) throw clientExists(input.clientId)

  const now = clock()
  const row = await insertClient(db, {
    clientId: input.clientId,
    name: input.name.trim(),
    role: input.role,
    insurerCode: input.insurerCode ?? null,
    regionCode: input.regionCode ?? null,
    jwks: keys.jwks,
    createdAt: now,
    updatedAt: now,
  })
  if (!row) throw clientExists(input.clientId)
  return toClient(row)
}

export async function listClients(db: Database): Promise<Client[]> {
  return (await listClientRows(db)).map(toClient)
}

export async function findClientById(db: Database, clientId: string) {
  const row = await findClient(db, clientId)
  return row ? toClient(row) : undefined
}

/** The client, or 404. */
export async function getClient(db: Database, clientId: string): Promise<Client> {
  const client = await findClientById(db, clientId)
  if (!client) throw clientNotFound(clientId)
  return client
}

/** Renames, replaces the keys of (rotation), disables or enables a client. */
export async function updateClient(
  db: Database,
  clientId: string,
  changes: ClientChanges,
  clock: Clock,
): Promise<Client> {
  const errors = changes.name === undefined ? [] : checkName(changes.name)
  const keys = changes.jwks === undefined ? undefined : await checkClientJwks('/jwks', changes.jwks)
  errors.push(...(keys?.errors ?? []))
  if (errors.length > 0) throw new AppError('validation_failed', { errors })

  const row = await updateClientRow(db, clientId, {
    ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
    ...(keys?.jwks ? { jwks: keys.jwks } : {}),
    ...(changes.disabled === undefined ? {} : { disabled: changes.disabled }),
    updatedAt: clock(),
  })
  if (!row) throw clientNotFound(clientId)
  return toClient(row)
}

function checkIdentity(input: NewClient): FieldError[] {
  const errors = checkName(input.name)
  if (!CLIENT_ID.test(input.clientId)) {
    errors.push(fieldError('/clientId', 'invalid_format', { format: CLIENT_ID_PATTERN }))
  }
  if (!isRole(input.role)) {
    errors.push(fieldError('/role', 'invalid_value', { allowed: roles.join(', ') }))
  }
  return errors
}

function checkName(name: string): FieldError[] {
  if (name.trim() === '') return [fieldError('/name', 'too_short', { limit: 1 })]
  if (name.length > CLIENT_NAME_MAX_LENGTH) {
    return [fieldError('/name', 'too_long', { limit: CLIENT_NAME_MAX_LENGTH })]
  }
  return []
}

/** An insurer is named by its credit code, a regulator by its region; an admin by neither. */
async function checkTenant(db: Database, input: NewClient): Promise<FieldError[]> {
  const { role, insurerCode, regionCode } = input
  const errors: FieldError[] = []
  const checkPresence = (field: string, value: string | undefined, wanted: boolean) => {
    if (wanted && value === undefined)
      errors.push(fieldError(`/${field}`, 'role_requires', { role }))
    if (!wanted && value !== undefined)
      errors.push(fieldError(`/${field}`, 'role_forbids', { role }))
  }
  if (!isRole(role)) return errors

  checkPresence('insurerCode', insurerCode, role === 'insurer')
  checkPresence('regionCode', regionCode, role === 'regulator')

  if (role === 'insurer' && insurerCode !== undefined) {
    const allowListed = await findAllowListed(db, [insurerCode])
    const error = checkCreditCode('/insurerCode', insurerCode, (code) => allowListed.has(code))
    if (error) errors.push(error)
  }
  if (role === 'regulator' && regionCode !== undefined) {
    const error = checkRegionCode('/regionCode', regionCode)
    if (error) errors.push(error)
  }
  return errors
}

function toClient(row: ClientRow): Client {
  // Roles are checked on the way in; a row with another one was written around this code.
  if (!isRole(row.role)) throw new Error(`client ${row.clientId} has an unknown role`)

  return {
    clientId: row.clientId,
    name: row.name,
    role: row.role,
    insurerCode: row.insurerCode ?? undefined,
    regionCode: row.regionCode ?? undefined,
    jwks: row.jwks as ClientJwks,
    disabled: row.disabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

function clientExists(clientId: string): AppError {
  return new AppError('client_exists', {
    detail: { zh: `客户端标识 ${clientId} 已被使用`, en: `client id ${clientId} is already taken` },
  })
}

function clientNotFound(clientId: string): AppError {
  return new AppError('not_found', {
    detail: { zh: `客户端 ${clientId} 不存在`, en: `no client ${clientId}` },
  })
}
