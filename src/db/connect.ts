import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'

/** OIDs of the types whose parsing we set, so both drivers return the same JavaScript values. */
const DATE_OID = 1082
const INT8_OID = 20
const NUMERIC_OID = 1700

/**
 * Calendar dates stay ISO strings (`'2026-11-22'`): a JS `Date` would be an instant at midnight UTC and
 * drift across time zones. Counts (`bigint`) and `numeric` scores become numbers; ours never exceed 2^53.
 */
const parsers: Record<number, (value: string) => unknown> = {
  [DATE_OID]: value => value,
  [INT8_OID]: value => Number(value),
  [NUMERIC_OID]: value => Number(value),
}

export interface DatabaseHandle {
  readonly db: Kysely<Database>
  readonly kind: 'pglite' | 'postgres'
  /** A short description for logs, without credentials. */
  readonly description: string
  close(): Promise<void>
  /** PGlite only: the whole data directory as one archive, for `loadDataDir` (the tests' migrated template). */
  dumpDataDir?(): Promise<Blob>
}

/**
 * Run on every new PostgreSQL connection: no JIT compilation and no parallel workers for the pages' statements,
 * which are short index lookups. Where the planner over-estimates rows (the allocation queue at a million people:
 * 79,000 estimated, 2,500 read) the cost passes jit_above_cost and compiling the plan took 400–600 ms of a 40 ms
 * query, and starting two parallel workers (fresh backends) another 85 ms, while other users' requests wait for the
 * same cores. A report that wants either can SET LOCAL them in its transaction.
 */
export const POSTGRES_SESSION_SETTINGS = 'set jit = off; set max_parallel_workers_per_gather = 0'

/**
 * Opens the database: a PostgreSQL server when `databaseUrl` is given, otherwise embedded PGlite stored in
 * `dataDir` (or in memory when `dataDir` is `memory://`).
 *
 * @example
 * const { db, close } = await connect({ dataDir: './data' })
 * await db.selectFrom('people').select('crn').execute()
 * await close()
 */
export async function connect(options: {
  databaseUrl?: string
  dataDir?: string
  /** PGlite only: start from this dumped data directory (`dumpDataDir`), e.g. the test run's migrated template. */
  loadDataDir?: Blob
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 20,
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    })
    // An idle connection can be closed by the server (restart, failover, admin command). Without a listener
    // that error would crash the process; the pool replaces the connection on next use.
    pool.on('error', error => process.stderr.write(`PostgreSQL connection lost: ${error.message}\n`))
    // Queued before any statement on the new connection.
    pool.on('connect', client => {
      client.query(POSTGRES_SESSION_SETTINGS).catch(() => {})
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    const url = new URL(options.databaseUrl)
    return { db, kind: 'postgres', description: `postgres://${url.host}${url.pathname}`, close: () => db.destroy() }
  }
  const dataDir = options.dataDir ?? 'memory://'
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  const pglite = await PGlite.create({
    dataDir,
    extensions: { pg_trgm, fuzzystrmatch, btree_gist },
    parsers,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  })
  const { PGliteDialect } = await import('./pglite-dialect.ts')
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    description: `pglite ${dataDir}`,
    dumpDataDir: () => pglite.dumpDataDir('none'),
    close: async () => {
      await db.destroy()
      await pglite.close()
    },
  }
}
