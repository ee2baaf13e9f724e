import { loadConfig } from '../../config.ts'
import { migrateAsOwner } from '../../db/migrate.ts'
import type { Command } from '../io.ts'

/**
 * `probity migrate`: applies any migrations not yet applied, then exits. As the schema owner of MIGRATION_DATABASE_URL
 * when set, granting the user of DATABASE_URL the app's rights afterwards (docs/database-roles.md).
 */
const migrate: Command = async (_args, io) => {
  const config = loadConfig()
  const applied = await migrateAsOwner(config)
  io.out(applied.length ? `Applied ${applied.join(', ')}` : 'The database is up to date')
  return 0
}
export default migrate
