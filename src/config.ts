import { isDecimalString } from './domain/values/decimal.js'

/** Everything the service reads from its environment, validated once at start. */
export interface Config {
  port: number
  host: string
  publicUrl: string
  databaseUrl: string | undefined
  dataDir: string
  adminToken: string | undefined
  logLevel: LogLevel
  tokenTtlSeconds: number
  /** A private JWK (JSON) signing tokens and receipts; generated and kept in the DB if unset. */
  signingKey: string | undefined
  preventionCapRatio: string
  preventionMinRatio: string
  hazardNotifyHours: number
  hazardReportGraceDays: number
  minPerPersonLimit: string
  rateLimitPerMinute: number
  migrateOnStart: boolean
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof logLevels)[number]

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

/**
 * Reads the configuration from an environment. Every problem is collected so that an operator
 * fixes them all in one go; the process stops with the message when any is found.
 */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []
  const read = createReader(env, problems)

  const config: Config = {
    port: read.integer('PORT', 8080, 0, 65535),
    host: read.host('HOST', '0.0.0.0'),
    publicUrl: read.url('PUBLIC_URL', 'http://localhost:8080'),
    databaseUrl: read.optionalDatabaseUrl('DATABASE_URL'),
    // Any path will do; it is created at start when missing.
    dataDir: read.text('DATA_DIR', './data'),
    adminToken: read.optionalSecret('ADMIN_TOKEN', 32),
    logLevel: read.oneOf('LOG_LEVEL', 'info', logLevels),
    tokenTtlSeconds: read.integer('TOKEN_TTL_SECONDS', 900, 60, 86400),
    signingKey: read.optionalJwk('SIGNING_KEY'),
    preventionCapRatio: read.ratio('PREVENTION_CAP_RATIO', '0.21'),
    preventionMinRatio: read.ratio('PREVENTION_MIN_RATIO', '0'),
    hazardNotifyHours: read.integer('HAZARD_NOTIFY_HOURS', 24, 1, 24 * 30),
    hazardReportGraceDays: read.integer('HAZARD_REPORT_GRACE_DAYS', 3, 0, 365),
    minPerPersonLimit: read.money('MIN_PER_PERSON_LIMIT', '400000.00'),
    rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    migrateOnStart: read.boolean('MIGRATE_ON_START', true),
  }

  if (Number(config.preventionMinRatio) > Number(config.preventionCapRatio)) {
    problems.push(
      `PREVENTION_MIN_RATIO: expected at most PREVENTION_CAP_RATIO (${config.preventionCapRatio})`,
    )
  }

  if (problems.length > 0) throw new ConfigError(problems)
  return config
}

/** A configuration for tests and tools: the defaults with some values replaced. */
export function createConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides }
}

function createReader(env: Env, problems: string[]) {
  function raw(name: string): string | undefined {
    const value = env[name]
    return value === undefined || value.trim() === '' ? undefined : value.trim()
  }

  function fail<T>(name: string, accepts: string, fallback: T): T {
    const shown = JSON.stringify(raw(name)?.slice(0, 100))
    problems.push(`${name}: expected ${accepts}, got ${shown}`)
    return fallback
  }

  /** For values that may hold a secret (a password in a URL): name the rule, never the value. */
  function refuse<T>(name: string, accepts: string, fallback: T): T {
    problems.push(`${name}: expected ${accepts}`)
    return fallback
  }

  return {
    text(name: string, fallback: string): string {
      return raw(name) ?? fallback
    },

    host(name: string, fallback: string): string {
      const value = raw(name)
      if (value === undefined || /^[\w.:%-]{1,253}$/.test(value)) return value ?? fallback
      return fail(name, 'a host name or IP address, like 0.0.0.0 or ::', fallback)
    },

    integer(name: string, fallback: number, min: number, max: number): number {
      const value = raw(name)
      if (value === undefined) return fallback
      const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN
      if (Number.isInteger(parsed) && parsed >= min && parsed <= max) return parsed
      return fail(name, `an integer from ${min} to ${max}`, fallback)
    },

    boolean(name: string, fallback: boolean): boolean {
      const value = raw(name)?.toLowerCase()
      if (value === undefined) return fallback
      if (value === 'true' || value === '1') return true
      if (value === 'false' || value === '0') return false
      return fail(name, 'true or false', fallback)
    },

    oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
      const value = raw(name)
      if (value === undefined) return fallback
      if ((allowed as readonly string[]).includes(value)) return value as T
      return fail(name, `one of ${allowed.join(', ')}`, fallback)
    },

    url(name: string, fallback: string): string {
      const value = raw(name)
      if (value === undefined) return fallback
      const url = URL.canParse(value) ? new URL(value) : undefined
      // It becomes the token issuer and audience: a bare origin or path, nothing else.
      if (url && /^https?:$/.test(url.protocol) && !url.search && !url.hash && !url.username) {
        return value.replace(/\/+$/, '')
      }
      return fail(name, 'an http(s) URL without credentials, query or fragment', fallback)
    },

    optionalDatabaseUrl(name: string): string | undefined {
      const value = raw(name)
      if (value === undefined) return undefined
      if (URL.canParse(value) && /^postgres(ql)?:$/.test(new URL(value).protocol)) return value
      return refuse(name, 'a postgres:// or postgresql:// URL', undefined)
    },

    optionalSecret(name: string, minLength: number): string | undefined {
      const value = raw(name)
      if (value === undefined || value.length >= minLength) return value
      return refuse(name, `at least ${minLength} characters`, undefined)
    },

    optionalJwk(name: string): string | undefined {
      const value = raw(name)
      if (value === undefined) return undefined
      if (isPrivateSigningJwk(value)) return value
      return refuse(
        name,
        'a private JWK as JSON (EC P-256, or RSA of 2048 bits or more)',
        undefined,
      )
    },

    ratio(name: string, fallback: string): string {
      const value = raw(name)
      if (value === undefined) return fallback
      if (isDecimalString(value, 6) && Number(value) >= 0 && Number(value) <= 1) return value
      return fail(name, 'a decimal from 0 to 1, like 0.21', fallback)
    },

    money(name: string, fallback: string): string {
      const value = raw(name)
      if (value === undefined) return fallback
      if (isDecimalString(value, 2) && !value.startsWith('-')) return value
      return fail(name, 'an amount in yuan with at most 2 decimals, like 400000.00', fallback)
    },
  }
}

function isPrivateSigningJwk(text: string): boolean {
  let jwk: unknown
  try {
    jwk = JSON.parse(text)
  } catch {
    return false
  }
  if (typeof jwk !== 'object' || jwk === null) return false

  const { kty, crv, d, n } = jwk as Record<string, unknown>
  if (typeof d !== 'string') return false
  if (kty === 'EC') return crv === 'P-256'
  // RS256 with a key under 2048 bits is refused by every current guideline (NIST SP 800-131A).
  return kty === 'RSA' && typeof n === 'string' && Buffer.from(n, 'base64url').length >= 256
}
