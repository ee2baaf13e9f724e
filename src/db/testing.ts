import { connect, type DatabaseHandle } from './connect.ts'
import { migrateToLatest } from './migrate.ts'
import { createScratchDatabase } from './scratch-database.ts'

/**
 * A fresh, migrated database for one test file. `PROBITY_TEST_DB=postgres` runs the same tests against a
 * PostgreSQL server (`TEST_DATABASE_URL`, default the local server), in a database created for the file and
 * dropped afterwards; otherwise in-memory PGlite.
 *
 * @example
 * const handle = await createTestDatabase()
 * afterAll(() => handle.close())
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.PROBITY_TEST_DB !== 'postgres') {
    const handle = await connect({ dataDir: 'memory://' })
    await migrateToLatest(handle.db)
    return handle
  }
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const scratch = await createScratchDatabase(serverUrl, 'probity_test')
  const handle = await connect({ databaseUrl: scratch.url })
  await migrateToLatest(handle.db)
  return {
    ...handle,
    close: async () => {
      await handle.close()
      await scratch.drop()
    },
  }
}
