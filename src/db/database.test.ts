import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from './connect.ts'
import type { Database } from './schema.ts'
import { migrateToLatest } from './migrate.ts'
import { createTestDatabase } from './testing.ts'

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
})
afterAll(() => handle.close())

describe(`database (${process.env.PROBITY_TEST_DB === 'postgres' ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('migrations are idempotent', async () => {
    expect(await migrateToLatest(handle.db)).toEqual([])
  })

  if (process.env.PROBITY_TEST_DB === 'postgres') {
    it('runs statements without JIT compilation or parallel workers on a PostgreSQL server (they cost 100–600 ms on an over-estimated plan)', async () => {
      const { rows } = await sql<{
        jit: string
        workers: string
      }>`select current_setting('jit') as jit, current_setting('max_parallel_workers_per_gather') as workers`.execute(
        handle.db,
      )
      expect(rows).toEqual([{ jit: 'off', workers: '0' }])
    })
  }

  it('returns calendar dates as plain ISO dates and counts as numbers, on either driver', async () => {
    const { rows } = await sql<{
      d: unknown
      n: unknown
    }>`select '2024-02-29'::date as d, count(*) as n from generate_series(1, 3)`.execute(handle.db)
    expect(rows[0]).toEqual({ d: '2024-02-29', n: 3 })
  })

  it('refuses UPDATE, DELETE and TRUNCATE on the audit trail', async () => {
    await handle.db.insertInto('audit_events').values({ action: 'TEST', subject: 'original' }).execute()
    await expect(handle.db.updateTable('audit_events').set({ subject: 'tampered' }).execute()).rejects.toThrow(
      /append-only/,
    )
    await expect(handle.db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_events`.execute(handle.db)).rejects.toThrow(/append-only/)
    const rows = await handle.db.selectFrom('audit_events').select('subject').where('action', '=', 'TEST').execute()
    expect(rows).toEqual([{ subject: 'original' }])
  })

  it('allows at most one current main address per person', async () => {
    const { id } = await handle.db
      .insertInto('people')
      .values({ crn: 'X900001', forename: 'A', surname: 'B', date_of_birth: '1990-01-01', gender: 'male' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const address = { person_id: id, status: 'main' as const, street: '1 High St', start_date: '2024-01-01' }
    await handle.db.insertInto('addresses').values(address).execute()
    await expect(handle.db.insertInto('addresses').values(address).execute()).rejects.toThrow()
  })

  it('refuses a malformed CRN', async () => {
    await expect(
      handle.db
        .insertInto('people')
        .values({ crn: 'X12', forename: 'A', surname: 'B', date_of_birth: '1990-01-01', gender: 'male' })
        .execute(),
    ).rejects.toThrow()
  })

  it('a rolled-back transaction leaves nothing behind', async () => {
    await expect(
      handle.db.transaction().execute(async trx => {
        await trx.insertInto('audit_events').values({ action: 'ROLLED_BACK' }).execute()
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    const rows = await handle.db.selectFrom('audit_events').select('id').where('action', '=', 'ROLLED_BACK').execute()
    expect(rows).toEqual([])
  })

  it('table interfaces match the migrated schema', async () => {
    const tables = await handle.db.introspection.getTables()
    const names = tables
      .map(t => t.name)
      .filter(n => !n.startsWith('kysely_'))
      .sort()
    // Every table in the schema has an interface in schema.ts (checked by the compiler through this list).
    const declared: (keyof Database)[] = [
      'access_limitations',
      'addresses',
      'api_tokens',
      'audit_events',
      'case_managers',
      'delivery_units',
      'disabilities',
      'outbox_events',
      'people',
      'person_names',
      'personal_circumstances',
      'providers',
      'regions',
      'sessions',
      'sign_in_attempts',
      'staff',
      'teams',
      'users',
    ]
    for (const table of declared) expect(names).toContain(table)
  })
})
