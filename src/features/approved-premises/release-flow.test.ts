import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { dateFields, textarea } from './testing.ts'

/**
 * The release flow uses a booked approved premises placement (issue 16 item 5): the resettlement page shows it and
 * offers its address as the first night's, and a new licence starts with it as the residence condition. A cancelled
 * booking offers nothing.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let make: Factories
let amy: TestBrowser
let pat: TestBrowser

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  amy = await t.signIn('amy.ap')
  pat = await t.signIn('pat.practitioner')
}, 120_000)
afterAll(() => t.close())

describe('a booked placement in the release flow', () => {
  it('is the first night’s address on the resettlement page and the residence condition of a new licence', async () => {
    const premises = await make.premises({ beds: 1 })
    const person = await make.sentenced('custodial')
    const booked = await amy.post(`/approved-premises/${premises.id}/bookings`, {
      crn: person.crn,
      bed: String(premises.beds[0]!.id),
      ...dateFields('arrival', '2027-01-11'),
      ...dateFields('departure', '2027-03-08'),
    })
    expect(booked.statusCode, booked.body.slice(0, 300)).toBe(303)

    const resettlement = await pat.get(`/people/${person.crn}/resettlement`)
    expect(resettlement.statusCode).toBe(200)
    expect(resettlement.body).toMatch(
      new RegExp(
        `data-qa="ap-placement">Approved premises: Bed booked at ${premises.name} from 11 January 2027 to 8 March 2027`,
      ),
    )
    expect(textarea(resettlement.body, 'firstNightAddress')).toContain(premises.name)

    const licence = await pat.get(`/people/${person.crn}/licence/conditions`)
    expect(licence.statusCode).toBe(200)
    expect(licence.body).toContain('data-qa="ap-placement"')
    expect(licence.body).toMatch(
      /name="additional" type="checkbox" value="residence_at_place" checked|value="residence_at_place"[^>]*checked/,
    )
    const address = textarea(licence.body, 'residence_at_place-address')
    expect(address).toContain(premises.name)

    // Saving the form as offered gives a licence whose residence condition names the premises.
    const saved = await pat.post(`/people/${person.crn}/licence/conditions`, {
      standard: [
        'good_behaviour',
        'no_offence',
        'keep_in_touch',
        'receive_visits',
        'reside_approved_address',
        'approved_work',
        'no_travel_outside_uk',
      ],
      additional: ['residence_at_place'],
      'residence_at_place-address': address!,
      'residence_at_place-justification': textarea(licence.body, 'residence_at_place-justification')!,
    })
    expect(saved.statusCode, saved.body.slice(0, 400)).toBe(303)
    const page = await pat.get(`/people/${person.crn}/licence`)
    expect(page.body).toContain(`You must reside at ${premises.name}`)
  })

  it('offers nothing once the booking is cancelled', async () => {
    const premises = await make.premises({ beds: 1 })
    const person = await make.sentenced('custodial')
    await amy.post(`/approved-premises/${premises.id}/bookings`, {
      crn: person.crn,
      bed: String(premises.beds[0]!.id),
      ...dateFields('arrival', '2027-01-11'),
      ...dateFields('departure', '2027-03-08'),
    })
    const booking = await t.handle.db
      .selectFrom('ap_bookings')
      .select('id')
      .where('person_id', '=', person.personId)
      .executeTakeFirstOrThrow()
    const cancelled = await amy.post(`/approved-premises/${premises.id}/bookings/${booking.id}/cancel`, {
      cancelReason: 'Placement no longer needed',
    })
    expect(cancelled.statusCode, cancelled.body.slice(0, 300)).toBe(303)
    const resettlement = await pat.get(`/people/${person.crn}/resettlement`)
    expect(resettlement.body).not.toContain('data-qa="ap-placement"')
    expect(textarea(resettlement.body, 'firstNightAddress') ?? '').not.toContain(premises.name)
    const licence = await pat.get(`/people/${person.crn}/licence/conditions`)
    expect(licence.body).not.toContain('data-qa="ap-placement"')
  })
})
