import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contextOf, createFactories, type Factories, type MadePerson } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { dateFields, expectErrors } from './testing.ts'

/**
 * Arrival, stay and departure as approved premises staff and the case manager would check them, on Monday
 * 7 December 2026 (issue 16 item 4 and "Bad input"; reference-systems.md §2.5): an arrival before the booking starts
 * and a departure before the arrival refused with nothing saved; a non-arrival alerting the case manager the same day;
 * an absent curfew check raised as enforcement on the licence; the address history after a stay; the resident list;
 * who may do what; the API.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let amy: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db

/** A premises with a bed booked for the person from `arrival` to `departure`. */
async function booked(person: MadePerson, arrival: string, departure: string) {
  const premises = await make.premises()
  const made = await make.services.approvedPremises.makeBooking(await contextOf(db(), 'amy.ap'), premises.id, {
    ok: true,
    value: {
      crn: person.crn,
      bedId: premises.beds[0]!.id,
      arrival: LocalDate.parse(arrival),
      departure: LocalDate.parse(departure),
    },
  })
  const stay = `/approved-premises/${premises.id}/residents/${made.bookingId}`
  const post = (what: string) => `/approved-premises/${premises.id}/bookings/${made.bookingId}/${what}`
  return { premises, bookingId: made.bookingId, stay, post }
}

const count = async (table: 'ap_arrivals' | 'ap_departures' | 'ap_stay_checks', bookingId: number) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select(eb => eb.fn.countAll().as('n'))
        .where('booking_id', '=', bookingId)
        .executeTakeFirstOrThrow()
    ).n,
  )

const eventsOf = async (personId: number, type: string) =>
  (
    await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('person_id', '=', personId)
      .where('event_type', '=', type)
      .execute()
  ).map(e => e.payload as Record<string, unknown>)

async function givenAddress(personId: number) {
  await db()
    .insertInto('addresses')
    .values({
      person_id: personId,
      status: 'main',
      building: '5 Old Road',
      town: 'Oldtown',
      postcode: 'OT1 1AA',
      start_date: '2024-03-01',
    })
    .execute()
}

/** An approved licence with a curfew condition from 20:00 to 06:00. */
async function licenceWithCurfew(person: { personId: number; sentenceId: number }) {
  const { id } = await db()
    .insertInto('licences')
    .values({ person_id: person.personId, sentence_id: person.sentenceId })
    .returning('id')
    .executeTakeFirstOrThrow()
  const conditions = {
    standard: [],
    additional: [
      {
        type: 'curfew',
        fields: { address: 'The hostel', startTime: '20:00', endTime: '06:00' },
        justification: 'Risk',
      },
    ],
  }
  await db()
    .insertInto('licence_versions')
    .values({
      licence_id: id,
      person_id: person.personId,
      version_number: 1,
      kind: 'initial',
      status: 'approved',
      conditions: JSON.stringify(conditions),
      decided_at: new Date(`${TODAY}T09:00:00Z`),
    })
    .execute()
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  amy = await t.signIn('amy.ap')
  pat = await t.signIn('pat.practitioner')
}, 120_000)
afterAll(() => t.close())

describe('arrival (issue 16 "Bad input")', () => {
  it('refuses an arrival before the booking starts with the reason, saving nothing; records one on the day', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    await givenAddress(person.personId)
    const b = await booked(person, TODAY, '2026-12-21')
    const early = await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-06'))
    expectErrors(early, ['They cannot arrive before the booking starts on 7 December 2026'])
    expect(await count('ap_arrivals', b.bookingId)).toBe(0)
    expect(await eventsOf(person.personId, 'ap.arrived')).toHaveLength(0)

    const arrived = await amy.post(b.post('arrival'), dateFields('arrival', TODAY))
    expect(arrived.statusCode, arrived.body.slice(0, 300)).toBe(303)
    expect(arrived.headers.location).toBe(`${b.stay}?done=arrival`)
    const page = await amy.get(arrived.headers.location as string)
    expect(page.body).toContain('Arrival recorded')
    expect(page.body).toContain('Resident')
    expect(await eventsOf(person.personId, 'ap.arrived')).toEqual([
      expect.objectContaining({ crn: person.crn, bookingId: b.bookingId, arrivalDate: TODAY }),
    ])
    const again = await amy.post(b.post('arrival'), dateFields('arrival', TODAY))
    expectErrors(again, ['Their arrival is already recorded'])
    expect(await count('ap_arrivals', b.bookingId)).toBe(1)
  })

  it('alerts the case manager the same day when the person does not arrive', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, TODAY, '2026-12-21')
    const blank = await amy.post(b.post('non-arrival'), {})
    expectErrors(blank, ['Enter why they did not arrive'])
    const saved = await amy.post(b.post('non-arrival'), { nonArrivalReason: 'Not released: held on remand' })
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303)
    expect((await amy.get(b.stay)).body).toContain('Did not arrive')

    const myDay = await pat.get('/my-day')
    expect(myDay.statusCode).toBe(200)
    const row = new RegExp(
      `${person.surname}[\\s\\S]{0,2000}?Approved premises: did not arrive|Approved premises: did not arrive[\\s\\S]{0,2000}?${person.surname}`,
    )
    expect(myDay.body).toMatch(row)
    const enforcement = await pat.get(`/people/${person.crn}/enforcement`)
    expect(enforcement.body).toContain('Approved premises: did not arrive')
    expect(enforcement.body).toContain('Not released: held on remand')
  })
})

describe('during the stay', () => {
  it('raises an absent curfew check as enforcement on the licence, seen on the enforcement page', async () => {
    const person = await make.sentenced('custodial')
    await licenceWithCurfew(person)
    const b = await booked(person, '2026-12-01', '2026-12-21')
    expect((await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-01'))).statusCode).toBe(303)
    const page = await amy.get(b.stay)
    expect(page.body).toContain('20:00 to 06:00 (licence condition)')

    const present = await amy.post(b.post('checks'), {
      checkKind: 'curfew_check',
      ...dateFields('check', '2026-12-05'),
      checkTime: '22:00',
      present: 'yes',
    })
    expect(present.statusCode, present.body.slice(0, 300)).toBe(303)
    const before = await pat.get(`/people/${person.crn}/enforcement`)
    expect(before.body).not.toContain('Approved premises curfew breach')

    const absent = await amy.post(b.post('checks'), {
      checkKind: 'curfew_check',
      ...dateFields('check', '2026-12-06'),
      checkTime: '23:30',
      present: 'no',
    })
    expect(absent.statusCode, absent.body.slice(0, 300)).toBe(303)
    expect(absent.headers.location).toContain('done=breach')
    const stay = await amy.get(b.stay)
    expect(stay.body).toContain('Absent at the curfew check at 23:30 (curfew 20:00 to 06:00)')

    const actions = await db()
      .selectFrom('enforcement_actions')
      .select(['action_type', 'status'])
      .where('person_id', '=', person.personId)
      .execute()
    expect(actions.length).toBeGreaterThan(0)
    expect(actions.every(a => a.status === 'open')).toBe(true)
    const enforcement = await pat.get(`/people/${person.crn}/enforcement`)
    expect(enforcement.statusCode).toBe(200)
    // A first failure on a licence: the warning letter, and the failure's own page says what it was.
    expect(enforcement.body).toContain('Send the first licence warning letter')
    // The action's link to the contact it was raised from says what the contact is.
    expect(enforcement.body).toMatch(/data-qa="action-contact">Approved premises curfew breach<\/a>/)
    expect(enforcement.body).not.toContain('>The appointment</a>')
    const failure = /href="(\/people\/[A-Z]\d+\/appointments\/\d+)"/.exec(enforcement.body)?.[1]
    expect(failure).toBeDefined()
    const contact = await pat.get(failure!)
    expect(contact.statusCode).toBe(200)
    expect(contact.body).toContain('Approved premises curfew breach')
    expect(contact.body).toContain('Absent at the curfew check at 23:30')
    expect(await count('ap_stay_checks', b.bookingId)).toBe(2)

    // Last night's sign-in (a time later than now today has not happened yet).
    const late = await amy.post(b.post('checks'), {
      checkKind: 'sign_in',
      ...dateFields('check', '2026-12-06'),
      checkTime: '21:10',
    })
    expect(late.headers.location).toContain('done=breach')
    expect((await amy.get(b.stay)).body).toContain('Signed in at 21:10, after the curfew began (curfew 20:00 to 06:00)')
  })

  it('refuses a check before the arrival or without saying present or absent, saving nothing', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, '2026-12-03', '2026-12-21')
    await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-04'))
    const early = await amy.post(b.post('checks'), {
      checkKind: 'curfew_check',
      ...dateFields('check', '2026-12-03'),
      checkTime: '23:00',
      present: 'no',
    })
    expectErrors(early, ['The date cannot be before they arrived on 4 December 2026'])
    const unsaid = await amy.post(b.post('checks'), {
      checkKind: 'curfew_check',
      ...dateFields('check', TODAY),
      checkTime: '23:00',
    })
    expectErrors(unsaid, ['Say whether they were present'])
    expect(await count('ap_stay_checks', b.bookingId)).toBe(0)
  })

  it('keeps the keyworker, incidents, activities and every move-on plan, and lists the resident on the premises page', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, '2026-12-02', '2026-12-21')
    await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-02'))
    const stay = await amy.get(b.stay)
    const amyId = /<option value="(\d+)">Amy Premises<\/option>/.exec(stay.body)?.[1]
    expect(amyId).toBeDefined()
    expect((await amy.post(b.post('keyworker'), { keyworker: amyId! })).statusCode).toBe(303)
    expect(
      (
        await amy.post(b.post('incidents'), {
          ...dateFields('incident', '2026-12-05'),
          incidentKind: 'damage',
          incidentDescription: 'Broke a door',
        })
      ).statusCode,
    ).toBe(303)
    expect(
      (
        await amy.post(b.post('activities'), {
          ...dateFields('activity', '2026-12-06'),
          activityKind: 'keywork_session',
          activityNote: 'First session',
        })
      ).statusCode,
    ).toBe(303)
    await amy.post(b.post('move-on-plan'), { moveOnPlan: 'Council flat in Northtown' })
    await amy.post(b.post('move-on-plan'), { moveOnPlan: 'Supported housing in Easttown' })
    const page = await amy.get(b.stay)
    for (const text of ['Broke a door', 'First session', 'Supported housing in Easttown', 'Council flat in Northtown'])
      expect(page.body).toContain(text)
    expect(
      await db().selectFrom('ap_move_on_plans').select('plan').where('booking_id', '=', b.bookingId).execute(),
    ).toHaveLength(2)

    const premises = await amy.get(`/approved-premises/${b.premises.id}`)
    const row = new RegExp(`data-qa="resident-${b.bookingId}"[\\s\\S]*?</tr>`).exec(premises.body)?.[0] ?? ''
    expect(row).toContain(person.surname)
    expect(row).toContain('Amy Premises')
    expect(row).toContain('23:00 to 07:00 (premises default)')
  })
})

describe('two arrivals at once', () => {
  it('records one and refuses the other with the reason', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, TODAY, '2026-12-21')
    const answers = await Promise.all([1, 2].map(() => amy.post(b.post('arrival'), dateFields('arrival', TODAY))))
    expect(answers.map(a => a.statusCode).sort()).toEqual([303, 400])
    expect(answers.find(a => a.statusCode === 400)!.body).toContain('Their arrival is already recorded')
    expect(await count('ap_arrivals', b.bookingId)).toBe(1)
  })
})

describe('departure (issue 16 "Bad input")', () => {
  it('refuses a departure before the arrival; after one the address history shows the hostel with its dates', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    await givenAddress(person.personId)
    const b = await booked(person, '2026-12-02', '2026-12-21')
    await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-03'))
    const leave = (date: string) => ({
      ...dateFields('departure', date),
      reason: 'planned_move_on',
      destination: 'address',
      address: '9 New Street\nNewtown',
      postcode: 'NW1 2AB',
    })
    const early = await amy.post(b.post('departure'), leave('2026-12-02'))
    expectErrors(early, ['The departure cannot be before the arrival on 3 December 2026'])
    expect(await count('ap_departures', b.bookingId)).toBe(0)
    const missing = await amy.post(b.post('departure'), { ...dateFields('departure', TODAY), destination: 'address' })
    expectErrors(missing, [
      'Choose why they left',
      'Enter the address they moved to',
      'Enter the postcode of the address',
    ])

    const left = await amy.post(b.post('departure'), leave('2026-12-06'))
    expect(left.statusCode, left.body.slice(0, 300)).toBe(303)
    expect(await eventsOf(person.personId, 'ap.departed')).toEqual([
      expect.objectContaining({ crn: person.crn, departureDate: '2026-12-06', reason: 'planned_move_on' }),
    ])
    const addresses = await db()
      .selectFrom('addresses')
      .select(['building', 'street', 'postcode', 'status', 'address_type', 'start_date', 'end_date'])
      .where('person_id', '=', person.personId)
      .orderBy('id')
      .execute()
    expect(addresses).toEqual([
      expect.objectContaining({
        building: '5 Old Road',
        status: 'previous',
        start_date: '2024-03-01',
        end_date: '2026-12-03',
      }),
      expect.objectContaining({
        building: b.premises.name,
        address_type: 'APPROVED_PREMISES',
        status: 'previous',
        start_date: '2026-12-03',
        end_date: '2026-12-06',
      }),
      expect.objectContaining({
        street: '9 New Street',
        postcode: 'NW1 2AB',
        status: 'main',
        start_date: '2026-12-06',
        end_date: null,
      }),
    ])
    const history = await pat.get(`/people/${person.crn}/addresses`)
    expect(history.statusCode).toBe(200)
    expect(history.body).toContain(b.premises.name)
    expect(history.body).toContain('5 Old Road')
    expect(history.body).toContain('9 New Street')
    const premises = await amy.get(`/approved-premises/${b.premises.id}`)
    expect(premises.body).not.toContain(`data-qa="resident-${b.bookingId}"`)
  })

  it('ends the hostel address with no new one when they go to custody', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, '2026-12-02', '2026-12-21')
    await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-02'))
    const left = await amy.post(b.post('departure'), {
      ...dateFields('departure', TODAY),
      reason: 'recall',
      destination: 'custody',
    })
    expect(left.statusCode, left.body.slice(0, 300)).toBe(303)
    const addresses = await db()
      .selectFrom('addresses')
      .select(['status', 'end_date'])
      .where('person_id', '=', person.personId)
      .execute()
    expect(addresses).toEqual([{ status: 'previous', end_date: TODAY }])
  })
})

describe('who may see and record a stay', () => {
  it('keeps other providers’ staff and practitioners out, and lets the auditor and a senior look but not record', async () => {
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, TODAY, '2026-12-21')
    await make.apStaff('cara.crcap', 'NWCRC')
    const cara = await t.signIn('cara.crcap')
    expect((await cara.get(b.stay)).statusCode).toBe(403)
    expect((await cara.post(b.post('arrival'), dateFields('arrival', TODAY))).statusCode).toBe(403)
    expect((await pat.get(b.stay)).statusCode).toBe(403)
    expect((await pat.post(b.post('arrival'), dateFields('arrival', TODAY))).statusCode).toBe(403)
    for (const username of ['auditor', 'sam.senior']) {
      const user = await t.signIn(username)
      const page = await user.get(b.stay)
      expect(page.statusCode, username).toBe(200)
      expect(page.body).not.toContain('data-qa="arrival-form"')
      expect((await user.post(b.post('arrival'), dateFields('arrival', TODAY))).statusCode, username).toBe(403)
    }
    expect(await count('ap_arrivals', b.bookingId)).toBe(0)
  })
})

describe('the API', () => {
  it('gives a stay and records an arrival and a departure, refusing bad input with the fields', async () => {
    const api = apiClient(t, await issueTestToken(t, 'amy.ap'))
    const person = await make.person({ allocatedTo: 'NWS001' })
    const b = await booked(person, '2026-12-03', '2026-12-21')
    const base = `/api/v1/approved-premises/${b.premises.id}/bookings/${b.bookingId}`
    const expected = await api.get(`${base}/stay`)
    expect(expected.statusCode, expected.body).toBe(200)
    expect(expected.json()).toMatchObject({ status: 'expected', crn: person.crn, curfew: { source: 'premises' } })

    const early = await api.post(`${base}/arrival`, { arrivalDate: '2026-12-02' })
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('arrivalDate')
    expect((await api.post(`${base}/arrival`, { arrivalDate: 'soon' })).statusCode).toBe(400)
    expect((await api.post(`${base}/arrival`, { arrivalDate: '2026-12-03' })).statusCode).toBe(201)

    const before = await api.post(`${base}/departure`, {
      departureDate: '2026-12-02',
      reason: 'absconded',
      destination: 'unknown',
    })
    expect(before.statusCode).toBe(400)
    expect(before.body).toContain('departureDate')
    const noAddress = await api.post(`${base}/departure`, {
      departureDate: TODAY,
      reason: 'planned_move_on',
      destination: 'address',
    })
    expect(noAddress.statusCode).toBe(400)
    expect(noAddress.body).toContain('postcode')
    expect(
      (await api.post(`${base}/departure`, { departureDate: TODAY, reason: 'absconded', destination: 'unknown' }))
        .statusCode,
    ).toBe(201)
    expect((await api.get(`${base}/stay`)).json()).toMatchObject({
      status: 'departed',
      arrivalDate: '2026-12-03',
      departure: { date: TODAY, reason: 'absconded', destination: 'unknown' },
    })
    const practitioner = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    expect((await practitioner.get(`${base}/stay`)).statusCode).toBe(403)
  })
})

describe('a check not yet happened', () => {
  it('refuses a check dated today at a time later than now, saving nothing', async () => {
    const person = await make.sentenced('custodial')
    const b = await booked(person, '2026-12-01', '2026-12-21')
    expect((await amy.post(b.post('arrival'), dateFields('arrival', '2026-12-01'))).statusCode).toBe(303)
    // The clock says 10:00 on 7 December.
    const later = await amy.post(b.post('checks'), {
      checkKind: 'curfew_check',
      ...dateFields('check', TODAY),
      checkTime: '23:00',
      present: 'no',
    })
    expect(later.statusCode).toBe(400)
    expect(later.body).toContain('The time cannot be in the future')
    const rows = await t.handle.db
      .selectFrom('ap_stay_checks')
      .select('id')
      .where('booking_id', '=', b.bookingId)
      .execute()
    expect(rows).toEqual([])
    const earlier = await amy.post(b.post('checks'), {
      checkKind: 'sign_in',
      ...dateFields('check', TODAY),
      checkTime: '09:30',
      present: 'yes',
    })
    expect(earlier.statusCode, earlier.body.slice(0, 300)).toBe(303)
  })
})
