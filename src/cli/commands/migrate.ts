import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import type { Command } from '../io.ts'

/** `probity migrate`: applies any migrations not yet applied, then exits. */
const migrate: Command = async (_args, io) => {
  const config = loadConfig()
  const handle = await connect(config)
  try {
    const applied = await migrateToLatest(handle.db)
    io.out(
      applied.length ? `Applied ${applied.join(', ')} to ${handle.description}` : `${handle.description} is up to date`,
    )
    return 0
  } finally {
    await handle.close()
  }
}
export default migrate
