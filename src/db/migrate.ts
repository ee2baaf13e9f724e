import { Migrator, type Kysely } from 'kysely'
import { connect, type DatabaseHandle } from './connect.ts'
import { migrations } from './migrations/index.ts'
import { grantAppRole, userOfUrl } from './roles.ts'

/**
 * Brings the schema up to date. Safe to run on every start: applied migrations are skipped.
 *
 * @example
 * const applied = await migrateToLatest(db) // ['2026_11_22_0001_foundation']
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find(r => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`, {
      cause: error,
    })
  }
  return (results ?? []).filter(r => r.status === 'Success').map(r => r.migrationName)
}

/**
 * The migrations not yet applied, without changing anything (a least-privilege role may read the migrator's table
 * but not create it).
 *
 * @example
 * await pendingMigrations(db) // [] when the schema is up to date
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  return (await migrator.getMigrations()).filter(m => !m.executedAt).map(m => m.name)
}

/**
 * What `probity serve` does before it listens (issue 12, finding 13). With PROBITY_MIGRATE_ON_START (the default) it
 * migrates, as the schema owner when MIGRATION_DATABASE_URL names one (then grants the app's role, the user of
 * DATABASE_URL, what it needs); without, it only checks that nothing is pending and refuses to start otherwise.
 *
 * @example
 * await prepareSchema(config, handle)
 */
export async function prepareSchema(
  config: MigrationTarget & { migrateOnStart: boolean },
  handle: DatabaseHandle,
): Promise<string[]> {
  if (!config.migrateOnStart) {
    const pending = await pendingMigrations(handle.db)
    if (pending.length) {
      throw new Error(
        `the database lacks ${pending.length} migration(s) (${pending.join(', ')}) and PROBITY_MIGRATE_ON_START is false: ` +
          'run `probity migrate` as the schema owner (MIGRATION_DATABASE_URL) first',
      )
    }
    return []
  }
  return migrateAsOwner(config, handle)
}

/** Where the database is and who owns its schema: the part of `Config` migrations need. */
interface MigrationTarget {
  databaseUrl?: string
  migrationDatabaseUrl?: string
  dataDir?: string
}

/**
 * Migrates (`probity migrate`, and `probity serve` on start): as the schema owner of MIGRATION_DATABASE_URL when it
 * names another database user than DATABASE_URL, and then grants that user (the app's least-privilege role) what it
 * needs on the tables as they now are; otherwise through `handle` (or DATABASE_URL / PGlite when none is given).
 *
 * @example
 * await migrateAsOwner(loadConfig()) // ['2026_12_05_0400_audit_chain']
 */
export async function migrateAsOwner(target: MigrationTarget, handle?: DatabaseHandle): Promise<string[]> {
  const ownerUrl = target.migrationDatabaseUrl
  const separateOwner = target.databaseUrl !== undefined && ownerUrl !== undefined && ownerUrl !== target.databaseUrl
  if (!separateOwner && handle) return migrateToLatest(handle.db)
  const owner = await connect(separateOwner ? { databaseUrl: ownerUrl } : target)
  try {
    const applied = await migrateToLatest(owner.db)
    const appRole = userOfUrl(target.databaseUrl ?? '')
    if (separateOwner && appRole && appRole !== userOfUrl(ownerUrl)) await grantAppRole(owner.db, appRole)
    return applied
  } finally {
    await owner.close()
  }
}
