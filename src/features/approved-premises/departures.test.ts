import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contextOf, createFactories, type Factories, type MadePerson } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { dateFields, night, textarea } from './testing.ts'

/**
 * The end of a stay frees the bed (issue 16 items 3, 4 and 5; reference-systems.md §2.5), on Monday 7 December 2026:
 * leaving before the booked departure frees the remaining nights on the bed plan (page and API) and for a new booking
 * of the bed, the booking's history keeping why; a non-arrival cancels the booking so its nights are free, an arrival
 * on it is refused and the person may be booked again; the release flow offers neither booking.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let amy: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db

/** A premises with its first bed booked for the person from `arrival` to `departure`. */
async function booked(person: MadePerson, arrival: string, departure: string) {
  const premises = await make.premises({ beds: 1 })
  const bed = premises.beds[0]!
  const made = await make.services.approvedPremises.makeBooking(await contextOf(db(), 'amy.ap'), premises.id, {
    ok: true,
    value: { crn: person.crn, bedId: bed.id, arrival: LocalDate.parse(arrival), departure: LocalDate.parse(departure) },
  })
  const post = (what: string) => `/approved-premises/${premises.id}/bookings/${made.bookingId}/${what}`
  return {
    premises,
    bed,
    bookingId: made.bookingId,
    stay: `/approved-premises/${premises.id}/residents/${made.bookingId}`,
    bookingPage: `/approved-premises/${premises.id}/bookings/${made.bookingId}`,
    plan: `/approved-premises/${premises.id}/bed-plan`,
    post,
  }
}

/** Books the bed for someone through the page, as staff would. */
const bookBed = (premisesId: number, bedId: number, crn: string, arrival: string, departure: string) =>
  amy.post(`/approved-premises/${premisesId}/bookings`, {
    crn,
    bed: String(bedId),
    ...dateFields('arrival', arrival),
    ...dateFields('departure', departure),
  })

const bookingRow = (id: number) =>
  db()
    .selectFrom('ap_bookings')
    .select(['arrival_date', 'departure_date', 'cancelled', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

const historyOf = (id: number) =>
  db()
    .selectFrom('ap_booking_events')
    .select(['kind', 'arrival_date', 'departure_date', 'reason'])
    .where('booking_id', '=', id)
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  amy = await t.signIn('amy.ap')
  pat = await t.signIn('pat.practitioner')
}, 120_000)
afterAll(() => t.close())

describe('an early departure', () => {
  it('frees the remaining nights on the bed plan and for a new booking, the history saying why', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, '2026-12-01', '2026-12-21')
    expect((await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-01'))).statusCode).toBe(303)
    const before = await amy.get(b.plan)
    expect(night(before.body, b.bed.id, '2026-12-10')).toBe('booked')

    // Another person cannot have the bed while the booking holds it.
    const next = await make.person({ allocatedTo: 'NWS001' })
    const refused = await bookBed(b.premises.id, b.bed.id, next.crn, '2026-12-10', '2026-12-24')
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('The bed is already booked from 1 December 2026 to 21 December 2026')

    const left = await amy.post(b.post('departure'), {
      ...dateFields('departure', '2026-12-06'),
      reason: 'planned_move_on',
      destination: 'custody',
    })
    expect(left.statusCode, left.body.slice(0, 300)).toBe(303)

    const after = await amy.get(b.plan)
    for (const free of ['2026-12-07', '2026-12-10', '2026-12-20'])
      expect(night(after.body, b.bed.id, free)).toBe('free')
    const api = apiClient(t, await issueTestToken(t, 'amy.ap'))
    const plan = await api.get(`/api/v1/approved-premises/${b.premises.id}/bed-plan`)
    expect(plan.statusCode).toBe(200)
    const nights = plan.json().beds.find((x: { id: number }) => x.id === b.bed.id).nights
    expect(nights.slice(0, 14).every((n: { status: string }) => n.status === 'free')).toBe(true)

    // The row holds the nights now taken (version bumped); the history is appended, the booked dates kept.
    expect(await bookingRow(b.bookingId)).toEqual({
      arrival_date: '2026-12-01',
      departure_date: '2026-12-06',
      cancelled: false,
      version: 2,
    })
    expect(await historyOf(b.bookingId)).toEqual([
      { kind: 'made', arrival_date: '2026-12-01', departure_date: '2026-12-21', reason: null },
      {
        kind: 'changed',
        arrival_date: '2026-12-01',
        departure_date: '2026-12-06',
        reason: 'Departed early: Planned move-on',
      },
    ])
    const page = await amy.get(b.bookingPage)
    expect(page.body).toContain('Departed early: Planned move-on')
    const stay = await amy.get(b.stay)
    expect(stay.body).toContain('1 December 2026 to 6 December 2026')
    expect(stay.body).toContain('Left')

    // The bed is booked for the freed nights; the database's exclusion constraint still guards the nights kept.
    const rebooked = await bookBed(b.premises.id, b.bed.id, next.crn, '2026-12-10', '2026-12-24')
    expect(rebooked.statusCode, rebooked.body.slice(0, 300)).toBe(303)
    const other = await make.person({ allocatedTo: 'NWS001' })
    const direct = (arrival: string, departure: string) =>
      db()
        .insertInto('ap_bookings')
        .values({ person_id: other.personId, bed_id: b.bed.id, arrival_date: arrival, departure_date: departure })
        .execute()
    await expect(direct('2026-12-05', '2026-12-07')).rejects.toMatchObject({ code: '23P01' })
    await expect(direct('2026-12-06', '2026-12-10')).resolves.toBeDefined()
    const audit = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'AP_BOOKING_CHANGED')
      .execute()
    expect(audit.some(a => (a.detail as { bookingId: number }).bookingId === b.bookingId)).toBe(true)
  })

  it('changes nothing when they leave on the booked day, and keeps the first night when they leave on it', async () => {
    const onTime = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(onTime, '2026-12-01', TODAY)
    await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-01'))
    const left = await amy.post(b.post('departure'), {
      ...dateFields('departure', TODAY),
      reason: 'planned_move_on',
      destination: 'unknown',
    })
    expect(left.statusCode, left.body.slice(0, 300)).toBe(303)
    expect(await bookingRow(b.bookingId)).toMatchObject({ departure_date: TODAY, version: 1 })
    expect(await historyOf(b.bookingId)).toHaveLength(1)

    const sameDay = await make.person({ allocatedTo: 'NWS001' })
    const c = await booked(sameDay, TODAY, '2026-12-14')
    await amy.post(c.post('arrival'), dateFields('arrival', TODAY))
    const gone = await amy.post(c.post('departure'), {
      ...dateFields('departure', TODAY),
      reason: 'absconded',
      destination: 'unknown',
    })
    expect(gone.statusCode, gone.body.slice(0, 300)).toBe(303)
    expect(await bookingRow(c.bookingId)).toMatchObject({ departure_date: '2026-12-08', version: 2 })
    const plan = await amy.get(c.plan)
    expect(night(plan.body, c.bed.id, TODAY)).toBe('booked')
    expect(night(plan.body, c.bed.id, '2026-12-08')).toBe('free')
  })
})

describe('a non-arrival', () => {
  it('cancels the booking so its nights are free; an arrival on it is refused and the person may be booked again', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, TODAY, '2026-12-21')
    const saved = await amy.post(b.post('non-arrival'), { nonArrivalReason: 'Not released: held on remand' })
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303)

    expect(await bookingRow(b.bookingId)).toMatchObject({ cancelled: true, version: 2 })
    expect(await historyOf(b.bookingId)).toEqual([
      expect.objectContaining({ kind: 'made', reason: null }),
      {
        kind: 'cancelled',
        arrival_date: TODAY,
        departure_date: '2026-12-21',
        reason: 'Did not arrive: Not released: held on remand',
      },
    ])
    const plan = await amy.get(b.plan)
    expect(night(plan.body, b.bed.id, TODAY)).toBe('free')
    expect(night(plan.body, b.bed.id, '2026-12-20')).toBe('free')

    // Staff still see the stay they recorded; the booking page says why it was cancelled.
    const stay = await amy.get(b.stay)
    expect(stay.statusCode).toBe(200)
    expect(stay.body).toContain('Did not arrive')
    expect(stay.body).not.toContain('data-qa="arrival-form"')
    expect((await amy.get(b.bookingPage)).body).toContain('Did not arrive: Not released: held on remand')

    // An arrival on the cancelled booking is refused with the reason, nothing saved.
    const late = await amy.post(b.post('arrival'), dateFields('arrival', TODAY))
    expect(late.statusCode).toBe(400)
    expect(late.body).toContain('govuk-error-summary')
    expect(late.body).toContain('They did not arrive and this booking was cancelled')
    const arrivals = await db().selectFrom('ap_arrivals').select('id').where('booking_id', '=', b.bookingId).execute()
    expect(arrivals).toEqual([])

    // If they come after all, the bed is booked again for them and the arrival recorded on the new booking.
    const again = await bookBed(b.premises.id, b.bed.id, person.crn, TODAY, '2026-12-21')
    expect(again.statusCode, again.body.slice(0, 300)).toBe(303)
    const fresh = await db()
      .selectFrom('ap_bookings')
      .select('id')
      .where('person_id', '=', person.personId)
      .where('cancelled', '=', false)
      .executeTakeFirstOrThrow()
    const arrived = await amy.post(
      `/approved-premises/${b.premises.id}/bookings/${fresh.id}/arrival`,
      dateFields('arrival', TODAY),
    )
    expect(arrived.statusCode, arrived.body.slice(0, 300)).toBe(303)
  })
})

describe('the release flow', () => {
  it('does not offer a booking the person has left or did not arrive for', async () => {
    const left = await make.sentenced('custodial')
    // Left on the first day: the booking keeps that night (so its departure date is after today), yet is not offered.
    const b = await booked(left, TODAY, '2027-01-20')
    await amy.post(b.post('arrival'), dateFields('arrival', TODAY))
    const offered = await pat.get(`/people/${left.crn}/resettlement`)
    expect(offered.body).toContain('data-qa="ap-placement"')
    await amy.post(b.post('departure'), { ...dateFields('departure', TODAY), reason: 'recall', destination: 'custody' })
    expect((await bookingRow(b.bookingId)).departure_date > TODAY).toBe(true)
    const resettlement = await pat.get(`/people/${left.crn}/resettlement`)
    expect(resettlement.statusCode).toBe(200)
    expect(resettlement.body).not.toContain('data-qa="ap-placement"')
    expect(textarea(resettlement.body, 'firstNightAddress') ?? '').not.toContain(b.premises.name)
    expect((await pat.get(`/people/${left.crn}/licence/conditions`)).body).not.toContain('data-qa="ap-placement"')

    const absent = await make.sentenced('custodial')
    const c = await booked(absent, TODAY, '2027-01-20')
    await amy.post(c.post('non-arrival'), { nonArrivalReason: 'Release postponed' })
    const page = await pat.get(`/people/${absent.crn}/resettlement`)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('data-qa="ap-placement"')
  })
})

describe('a booking once the stay has begun or ended', () => {
  it('keeps the arrival date and refuses cancelling after the arrival, and refuses any change after the departure', async () => {
    const person = await make.sentenced('custodial')
    const b = await booked(person, '2026-12-01', '2026-12-20')
    expect((await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-01'))).statusCode).toBe(303)

    const cancel = await amy.post(b.post('cancel'), { cancelReason: 'Not needed' })
    expect(cancel.statusCode).toBe(400)
    expect(cancel.body).toContain('record their departure instead of cancelling the booking')
    const earlier = await amy.post(b.post('change'), {
      ...dateFields('arrival', '2026-11-30'),
      ...dateFields('departure', '2026-12-20'),
      changeReason: 'x',
    })
    expect(earlier.statusCode).toBe(400)
    expect(earlier.body).toContain('the arrival date cannot change')
    expect(await bookingRow(b.bookingId)).toMatchObject({ departure_date: '2026-12-20', cancelled: false })

    // The departure date may move while they live there.
    const longer = await amy.post(b.post('change'), {
      ...dateFields('arrival', '2026-12-01'),
      ...dateFields('departure', '2026-12-27'),
      changeReason: 'Move-on flat ready a week later',
    })
    expect(longer.statusCode, longer.body.slice(0, 300)).toBe(303)
    expect(await bookingRow(b.bookingId)).toMatchObject({ departure_date: '2026-12-27' })

    await amy.post(b.post('departure'), {
      ...dateFields('departure', TODAY),
      reason: 'planned_move_on',
      destination: 'custody',
    })
    const after = await amy.post(b.post('change'), {
      ...dateFields('arrival', '2026-12-01'),
      ...dateFields('departure', '2026-12-30'),
      changeReason: 'x',
    })
    expect(after.statusCode).toBe(400)
    expect(after.body).toContain('the stay is over')
  })
})
