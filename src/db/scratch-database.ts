import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * Creates an empty database with a random name on a PostgreSQL server, for one test file or one benchmark run,
 * and returns its URL and a `drop` that removes it (closing any connection still open to it).
 *
 * @example
 * const scratch = await createScratchDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'probity_test')
 * // … connect to scratch.url …
 * await scratch.drop()
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix: string,
  /** A database to copy (CREATE DATABASE … TEMPLATE): the test run's migrated template, say. */
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 })
  await admin.connect()
  try {
    await admin.query(`create database ${name}${template ? ` template ${pg.escapeIdentifier(template)}` : ''}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      try {
        await dropper.query(`drop database if exists ${name} with (force)`)
      } finally {
        await dropper.end()
      }
    },
  }
}
