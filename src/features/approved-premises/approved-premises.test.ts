import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadePerson } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { dateFields, expectErrors, night } from './testing.ts'

/**
 * Approved premises as their staff would check it, on Monday 7 December 2026 (issue 16 items 1 and 3, "Bad input";
 * reference-systems.md §2.5): the premises and their beds, a bed taken out of service, booking a bed for a person and
 * seeing it on the 12-week bed plan, changing and cancelling it with the history kept, bad bookings refused with the
 * reason and nothing saved, who may see and change what, and the API.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let amy: TestBrowser
const db = () => t.handle.db

const stay = (arrival: string, departure: string) => ({
  ...dateFields('arrival', arrival),
  ...dateFields('departure', departure),
})

const bookingsOf = (personId: number) =>
  db()
    .selectFrom('ap_bookings')
    .select(['id', 'arrival_date', 'departure_date', 'cancelled'])
    .where('person_id', '=', personId)
    .execute()

const eventsOf = async (personId: number, type: string) =>
  (
    await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('person_id', '=', personId)
      .where('event_type', '=', type)
      .execute()
  ).map(e => e.payload as Record<string, unknown>)

async function book(browser: TestBrowser, premisesId: number, bedId: number, person: MadePerson, a: string, d: string) {
  return browser.post(`/approved-premises/${premisesId}/bookings`, {
    crn: person.crn,
    bed: String(bedId),
    ...stay(a, d),
  })
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  amy = await t.signIn('amy.ap')
}, 120_000)
afterAll(() => t.close())

describe('premises and beds', () => {
  it('lists the provider’s premises with the bed plan, and shows a premises’ beds and characteristics', async () => {
    const premises = await make.premises({ beds: 2 })
    const list = await amy.get('/approved-premises')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('data-qa="nav-approved-premises"')
    expect(list.body).toContain('Northtown House')
    expect(list.body).toContain(`href="/approved-premises/${premises.id}"`)
    const page = await amy.get(`/approved-premises/${premises.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('2 beds')
    const firstBed = /data-qa="bed-\d+"[\s\S]*?<\/tr>/.exec(page.body)![0]
    expect(firstBed).toContain('Wheelchair accessible')
    expect(firstBed).toContain('Ground floor')
  })

  it('takes a bed out of service (appended, audited) and shows it on the bed plan', async () => {
    const premises = await make.premises()
    const bed = premises.beds[1]!
    const form = await amy.get(`/approved-premises/${premises.id}/beds/${bed.id}/out-of-service/new`)
    expect(form.statusCode).toBe(200)
    const saved = await amy.post(`/approved-premises/${premises.id}/beds/${bed.id}/out-of-service`, {
      ...dateFields('from', '2026-12-10'),
      ...dateFields('to', '2026-12-12'),
      reason: 'Broken window',
    })
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303)
    const plan = await amy.get(`/approved-premises/${premises.id}/bed-plan`)
    expect(night(plan.body, bed.id, '2026-12-09')).toBe('free')
    expect(night(plan.body, bed.id, '2026-12-10')).toBe('out-of-service')
    expect(night(plan.body, bed.id, '2026-12-12')).toBe('out-of-service')
    expect(night(plan.body, bed.id, '2026-12-13')).toBe('free')
    expect(plan.body).toContain('Out of service: Broken window, 3 nights')
    const trail = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'AP_BED_OUT_OF_SERVICE')
      .execute()
    expect(trail.some(r => (r.detail as { bedId: number }).bedId === bed.id)).toBe(true)
  })

  it('refuses an out-of-service period that ends before it starts, or covers a booked night, saving nothing', async () => {
    const premises = await make.premises()
    const bed = premises.beds[0]!
    const person = await make.person({ allocatedTo: 'NWS001' })
    expect((await book(amy, premises.id, bed.id, person, '2026-12-14', '2026-12-18')).statusCode).toBe(303)
    const url = `/approved-premises/${premises.id}/beds/${bed.id}/out-of-service`
    const backwards = await amy.post(url, {
      ...dateFields('from', '2026-12-10'),
      ...dateFields('to', '2026-12-09'),
      reason: 'x',
    })
    expectErrors(backwards, ['The end date must be on or after the start date'])
    const booked = await amy.post(url, {
      ...dateFields('from', '2026-12-17'),
      ...dateFields('to', '2026-12-20'),
      reason: 'x',
    })
    expectErrors(booked, [
      'The bed is booked from 14 December 2026 to 18 December 2026: move or cancel the booking first',
    ])
    const rows = await db().selectFrom('ap_out_of_service').select('id').where('bed_id', '=', bed.id).execute()
    expect(rows).toEqual([])
  })

  it('brings a bed back into service early with a reason: the nights are free, the period kept, a second end refused', async () => {
    const premises = await make.premises()
    const bed = premises.beds[2]!
    await amy.post(`/approved-premises/${premises.id}/beds/${bed.id}/out-of-service`, {
      ...dateFields('from', '2026-12-20'),
      ...dateFields('to', '2026-12-22'),
      reason: 'Flooded bathroom',
    })
    const premisesPage = await amy.get(`/approved-premises/${premises.id}`)
    const href = /href="(\/approved-premises\/\d+\/out-of-service\/\d+\/end)"/.exec(premisesPage.body)?.[1]
    expect(href).toBeTruthy()
    const form = await amy.get(href!)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Flooded bathroom')

    const blank = await amy.post(href!, { endReason: ' ' })
    expectErrors(blank, ['Enter why the bed is back in service'])
    expect(night((await amy.get(`/approved-premises/${premises.id}/bed-plan`)).body, bed.id, '2026-12-21')).toBe(
      'out-of-service',
    )

    const ended = await amy.post(href!, { endReason: 'Plumber came early' })
    expect(ended.statusCode, ended.body.slice(0, 300)).toBe(303)
    expect((await amy.get(ended.headers.location as string)).body).toContain('Bed back in service')
    const plan = await amy.get(`/approved-premises/${premises.id}/bed-plan`)
    expect(night(plan.body, bed.id, '2026-12-21')).toBe('free')
    // Appended: the period is still there, with its end beside it.
    const kept = await db()
      .selectFrom('ap_out_of_service as o')
      .innerJoin('ap_out_of_service_cancellations as c', 'c.out_of_service_id', 'o.id')
      .select(['o.reason', 'c.reason as ended'])
      .where('o.bed_id', '=', bed.id)
      .execute()
    expect(kept).toEqual([{ reason: 'Flooded bathroom', ended: 'Plumber came early' }])
    const again = await amy.post(href!, { endReason: 'Twice' })
    expect(again.statusCode).toBe(404)
    const trail = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'AP_BED_BACK_IN_SERVICE')
      .execute()
    expect(trail.some(r => (r.detail as { bedId: number }).bedId === bed.id)).toBe(true)
  })
})

describe('bookings and the bed plan', () => {
  it('books a bed for a person: the bed plan shows the nights booked, the departure night free; audited and published', async () => {
    const premises = await make.premises()
    const bed = premises.beds[0]!
    const person = await make.person({ allocatedTo: 'NWS001' })
    const form = await amy.get(`/approved-premises/${premises.id}/bookings/new?bed=${bed.id}`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain(`<option value="${bed.id}" selected>`)
    const made = await book(amy, premises.id, bed.id, person, '2026-12-08', '2026-12-11')
    expect(made.statusCode, made.body.slice(0, 300)).toBe(303)
    const [booking] = await bookingsOf(person.personId)
    expect(made.headers.location).toBe(`/approved-premises/${premises.id}/bookings/${booking!.id}?done=booked`)

    const page = await amy.get(made.headers.location as string)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`${person.forename} ${person.surname}`)
    expect(page.body).toContain('Bed booked')
    expect(page.body).toContain('8 December 2026')

    const plan = await amy.get(`/approved-premises/${premises.id}/bed-plan`)
    expect(plan.statusCode).toBe(200)
    expect(plan.body.match(/data-qa="week-\d+"/g)).toHaveLength(12)
    expect(night(plan.body, bed.id, '2026-12-07')).toBe('free')
    expect(night(plan.body, bed.id, '2026-12-08')).toBe('booked')
    expect(night(plan.body, bed.id, '2026-12-10')).toBe('booked')
    expect(night(plan.body, bed.id, '2026-12-11')).toBe('free')
    // The plan names nobody: the booked night links to the booking.
    expect(plan.body).not.toContain(person.surname)
    expect(plan.body).toContain(`href="/approved-premises/${premises.id}/bookings/${booking!.id}"`)

    expect(await eventsOf(person.personId, 'ap.booking.made')).toEqual([
      expect.objectContaining({
        crn: person.crn,
        arrivalDate: '2026-12-08',
        departureDate: '2026-12-11',
        bookingId: booking!.id,
      }),
    ])
    const audited = await db()
      .selectFrom('audit_events')
      .select('username')
      .where('action', '=', 'AP_BOOKING_MADE')
      .where('person_id', '=', person.personId)
      .execute()
    expect(audited).toEqual([{ username: 'amy.ap' }])
    const premisesPage = await amy.get(`/approved-premises/${premises.id}`)
    expect(premisesPage.body).toContain(`${person.forename} ${person.surname}`)
  })

  it('changes the dates and cancels with reasons, keeping every version; a cancelled booking frees the nights', async () => {
    const premises = await make.premises()
    const bed = premises.beds[0]!
    const person = await make.person({ allocatedTo: 'NWS001' })
    const made = await book(amy, premises.id, bed.id, person, '2026-12-08', '2026-12-11')
    const url = (made.headers.location as string).split('?')[0]!
    const changed = await amy.post(`${url}/change`, {
      ...stay('2026-12-09', '2026-12-15'),
      changeReason: 'Release moved',
    })
    expect(changed.statusCode, changed.body.slice(0, 300)).toBe(303)
    const noReason = await amy.post(`${url}/cancel`, { cancelReason: '' })
    expectErrors(noReason, ['Enter why the booking is cancelled'])
    const cancelled = await amy.post(`${url}/cancel`, { cancelReason: 'Recalled to custody' })
    expect(cancelled.statusCode).toBe(303)

    const page = await amy.get(url)
    const history = /data-qa="booking-history"[\s\S]*?<\/ul>/
      .exec(page.body)![0]
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
    expect(history).toContain('Booked: Bed')
    expect(history).toContain('8 December 2026 to 11 December 2026')
    expect(history).toContain('Changed: Bed')
    expect(history).toContain('9 December 2026 to 15 December 2026. Reason: Release moved')
    expect(history).toContain('Cancelled')
    expect(history).toContain('Reason: Recalled to custody')
    expect(page.body).not.toContain('data-qa="cancel-form"')
    const plan = await amy.get(`/approved-premises/${premises.id}/bed-plan`)
    expect(night(plan.body, bed.id, '2026-12-10')).toBe('free')
    const again = await book(
      amy,
      premises.id,
      bed.id,
      await make.person({ allocatedTo: 'NWS001' }),
      '2026-12-09',
      '2026-12-15',
    )
    expect(again.statusCode).toBe(303)
    expect(await eventsOf(person.personId, 'ap.booking.cancelled')).toHaveLength(1)
  })
})

describe('bad bookings are refused with the reason and nothing saved (issue 16 "Bad input")', () => {
  it('refuses a departure that is not after the arrival', async () => {
    const premises = await make.premises()
    const person = await make.person({ allocatedTo: 'NWS001' })
    for (const departure of ['2026-12-10', '2026-12-09']) {
      const response = await book(amy, premises.id, premises.beds[0]!.id, person, '2026-12-10', departure)
      expectErrors(response, ['The departure date must be after the arrival date', 'href="#departure-day"'])
    }
    expect(await bookingsOf(person.personId)).toEqual([])
  })

  it('refuses a booking on an out-of-service night', async () => {
    const premises = await make.premises()
    const bed = premises.beds[0]!
    await amy.post(`/approved-premises/${premises.id}/beds/${bed.id}/out-of-service`, {
      ...dateFields('from', '2026-12-20'),
      ...dateFields('to', '2026-12-22'),
      reason: 'Flood damage',
    })
    const person = await make.person({ allocatedTo: 'NWS001' })
    const response = await book(amy, premises.id, bed.id, person, '2026-12-18', '2026-12-21')
    expectErrors(response, ['The bed is out of service from 20 December 2026 to 22 December 2026 (Flood damage)'])
    expect(await bookingsOf(person.personId)).toEqual([])
    expect(await eventsOf(person.personId, 'ap.booking.made')).toEqual([])
  })

  it('refuses a second booking of the bed on overlapping nights, and a change onto them', async () => {
    const premises = await make.premises()
    const bed = premises.beds[0]!
    const first = await make.person({ allocatedTo: 'NWS001' })
    const second = await make.person({ allocatedTo: 'NWS001' })
    expect((await book(amy, premises.id, bed.id, first, '2026-12-10', '2026-12-20')).statusCode).toBe(303)
    const overlap = await book(amy, premises.id, bed.id, second, '2026-12-19', '2026-12-24')
    expectErrors(overlap, ['The bed is already booked from 10 December 2026 to 20 December 2026'])
    expect(await bookingsOf(second.personId)).toEqual([])
    // Arriving the morning the first leaves is no overlap.
    const after = await book(amy, premises.id, bed.id, second, '2026-12-20', '2026-12-24')
    expect(after.statusCode).toBe(303)
    const url = (after.headers.location as string).split('?')[0]!
    const moved = await amy.post(`${url}/change`, {
      ...stay('2026-12-18', '2026-12-24'),
      changeReason: 'Earlier release',
    })
    expectErrors(moved, ['The bed is already booked from 10 December 2026 to 20 December 2026'])
    expect((await bookingsOf(second.personId))[0]).toMatchObject({ arrival_date: '2026-12-20' })
  })

  it('refuses a second booking of the same person on overlapping nights, in another bed or premises', async () => {
    const [here, there] = [await make.premises(), await make.premises()]
    const person = await make.person({ allocatedTo: 'NWS001' })
    expect((await book(amy, here.id, here.beds[0]!.id, person, '2026-12-10', '2026-12-20')).statusCode).toBe(303)
    for (const [premises, bed] of [
      [here, here.beds[1] ?? here.beds[0]!],
      [there, there.beds[0]!],
    ] as const) {
      const twice = await book(amy, premises.id, bed.id, person, '2026-12-15', '2026-12-25')
      expectErrors(twice, ['This person already has a booking for some of these nights', 'href="#arrival-day"'])
    }
    expect(await bookingsOf(person.personId)).toHaveLength(1)
    // Moving on the day the first stay ends is no overlap.
    expect((await book(amy, there.id, there.beds[0]!.id, person, '2026-12-20', '2026-12-25')).statusCode).toBe(303)
  })

  it('names the field for an unknown CRN, a missing bed and missing dates', async () => {
    const premises = await make.premises()
    const unknown = await amy.post(`/approved-premises/${premises.id}/bookings`, {
      crn: 'Z999999',
      bed: String(premises.beds[0]!.id),
      ...stay('2026-12-10', '2026-12-12'),
    })
    expectErrors(unknown, ['There is no person with this CRN'])
    const empty = await amy.post(`/approved-premises/${premises.id}/bookings`, { crn: '', bed: '' })
    expectErrors(empty, ['Enter the CRN of the person to book', 'Choose the bed', 'Enter the arrival date'])
    const other = await make.premises()
    const person = await make.person({ allocatedTo: 'NWS001' })
    const wrongBed = await book(amy, premises.id, other.beds[0]!.id, person, '2026-12-10', '2026-12-12')
    expectErrors(wrongBed, ['Choose a bed in these premises'])
  })

  it('refuses overlapping live bookings in the database itself (exclusion constraint), not cancelled ones', async () => {
    const premises = await make.premises()
    const bed = premises.beds[2]!
    const person = await make.person({ allocatedTo: 'NWS001' })
    const row = { person_id: person.personId, bed_id: bed.id, arrival_date: '2027-01-10', departure_date: '2027-01-15' }
    const { id } = await db().insertInto('ap_bookings').values(row).returning('id').executeTakeFirstOrThrow()
    await expect(
      db()
        .insertInto('ap_bookings')
        .values({ ...row, arrival_date: '2027-01-14', departure_date: '2027-01-16' })
        .execute(),
    ).rejects.toMatchObject({ code: '23P01' })
    await db()
      .insertInto('ap_bookings')
      .values({ ...row, arrival_date: '2027-01-15', departure_date: '2027-01-16' })
      .execute()
    await db().updateTable('ap_bookings').set({ cancelled: true }).where('id', '=', id).execute()
    await db()
      .insertInto('ap_bookings')
      .values({ ...row, arrival_date: '2027-01-11', departure_date: '2027-01-13' })
      .execute()
    await expect(db().deleteFrom('ap_bookings').where('id', '=', id).execute()).rejects.toThrow(/append-only/)
  })
})

describe('who may see and change approved premises', () => {
  it('refuses practitioners (no approved premises role) and lets a senior look but not book', async () => {
    const premises = await make.premises()
    for (const username of ['pat.practitioner', 'alex.crc']) {
      const user = await t.signIn(username)
      for (const url of [
        '/approved-premises',
        `/approved-premises/${premises.id}`,
        `/approved-premises/${premises.id}/bed-plan`,
      ])
        expect((await user.get(url)).statusCode, `${username} ${url}`).toBe(403)
    }
    const sam = await t.signIn('sam.senior')
    expect((await sam.get(`/approved-premises/${premises.id}/bed-plan`)).statusCode).toBe(200)
    const person = await make.person({ allocatedTo: 'NWS001' })
    expect((await book(sam, premises.id, premises.beds[0]!.id, person, '2026-12-10', '2026-12-12')).statusCode).toBe(
      403,
    )
    expect(await bookingsOf(person.personId)).toEqual([])
  })

  it('keeps approved premises staff to their own provider’s premises and people', async () => {
    await make.apStaff('cal.crcap', 'NWCRC')
    const cal = await t.signIn('cal.crcap')
    const premises = await make.premises()
    const list = await cal.get('/approved-premises')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('There are no approved premises in your provider')
    expect((await cal.get(`/approved-premises/${premises.id}/bed-plan`)).statusCode).toBe(403)
    // amy (public provider) may not book a person the contracted provider manages, nor one excluded from her.
    const theirs = await make.person({ allocatedTo: 'CRC001' })
    const excluded = await make.person({ allocatedTo: 'NWS001', excluding: 'amy.ap' })
    for (const p of [theirs, excluded]) {
      const response = await book(amy, premises.id, premises.beds[0]!.id, p, '2026-12-10', '2026-12-12')
      expect(response.statusCode).toBe(403)
      expect(response.body).not.toContain(p.surname)
      expect(await bookingsOf(p.personId)).toEqual([])
    }
  })

  it('shows a booked person’s name on the premises page only to those who may read their record', async () => {
    const premises = await make.premises()
    const excluded = await make.person({ allocatedTo: 'NWS001', excluding: 'amy.ap' })
    const admin = await t.signIn('admin')
    expect(
      (await book(admin, premises.id, premises.beds[0]!.id, excluded, '2026-12-10', '2026-12-12')).statusCode,
    ).toBe(303)
    const page = await amy.get(`/approved-premises/${premises.id}`)
    expect(page.body).toContain('Restricted record')
    expect(page.body).not.toContain(excluded.surname)
    const [booking] = await bookingsOf(excluded.personId)
    expect((await amy.get(`/approved-premises/${premises.id}/bookings/${booking!.id}`)).statusCode).toBe(403)
  })
})

describe('the API', () => {
  it('lists premises, gives the bed plan and books a bed, refusing bad input with the fields', async () => {
    const api = apiClient(t, await issueTestToken(t, 'amy.ap'))
    const premises = await make.premises()
    const bed = premises.beds[0]!
    const list = await api.get('/api/v1/approved-premises')
    expect(list.statusCode).toBe(200)
    expect(list.json().premises).toContainEqual(expect.objectContaining({ id: premises.id, beds: 3 }))
    const person = await make.person({ allocatedTo: 'NWS001' })
    const body = { crn: person.crn, bedId: bed.id, arrivalDate: '2026-12-10', departureDate: '2026-12-12' }
    const made = await api.post(`/api/v1/approved-premises/${premises.id}/bookings`, body)
    expect(made.statusCode, made.body).toBe(201)
    const plan = await api.get(`/api/v1/approved-premises/${premises.id}/bed-plan`)
    expect(plan.statusCode).toBe(200)
    const nights = plan.json().beds.find((b: { id: number }) => b.id === bed.id).nights
    expect(nights).toHaveLength(84)
    expect(nights.slice(2, 6).map((n: { status: string }) => n.status)).toEqual(['free', 'booked', 'booked', 'free'])
    const backwards = await api.post(`/api/v1/approved-premises/${premises.id}/bookings`, {
      ...body,
      departureDate: '2026-12-09',
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().error.fields).toEqual([expect.objectContaining({ field: 'departureDate' })])
    const clash = await api.post(`/api/v1/approved-premises/${premises.id}/bookings`, {
      ...body,
      crn: (await make.person({ allocatedTo: 'NWS001' })).crn,
    })
    expect(clash.statusCode).toBe(400)
    expect(clash.json().error.fields).toEqual([
      expect.objectContaining({ field: 'bedId', message: expect.stringContaining('already booked') }),
    ])
    expect(await bookingsOf(person.personId)).toHaveLength(1)
    const practitioner = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    expect((await practitioner.get('/api/v1/approved-premises')).statusCode).toBe(403)
  })
})
