import { Migrator, type Kysely } from 'kysely'
import { migrations } from './migrations/index.ts'

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
