import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connect, type DatabaseHandle } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

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
  const name = `probity_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await connect({ databaseUrl: url.toString() })
  await migrateToLatest(handle.db)
  return {
    ...handle,
    close: async () => {
      await handle.close()
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists ${name} with (force)`)
      await dropper.end()
    },
  }
}
