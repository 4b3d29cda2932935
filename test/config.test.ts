import { describe, expect, it } from 'vitest'
import { ConfigError, createConfig, loadConfig } from '../src/config.js'

/** Runs loadConfig and returns the problems it refused the environment with. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  throw new Error('the configuration was accepted')
}

describe('loadConfig', () => {
  it('gives the defaults of SPEC §9 when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8080',
      databaseUrl: undefined,
      dataDir: './data',
      adminToken: undefined,
      logLevel: 'info',
      tokenTtlSeconds: 900,
      signingKey: undefined,
      preventionCapRatio: '0.21',
      preventionMinRatio: '0',
      hazardNotifyHours: 24,
      hazardReportGraceDays: 3,
      minPerPersonLimit: '400000.00',
      rateLimitPerMinute: 600,
      migrateOnStart: true,
    })
  })

  it('reads every variable when each holds a good value', () => {
    const signingKey = JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' })
    const config = loadConfig({
      PORT: '0',
      HOST: '::',
      PUBLIC_URL: 'https://azx.example.gov.cn/dock/',
      DATABASE_URL: 'postgresql://azx:secret@db:5432/azx',
      DATA_DIR: '/var/lib/azx',
      ADMIN_TOKEN: 'a'.repeat(32),
      LOG_LEVEL: 'warn',
      TOKEN_TTL_SECONDS: '600',
      SIGNING_KEY: signingKey,
      PREVENTION_CAP_RATIO: '0.2',
      PREVENTION_MIN_RATIO: '0.05',
      HAZARD_NOTIFY_HOURS: '12',
      HAZARD_REPORT_GRACE_DAYS: '0',
      MIN_PER_PERSON_LIMIT: '500000',
      RATE_LIMIT_PER_MINUTE: '1200',
      MIGRATE_ON_START: 'false',
    })

    expect(config).toEqual({
      port: 0,
      host: '::',
      publicUrl: 'https://azx.example.gov.cn/dock',
      databaseUrl: 'postgresql://azx:secret@db:5432/azx',
      dataDir: '/var/lib/azx',
      adminToken: 'a'.repeat(32),
      logLevel: 'warn',
      tokenTtlSeconds: 600,
      signingKey,
      preventionCapRatio: '0.2',
      preventionMinRatio: '0.05',
      hazardNotifyHours: 12,
      hazardReportGraceDays: 0,
      minPerPersonLimit: '500000',
      rateLimitPerMinute: 1200,
      migrateOnStart: false,
    })
  })

  it('treats a blank value as unset and trims the others', () => {
    const config = loadConfig({ PORT: ' 9090 ', LOG_LEVEL: '   ', DATABASE_URL: '' })

    expect(config.port).toBe(9090)
    expect(config.logLevel).toBe('info')
    expect(config.databaseUrl).toBeUndefined()
  })

  it.each([
    ['PORT', 'abc', 'an integer from 0 to 65535'],
    ['PORT', '65536', 'an integer from 0 to 65535'],
    ['PORT', '80.5', 'an integer from 0 to 65535'],
    ['HOST', 'my host', 'a host name or IP address'],
    ['PUBLIC_URL', 'localhost:8080', 'an http(s) URL'],
    ['PUBLIC_URL', 'https://azx.example.gov.cn/?a=1', 'without credentials, query or fragment'],
    ['DATABASE_URL', 'mysql://db/azx', 'a postgres:// or postgresql:// URL'],
    ['LOG_LEVEL', 'verbose', 'one of fatal, error, warn, info, debug, trace, silent'],
    ['TOKEN_TTL_SECONDS', '10', 'an integer from 60 to 86400'],
    ['SIGNING_KEY', '{"kty":"oct","k":"c2VjcmV0"}', 'a private JWK as JSON (EC P-256'],
    ['SIGNING_KEY', 'not json', 'a private JWK as JSON (EC P-256, or RSA of 2048 bits or more)'],
    ['SIGNING_KEY', '{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB"}', 'RSA of 2048 bits or more'],
    ['PREVENTION_CAP_RATIO', '21%', 'a decimal from 0 to 1'],
    ['PREVENTION_CAP_RATIO', '1.5', 'a decimal from 0 to 1'],
    ['PREVENTION_MIN_RATIO', '-0.1', 'a decimal from 0 to 1'],
    ['PREVENTION_MIN_RATIO', '0.3', 'at most PREVENTION_CAP_RATIO (0.21)'],
    ['HAZARD_NOTIFY_HOURS', '0', 'an integer from 1 to 720'],
    ['HAZARD_REPORT_GRACE_DAYS', 'three', 'an integer from 0 to 365'],
    ['MIN_PER_PERSON_LIMIT', '400000.001', 'an amount in yuan with at most 2 decimals'],
    ['MIN_PER_PERSON_LIMIT', '400,000', 'an amount in yuan with at most 2 decimals'],
    ['RATE_LIMIT_PER_MINUTE', '0', 'an integer from 1 to 1000000'],
    ['MIGRATE_ON_START', 'yes', 'true or false'],
  ])('refuses %s=%s, saying it expects %s', (name, value, accepts) => {
    const problems = problemsOf({ [name]: value })

    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(new RegExp(`^${name}: expected `))
    expect(problems[0]).toContain(accepts)
  })

  it('reports every bad variable at once, one line each', () => {
    let error: unknown
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', RATE_LIMIT_PER_MINUTE: '-5' })
    } catch (caught) {
      error = caught
    }

    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems.map((line) => line.split(':')[0])).toEqual([
      'PORT',
      'LOG_LEVEL',
      'RATE_LIMIT_PER_MINUTE',
    ])
    expect((error as ConfigError).message).toBe(
      [
        'invalid configuration:',
        '  PORT: expected an integer from 0 to 65535, got "abc"',
        '  LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
        '  RATE_LIMIT_PER_MINUTE: expected an integer from 1 to 1000000, got "-5"',
      ].join('\n'),
    )
  })

  it('refuses an ADMIN_TOKEN shorter than 32 characters without echoing it', () => {
    const token = 'short-but-secret-token-31-chars'

    const problems = problemsOf({ ADMIN_TOKEN: token })

    expect(problems).toEqual(['ADMIN_TOKEN: expected at least 32 characters'])
    expect(problems.join('\n')).not.toContain(token)
  })

  it('never echoes values that may hold secrets: database passwords, signing keys', () => {
    const problems = problemsOf({
      DATABASE_URL: 'postgress://azx:hunter2-password@db/azx',
      SIGNING_KEY: '{"kty":"oct","k":"c2VjcmV0LWtleQ"}',
    })

    expect(problems).toHaveLength(2)
    expect(problems.join('\n')).not.toMatch(/hunter2|c2VjcmV0LWtleQ/)
  })
})

describe('createConfig', () => {
  it('starts from the defaults of SPEC §9 and applies the overrides', () => {
    const config = createConfig({ port: 0, adminToken: 'x'.repeat(40) })

    expect(config).toEqual({ ...loadConfig({}), port: 0, adminToken: 'x'.repeat(40) })
  })
})
