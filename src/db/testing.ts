import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { connect, type DatabaseHandle } from './connect.ts'
import { migrateToLatest } from './migrate.ts'
import { createScratchDatabase } from './scratch-database.ts'

/**
 * The test run's migrated template, made once by `prepareTestTemplate` (vitest's global set-up) and named in these
 * variables: a dumped PGlite data directory (a file), or a PostgreSQL database to copy. Starting each test file's
 * database from it rather than from nothing saves PGlite's initdb and the migrations, ≈ 4 s a file on 2 cores.
 */
const PGLITE_TEMPLATE = 'PROBITY_TEST_PGLITE_TEMPLATE'
const POSTGRES_TEMPLATE = 'PROBITY_TEST_POSTGRES_TEMPLATE'
const serverUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/**
 * A fresh, migrated database for one test file. `PROBITY_TEST_DB=postgres` runs the same tests against a
 * PostgreSQL server (`TEST_DATABASE_URL`, default the local server), in a database created for the file and
 * dropped afterwards; otherwise in-memory PGlite. Either starts from the run's template when there is one; the
 * migrations still run (they find nothing to do), so a stale template cannot go unnoticed.
 *
 * @example
 * const handle = await createTestDatabase()
 * afterAll(() => handle.close())
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.PROBITY_TEST_DB !== 'postgres') {
    const template = process.env[PGLITE_TEMPLATE]
    const handle = await connect({
      dataDir: 'memory://',
      ...(template ? { loadDataDir: new Blob([readFileSync(template)]) } : {}),
    })
    await migrateToLatest(handle.db)
    return handle
  }
  const scratch = await createScratchDatabase(serverUrl(), 'probity_test', process.env[POSTGRES_TEMPLATE])
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

/**
 * Vitest's global set-up: migrates one database and names it for every test file of the run, then removes it at
 * the end. On PostgreSQL a template database may have no open connection while it is copied, so it is closed first.
 */
export async function prepareTestTemplate(): Promise<() => Promise<void>> {
  if (process.env.PROBITY_TEST_DB !== 'postgres') {
    const handle = await connect({ dataDir: 'memory://' })
    await migrateToLatest(handle.db)
    const file = join(tmpdir(), `probity-test-template-${process.pid}.tar`)
    writeFileSync(file, Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()))
    await handle.close()
    process.env[PGLITE_TEMPLATE] = file
    return async () => rmSync(file, { force: true })
  }
  const scratch = await createScratchDatabase(serverUrl(), 'probity_test_template')
  const handle = await connect({ databaseUrl: scratch.url })
  await migrateToLatest(handle.db)
  await handle.close()
  const name = new URL(scratch.url).pathname.slice(1)
  // Marked as a template so that CREATE DATABASE … TEMPLATE accepts it whoever asks.
  const admin = new pg.Client({ connectionString: serverUrl() })
  await admin.connect()
  await admin.query(`alter database ${pg.escapeIdentifier(name)} is_template true`).finally(() => admin.end())
  process.env[POSTGRES_TEMPLATE] = name
  return async () => {
    const dropper = new pg.Client({ connectionString: serverUrl() })
    await dropper.connect()
    try {
      await dropper.query(`alter database ${pg.escapeIdentifier(name)} is_template false`)
    } finally {
      await dropper.end()
    }
    await scratch.drop()
  }
}
