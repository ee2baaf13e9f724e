import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'

/**
 * The only reader of `process.env`. Every setting has a default that lets a fresh clone run `npm start`;
 * the README lists them all (and `.env.example`). Settings are parsed once into a frozen object.
 */
export interface Config {
  readonly env: 'development' | 'production' | 'test'
  readonly port: number
  readonly host: string
  /** A PostgreSQL server; when absent Probity uses embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined
  readonly dataDir: string
  readonly logLevel: string
  /** Seed the synthetic demo region on an empty database at start-up. */
  readonly seedDemo: boolean
  readonly session: {
    readonly idleMinutes: number
    readonly absoluteHours: number
    /** Mark cookies Secure. `auto` sets it when the request arrived over TLS (directly or via a trusted proxy). */
    readonly secureCookies: 'auto' | 'always' | 'never'
  }
  readonly signIn: {
    /** Failed attempts for one username before the account is locked for `lockoutMinutes`. */
    readonly maxFailures: number
    readonly lockoutMinutes: number
  }
  /** Trust X-Forwarded-* headers from a load balancer. */
  readonly trustProxy: boolean
  /** The letter CRNs start with (one letter and six digits). */
  readonly crnPrefix: string
  /**
   * How many processes `probity serve` runs (node:cluster, one port). PROBITY_WORKERS `auto` (the default): one per
   * CPU with a PostgreSQL server, 1 with embedded PGlite (one process's database). Always 1 without DATABASE_URL.
   */
  readonly workers: number
  /** PROBITY_REPORT_MEMORY (benchmarks): `probity serve` answers memory requests from its parent over IPC. */
  readonly reportMemory: boolean
}

/** The most worker processes PROBITY_WORKERS may ask for (each holds a pool of up to 20 database connections). */
export const MAX_WORKERS = 64

function workersOf(env: NodeJS.ProcessEnv, databaseUrl: string | undefined): number {
  const raw = (env.PROBITY_WORKERS ?? '').trim().toLowerCase()
  if (raw === '' || raw === 'auto') return databaseUrl ? Math.min(MAX_WORKERS, availableParallelism()) : 1
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_WORKERS) {
    throw new Error(
      `PROBITY_WORKERS must be auto or a whole number from 1 to ${MAX_WORKERS}, got "${env.PROBITY_WORKERS}"`,
    )
  }
  if (value > 1 && !databaseUrl) {
    throw new Error(
      `PROBITY_WORKERS=${value} needs DATABASE_URL: without it Probity uses embedded PGlite, a database inside one process, ` +
        'which other processes cannot share. Set DATABASE_URL to a PostgreSQL server, or PROBITY_WORKERS to 1 or auto.',
    )
  }
  return value
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`)
  return value
}

function bool(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false
  throw new Error(`${name} must be true or false, got "${raw}"`)
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development'
  const secure = env.SESSION_SECURE_COOKIES ?? 'auto'
  if (!['auto', 'always', 'never'].includes(secure))
    throw new Error('SESSION_SECURE_COOKIES must be auto, always or never')
  const crnPrefix = (env.PROBITY_CRN_PREFIX ?? 'X').toUpperCase()
  if (!/^[A-Z]$/.test(crnPrefix)) throw new Error('PROBITY_CRN_PREFIX must be a single letter')
  const databaseUrl = env.DATABASE_URL || undefined
  const workers = workersOf(env, databaseUrl)
  return Object.freeze({
    env: nodeEnv,
    port: int('PORT', 3000, env),
    host: env.HOST || 'localhost',
    databaseUrl,
    dataDir: resolve(env.PROBITY_DATA_DIR || './data'),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    seedDemo: bool('PROBITY_SEED_DEMO', nodeEnv !== 'production', env),
    session: Object.freeze({
      idleMinutes: int('SESSION_IDLE_MINUTES', 30, env),
      absoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, env),
      secureCookies: secure as Config['session']['secureCookies'],
    }),
    signIn: Object.freeze({
      maxFailures: int('SIGN_IN_MAX_FAILURES', 5, env),
      lockoutMinutes: int('SIGN_IN_LOCKOUT_MINUTES', 15, env),
    }),
    trustProxy: bool('TRUST_PROXY', false, env),
    crnPrefix,
    workers,
    reportMemory: bool('PROBITY_REPORT_MEMORY', false, env),
  })
}
