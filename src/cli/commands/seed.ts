import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { seedDemoIfEmpty } from '../../seed/demo.ts'
import type { Command } from '../io.ts'

/** `probity seed`: the synthetic demo region, into an empty database. */
const seed: Command = async (args, io) => {
  if (args.length > 0) {
    io.err(`probity seed: unexpected arguments ${args.join(' ')}. Usage: probity seed`)
    return 1
  }
  const config = loadConfig()
  const handle = await connect(config)
  try {
    await migrateToLatest(handle.db)
    const result = await seedDemoIfEmpty(handle.db)
    if (!result) {
      io.err('The database already holds data; the demo region is only seeded into an empty database.')
      return 1
    }
    io.out(result.summary)
    return 0
  } finally {
    await handle.close()
  }
}
export default seed
