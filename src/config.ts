import { randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
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
  /**
   * MIGRATION_DATABASE_URL: the schema owner's connection, for migrations (`probity migrate`, and at start-up). Defaults
   * to `databaseUrl`; set it when the app itself connects as a least-privilege role (docs/database-roles.md).
   */
  readonly migrationDatabaseUrl: string | undefined
  /** PROBITY_MIGRATE_ON_START: `probity serve` migrates first (true); false: it refuses to start with pending ones. */
  readonly migrateOnStart: boolean
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
    /** Wrong passwords for one account from one source address before that source must wait between tries. */
    readonly freeAttempts: number
    /** The longest wait between tries for one account from one source (the wait doubles from 1 second). */
    readonly maxDelaySeconds: number
    /** Wrong passwords for one account from all sources (since its last sign-in) before it is locked. */
    readonly maxFailures: number
    readonly lockoutMinutes: number
  }
  readonly apiTokens: {
    /** How long a new or rotated API token works unless the administrator chooses otherwise. */
    readonly defaultDays: number
    readonly maxDays: number
  }
  /**
   * Which proxies' X-Forwarded-* headers to believe (the client address, TLS): false for none, a hop count, or the
   * proxies' addresses and CIDR ranges. Never "everyone", so a client cannot choose its own address.
   */
  readonly trustProxy: false | number | readonly string[]
  /** PROBITY_SHOW_ERROR_DETAIL: show a failure's stack on the error page (a developer's setting; off by default). */
  readonly showErrorDetail: boolean
  /** The letter CRNs start with (one letter and six digits). */
  readonly crnPrefix: string
  /**
   * How many processes `probity serve` runs (node:cluster, one port). PROBITY_WORKERS `auto` (the default): one per
   * CPU with a PostgreSQL server, 1 with embedded PGlite (one process's database). Always 1 without DATABASE_URL.
   */
  readonly workers: number
  /** PROBITY_REPORT_MEMORY (benchmarks): `probity serve` answers memory requests from its parent over IPC. */
  readonly reportMemory: boolean
  /** Need-to-know sharing across providers (src/features/sharing). */
  readonly sharing: {
    /** PROBITY_FORMER_MANAGER_MONTHS: how long a former case manager (and their team's seniors) keep read access. */
    readonly formerManagerMonths: number
    /** PROBITY_ACCESS_GRANT_DAYS: how long granted access lasts. */
    readonly grantDays: number
    /** PROBITY_URGENT_ACCESS_HOURS: how long urgent ("break glass") access lasts. */
    readonly urgentHours: number
  }
  /** The public Community Payback site (src/features/community-payback). */
  readonly communityPayback: {
    /** CP_MAP_TILE_URL: the map tiles ({z}/{x}/{y}); OpenStreetMap's by default (no account needed). */
    readonly tileUrl: string
    /** CP_MAP_TILE_ATTRIBUTION: the credit the tile server asks for (plain text). */
    readonly tileAttribution: string
    /**
     * CP_HOURLY_VALUE_PENCE: what an hour of unpaid work is counted as worth on the public totals. Default 1221
     * (£12.21, the National Living Wage for 2025/26).
     */
    readonly hourlyValuePence: number
    /**
     * CP_FORM_SECRET: the key the public forms' tokens are signed with. Set it (the same value on every worker) in
     * production; without it each process makes its own at start-up, so a form stays valid only on the process that
     * issued it.
     */
    readonly formSecret: string
  }
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

/**
 * TRUST_PROXY: `false` (the default), a number of proxy hops in front of Probity (`1`), or a comma-separated list of
 * the proxies' addresses and CIDR ranges (`127.0.0.1,10.0.0.0/8`). `true` is refused: it would believe an
 * X-Forwarded-For from anyone, so any client could pick the address rate limits and sign-in throttling count by.
 */
function trustProxyOf(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const raw = (env.TRUST_PROXY ?? '').trim()
  if (raw === '' || ['false', '0', 'no'].includes(raw.toLowerCase())) return false
  if (['true', 'yes'].includes(raw.toLowerCase())) {
    throw new Error(
      'TRUST_PROXY=true would trust an X-Forwarded-For from anyone. Set TRUST_PROXY to the addresses or CIDR ranges ' +
        'of your proxies (e.g. 127.0.0.1,10.0.0.0/8) or to the number of proxies in front of Probity (e.g. 1).',
    )
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw)
    if (hops > 10) throw new Error(`TRUST_PROXY hop count must be from 0 to 10, got "${raw}"`)
    return hops
  }
  const entries = raw.split(',').map(e => e.trim())
  for (const entry of entries) {
    if (!isAddressOrRange(entry)) {
      throw new Error(
        `TRUST_PROXY must be false, a number of proxies, or addresses and CIDR ranges separated by commas; "${entry}" is none of these`,
      )
    }
  }
  return Object.freeze(entries)
}

function isAddressOrRange(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/')
  const version = isIP(address)
  if (!version || rest.length) return false
  if (bits === undefined) return true
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128)
}

function bool(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false
  throw new Error(`${name} must be true or false, got "${raw}"`)
}

function communityPaybackOf(env: NodeJS.ProcessEnv): Config['communityPayback'] {
  const tileUrl = env.CP_MAP_TILE_URL || 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
  if (!/^https:\/\/[^/\s]+\/\S*\{z\}\S*\{x\}\S*\{y\}/.test(tileUrl))
    throw new Error(`CP_MAP_TILE_URL must be an https URL with {z}, {x} and {y} in it, got "${tileUrl}"`)
  return Object.freeze({
    tileUrl,
    tileAttribution: env.CP_MAP_TILE_ATTRIBUTION || '© OpenStreetMap contributors',
    hourlyValuePence: int('CP_HOURLY_VALUE_PENCE', 1221, env),
    formSecret: env.CP_FORM_SECRET || randomBytes(32).toString('base64url'),
  })
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
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || databaseUrl,
    migrateOnStart: bool('PROBITY_MIGRATE_ON_START', true, env),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    seedDemo: bool('PROBITY_SEED_DEMO', nodeEnv !== 'production', env),
    session: Object.freeze({
      idleMinutes: int('SESSION_IDLE_MINUTES', 30, env),
      absoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, env),
      secureCookies: secure as Config['session']['secureCookies'],
    }),
    signIn: Object.freeze({
      freeAttempts: int('SIGN_IN_FREE_ATTEMPTS', 5, env),
      maxDelaySeconds: int('SIGN_IN_MAX_DELAY_SECONDS', 900, env),
      maxFailures: int('SIGN_IN_MAX_FAILURES', 50, env),
      lockoutMinutes: int('SIGN_IN_LOCKOUT_MINUTES', 15, env),
    }),
    apiTokens: Object.freeze({
      defaultDays: int('API_TOKEN_DAYS', 90, env),
      maxDays: int('API_TOKEN_MAX_DAYS', 365, env),
    }),
    trustProxy: trustProxyOf(env),
    showErrorDetail: bool('PROBITY_SHOW_ERROR_DETAIL', false, env),
    crnPrefix,
    workers,
    reportMemory: bool('PROBITY_REPORT_MEMORY', false, env),
    sharing: Object.freeze({
      formerManagerMonths: int('PROBITY_FORMER_MANAGER_MONTHS', 6, env),
      grantDays: int('PROBITY_ACCESS_GRANT_DAYS', 30, env),
      urgentHours: int('PROBITY_URGENT_ACCESS_HOURS', 24, env),
    }),
    communityPayback: communityPaybackOf(env),
  })
}
