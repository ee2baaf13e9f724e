import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.ts'
import { createTestDatabase } from '../../db/testing.ts'
import { verifyPassword } from '../../access/passwords.ts'
import { DEMO_PASSWORD } from '../demo.ts'
import { crnPrefixOf, nationalCrn, seedNational } from './index.ts'

// A tiny scale (0.0005 = 500 people) on PGlite, or on PostgreSQL with PROBITY_TEST_DB=postgres (COPY there).
const SCALE = 0.0005
const AS_OF = '2026-11-22'

function urlOf(handle: DatabaseHandle): string | undefined {
  if (handle.kind !== 'postgres') return undefined
  const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
  server.pathname = handle.description.slice(handle.description.lastIndexOf('/'))
  return server.toString()
}

async function firstRows(handle: DatabaseHandle, prefix: string) {
  const people = await handle.db
    .selectFrom('people')
    .select(['crn', 'forename', 'surname', 'date_of_birth', 'gender', 'case_status', 'pnc'])
    .where('crn', 'like', `${prefix}%`)
    .orderBy('crn')
    .limit(20)
    .execute()
  const contacts = await handle.db
    .selectFrom('contacts')
    .innerJoin('people', 'people.id', 'contacts.person_id')
    .select(['people.crn', 'contacts.contact_type', 'contacts.starts_at', 'contacts.outcome', 'contacts.notes'])
    .where('people.crn', 'like', `${prefix}%`)
    .orderBy('people.crn')
    .orderBy('contacts.starts_at')
    .orderBy('contacts.contact_type')
    .limit(50)
    .execute()
  return { people, contacts }
}

describe('the national seed', () => {
  let a: DatabaseHandle
  let b: DatabaseHandle
  beforeAll(async () => {
    ;[a, b] = await Promise.all([createTestDatabase(), createTestDatabase()])
  }, 60_000)
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()])
  })

  it('gives the same first rows for the same seed, and different ones for another seed', async () => {
    const first = await seedNational(
      { db: a.db, kind: a.kind, databaseUrl: urlOf(a) },
      { scale: SCALE, seed: 3, asOf: AS_OF },
    )
    const second = await seedNational(
      { db: b.db, kind: b.kind, databaseUrl: urlOf(b) },
      { scale: SCALE, seed: 3, asOf: AS_OF },
    )
    expect(first.status).toBe('seeded')
    expect(first.counts.people).toBe(500)
    expect(second.counts).toEqual(first.counts)
    const rowsA = await firstRows(a, first.crnPrefix)
    const rowsB = await firstRows(b, second.crnPrefix)
    expect(rowsA.people[0].crn).toBe(nationalCrn(3, 0))
    expect(rowsA.people.length).toBe(20)
    expect(rowsA.contacts.length).toBe(50)
    expect(rowsB).toEqual(rowsA)
    // On PostgreSQL the load runs without triggers: every case awaiting allocation still gets its queue's PDU.
    const waiting = await a.db
      .selectFrom('people')
      .select(['allocation_delivery_unit_id as unit'])
      .where('case_status', '=', 'awaiting_allocation')
      .where('crn', 'like', `${first.crnPrefix}%`)
      .execute()
    expect(waiting.length).toBeGreaterThan(0)
    expect(waiting.filter(w => w.unit === null)).toEqual([])

    const other = await seedNational(
      { db: b.db, kind: b.kind, databaseUrl: urlOf(b) },
      { scale: SCALE, seed: 4, asOf: AS_OF },
    )
    expect(other.crnPrefix).not.toBe(first.crnPrefix)
    const rowsOther = await firstRows(b, other.crnPrefix)
    expect(rowsOther.people.map(p => `${p.forename} ${p.surname} ${p.date_of_birth}`)).not.toEqual(
      rowsA.people.map(p => `${p.forename} ${p.surname} ${p.date_of_birth}`),
    )
  }, 120_000)

  it('does nothing when the same seed is loaded again', async () => {
    const before = await a.db
      .selectFrom('people')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const again = await seedNational(
      { db: a.db, kind: a.kind, databaseUrl: urlOf(a) },
      { scale: SCALE, seed: 3, asOf: AS_OF },
    )
    expect(again.status).toBe('already-seeded')
    const after = await a.db
      .selectFrom('people')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  }, 60_000)

  it('holds realistic caseloads, names the search index can find, and sign-ins with the demo password', async () => {
    const caseloads = await a.db
      .selectFrom('people')
      .select(['managing_staff_id', a.db.fn.countAll<number>().as('n')])
      .where('managing_staff_id', 'is not', null)
      .where('crn', 'like', `${crnPrefixOf(3)}%`)
      .groupBy('managing_staff_id')
      .execute()
    // The benchmark practitioners hold exactly 60; everyone else 40–70 (the last practitioner takes the remainder).
    expect(caseloads.filter(c => Number(c.n) === 60).length).toBeGreaterThanOrEqual(1)
    expect(caseloads.every(c => Number(c.n) <= 70)).toBe(true)
    const user = await a.db
      .selectFrom('users')
      .select(['password_hash', 'staff_id'])
      .where('username', '=', 'nat3.practitioner1')
      .executeTakeFirstOrThrow()
    expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(true)
    const mine = await a.db.selectFrom('people').select('crn').where('managing_staff_id', '=', user.staff_id).execute()
    expect(mine.length).toBe(60)
    const names = await a.db
      .selectFrom('person_names')
      .innerJoin('people', 'people.id', 'person_names.person_id')
      .select(['person_names.search_name', 'person_names.surname_key'])
      .where('people.crn', '=', nationalCrn(3, 0))
      .execute()
    expect(names[0].search_name).toMatch(/^[a-z]+ [a-z]+/)
    expect(names[0].surname_key).not.toBe('')
  }, 60_000)
})
