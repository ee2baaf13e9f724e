import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * Two bookings of one bed on overlapping nights, at the same moment (issue 16 "Bad input": "also under concurrency").
 * Meant for PostgreSQL (`PROBITY_TEST_DB=postgres`), where the requests run on separate connections at once; on PGlite
 * they queue on its one connection and the same must hold. Exactly one booking is made; every other request is
 * refused with the reason on the form (400), never a 500; and the database refuses an overlap on its own.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let make: Factories
let amy: TestBrowser

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  amy = await t.signIn('amy.ap')
}, 120_000)
afterAll(() => t.close())

const dates = (arrival: string, departure: string) => {
  const parts = (name: string, iso: string) => {
    const [y, m, d] = iso.split('-')
    return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
  }
  return { ...parts('arrival', arrival), ...parts('departure', departure) }
}

describe('double booking under concurrency', () => {
  it('books a bed once when several people are booked into it at the same moment', async () => {
    const premises = await make.premises()
    const bed = premises.beds[0]!
    const people = await Promise.all(Array.from({ length: 6 }, () => make.person({ allocatedTo: 'NWS001' })))
    // Each stay overlaps every other on the night of 14 December.
    const responses = await Promise.all(
      people.map((p, i) =>
        amy.post(`/approved-premises/${premises.id}/bookings`, {
          crn: p.crn,
          bed: String(bed.id),
          ...dates(`2026-12-${String(10 + (i % 3)).padStart(2, '0')}`, `2026-12-${15 + i}`),
        }),
      ),
    )
    const statuses = responses.map(r => r.statusCode).sort()
    expect(statuses).toEqual([303, 400, 400, 400, 400, 400])
    for (const r of responses.filter(r => r.statusCode === 400)) {
      expect(r.body).toContain('govuk-error-summary')
      expect(r.body).toMatch(
        /The bed is already booked (from \d+ December 2026 to \d+ December 2026|for some of these nights)/,
      )
    }
    const live = await t.handle.db
      .selectFrom('ap_bookings')
      .select('id')
      .where('bed_id', '=', bed.id)
      .where('cancelled', '=', false)
      .execute()
    expect(live).toHaveLength(1)
    const made = await t.handle.db
      .selectFrom('outbox_events')
      .select('id')
      .where('event_type', '=', 'ap.booking.made')
      .where(
        'person_id',
        'in',
        people.map(p => p.personId),
      )
      .execute()
    expect(made).toHaveLength(1)
  })

  it('refuses the second of two racing inserts in the database itself, whatever the application checked', async () => {
    const premises = await make.premises()
    const bed = premises.beds[0]!
    const [a, b] = await Promise.all([make.person(), make.person()])
    const insert = (personId: number, arrival: string, departure: string) =>
      t.handle.db.transaction().execute(async trx => {
        await trx
          .insertInto('ap_bookings')
          .values({ person_id: personId, bed_id: bed.id, arrival_date: arrival, departure_date: departure })
          .execute()
        // Hold the transaction open so the other insert runs while this one is uncommitted.
        await new Promise(resolve => setTimeout(resolve, 50))
      })
    const results = await Promise.allSettled([
      insert(a.personId, '2027-02-01', '2027-02-10'),
      insert(b.personId, '2027-02-09', '2027-02-12'),
    ])
    expect(results.map(r => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = results.find(r => r.status === 'rejected') as PromiseRejectedResult
    expect(refused.reason).toMatchObject({ code: '23P01' })
  })
})
