import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { grantAppRole, ROLE_NAME } from '../../db/roles.ts'
import type { Command } from '../io.ts'

const HELP = `Usage:
  probity db grant-app-role <role>
      As the schema owner (MIGRATION_DATABASE_URL, or DATABASE_URL), grants <role> what the app needs and no more:
      read and write on its tables, only read and append on the audit trail, nothing it could alter or drop.
      Run it after every migration (probity migrate does it for you when MIGRATION_DATABASE_URL and DATABASE_URL
      name different users). See docs/database-roles.md.`

/** `probity db`: the database's roles (issue 12, finding 13). */
const db: Command = async (args, io) => {
  const [sub, role] = args
  if (sub !== 'grant-app-role' || !role) {
    io.err(HELP)
    return 1
  }
  if (!ROLE_NAME.test(role)) {
    io.err(`probity db grant-app-role: "${role}" is not a plain role name (lower-case letters, digits and _)`)
    return 1
  }
  const config = loadConfig()
  const ownerUrl = config.migrationDatabaseUrl
  if (!ownerUrl) {
    io.err('probity db grant-app-role needs a PostgreSQL server: set MIGRATION_DATABASE_URL (or DATABASE_URL)')
    return 1
  }
  const handle = await connect({ databaseUrl: ownerUrl })
  try {
    await grantAppRole(handle.db, role)
    io.out(`Granted ${role} the app's rights on ${handle.description}`)
    return 0
  } finally {
    await handle.close()
  }
}
export default db
