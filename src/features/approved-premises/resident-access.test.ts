import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { dateFields } from './testing.ts'

/**
 * Approved premises staff see residents, not the whole national record (issue 16 "How we will know"): a person of
 * their own provider with no booking is refused, a booked person's record opens (the look audited with its basis), the
 * national search is not theirs, and a cancelled booking's person is refused again.
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

describe('approved premises staff and the person record', () => {
  it('opens only the records of people booked into their premises', async () => {
    const premises = await make.premises({ beds: 1 })
    const resident = await make.sentenced('custodial')
    const stranger = await make.sentenced('custodial')

    const refused = await amy.get(`/people/${resident.crn}`)
    expect(refused.statusCode).toBe(403)
    expect(refused.body).toContain('booked into or referred to their premises')
    expect(refused.body).not.toContain(resident.surname)

    const booked = await amy.post(`/approved-premises/${premises.id}/bookings`, {
      crn: resident.crn,
      bed: String(premises.beds[0]!.id),
      ...dateFields('arrival', '2026-12-14'),
      ...dateFields('departure', '2027-02-01'),
    })
    expect(booked.statusCode, booked.body.slice(0, 300)).toBe(303)

    const record = await amy.get(`/people/${resident.crn}`)
    expect(record.statusCode).toBe(200)
    expect(record.body).toContain(resident.surname)
    const looks = await t.handle.db
      .selectFrom('audit_events')
      .select('detail')
      .where('person_id', '=', resident.personId)
      .where('action', '=', 'PERSON_VIEW')
      .execute()
    expect(looks.map(l => l.detail)).toContainEqual(expect.objectContaining({ basis: 'approved premises resident' }))

    expect((await amy.get(`/people/${stranger.crn}`)).statusCode).toBe(403)
    expect((await amy.get(`/people?q=${stranger.surname}`)).statusCode).toBe(403)

    const booking = await t.handle.db
      .selectFrom('ap_bookings')
      .select('id')
      .where('person_id', '=', resident.personId)
      .executeTakeFirstOrThrow()
    await amy.post(`/approved-premises/${premises.id}/bookings/${booking.id}/cancel`, { cancelReason: 'Not needed' })
    expect((await amy.get(`/people/${resident.crn}`)).statusCode).toBe(403)
  })
})

describe('premises for one gender', () => {
  it('refuses booking a woman into premises for men, naming the CRN field, and saves nothing', async () => {
    const premises = await make.premises({ beds: 1 })
    const person = await make.sentenced('custodial')
    await t.handle.db.updateTable('people').set({ gender: 'female' }).where('id', '=', person.personId).execute()
    const refused = await amy.post(`/approved-premises/${premises.id}/bookings`, {
      crn: person.crn,
      bed: String(premises.beds[0]!.id),
      ...dateFields('arrival', '2026-12-14'),
      ...dateFields('departure', '2027-02-01'),
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('govuk-error-summary')
    expect(refused.body).toContain('These premises take men only')
    expect(refused.body).toContain('href="#crn"')
    const saved = await t.handle.db
      .selectFrom('ap_bookings')
      .select('id')
      .where('person_id', '=', person.personId)
      .execute()
    expect(saved).toEqual([])
  })
})
