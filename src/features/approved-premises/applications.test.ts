import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadePerson } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { dateFields, expectErrors } from './testing.ts'

/**
 * Approved premises applications as their users would check them, on Monday 7 December 2026 (issue 16 item 2 and
 * matching of item 3; reference-systems.md §2.5): the case manager's application pre-filled from the record and
 * submitted with a snapshot; the approved premises team's list and decisions (request information → answer →
 * accept; reject with a reason); matching beds that meet every essential characteristic and are free every night,
 * and booking one; who may see and do what.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let amy: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db

const applicationForm = (o: { essential?: string[]; arrival?: string; departure?: string } = {}) => ({
  reasons: 'High risk of harm to a known adult: needs 24-hour staffed accommodation on release',
  exclusionZones: 'Westbury town centre',
  areasToAvoid: 'Easton (victim lives there)',
  preferredArea: 'Northtown',
  accessNeeds: 'Uses a wheelchair',
  healthNeeds: '',
  essential: o.essential ?? ['wheelchair_accessible'],
  roomSharing: 'no',
  previousPlacements: '',
  moveOnPlan: 'Supported housing with Northtown Council after 12 weeks',
  ...dateFields('arrival', o.arrival ?? '2027-01-10'),
  ...dateFields('departure', o.departure ?? '2027-01-20'),
})

/** A person on a custodial sentence for arson, managed by pat.practitioner, with RoSH and MAPPA recorded. */
async function licenceCase(): Promise<MadePerson> {
  const person = await make.sentenced('custodial', {}, { offence: '05600' })
  await db()
    .insertInto('rosh_assessments')
    .values({
      person_id: person.personId,
      assessment_date: '2026-11-01',
      public_level: 'medium',
      known_adult_level: 'high',
      children_level: 'low',
      staff_level: 'low',
      overall_level: 'high',
      nature_of_harm: 'Fire setting',
    })
    .execute()
  await db()
    .insertInto('registrations')
    .values({
      person_id: person.personId,
      type_code: 'MAPP',
      mappa_category: 2,
      mappa_level: 2,
      registered_date: '2026-11-02',
    })
    .execute()
  return person
}

async function apply(person: MadePerson, form = applicationForm()): Promise<number> {
  const response = await pat.post(`/people/${person.crn}/approved-premises/applications`, form)
  expect(response.statusCode, response.body.slice(0, 500)).toBe(303)
  const id = Number(/\/approved-premises\/applications\/(\d+)\?done=submitted/.exec(response.headers.location!)![1])
  return id
}

const statusOf = async (id: number) =>
  (await db().selectFrom('ap_applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status

const decide = (browser: TestBrowser, id: number, form: Record<string, string>) =>
  browser.post(`/approved-premises/applications/${id}/decision`, form)

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  amy = await t.signIn('amy.ap')
  pat = await t.signIn('pat.practitioner')
}, 120_000)
afterAll(() => t.close())

describe('applying', () => {
  it('pre-fills the application from the record, read-only', async () => {
    const person = await licenceCase()
    const page = await pat.get(`/people/${person.crn}/approved-premises/applications`)
    expect(page.statusCode).toBe(200)
    const summary = /data-qa="application-summary"[\s\S]*?<\/dl>/.exec(page.body)![0]
    expect(summary).toContain(`${person.forename} ${person.surname} (${person.crn})`)
    expect(summary).toMatch(/Custod/)
    expect(summary).toContain('Arson')
    expect(summary).toContain('High overall')
    expect(summary).toContain('Known adult high')
    expect(summary).toContain('Category 2, level 2')
    expect(summary).toContain('MAPPA')
    // Nothing of the record is an input: it is not retyped.
    expect(summary).not.toContain('<input')
    expect(summary).toContain('Expected 8 June 2027 (Conditional release date (CRD))')
    expect(summary).toContain('Public medium')
    // The arrival defaults to the release date.
    expect(page.body).toMatch(/name="arrival-day"[^>]*value="8"/)
    expect(page.body).toMatch(/name="arrival-year"[^>]*value="2027"/)
  })

  it('refuses an incomplete application with the reasons, saving nothing', async () => {
    const person = await licenceCase()
    const response = await pat.post(`/people/${person.crn}/approved-premises/applications`, {
      reasons: '',
      essential: ['hot_tub'],
      ...dateFields('arrival', '2027-01-10'),
      ...dateFields('departure', '2027-01-05'),
    })
    expectErrors(response, [
      'Enter the reasons for the placement',
      'Choose the essential characteristics from the list',
      'Select whether the person can share a room',
      'Enter the move-on plan',
      'The expected departure date must be after the arrival date',
    ])
    const saved = await db()
      .selectFrom('ap_applications')
      .select('id')
      .where('person_id', '=', person.personId)
      .execute()
    expect(saved).toEqual([])
  })

  it('submits with a snapshot of the record, audited and published', async () => {
    const person = await licenceCase()
    const id = await apply(person)
    const row = await db().selectFrom('ap_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'awaiting_assessment', room_sharing: false, arrival_date: '2027-01-10' })
    expect(row.essential_characteristics).toEqual(['wheelchair_accessible'])
    const summary = row.summary as { offences: { notes: string[] }[]; mappa: unknown }
    expect(summary.offences[0]!.notes).toContain('Arson')
    expect(summary.mappa).toEqual({ category: 2, level: 2 })
    const events = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('person_id', '=', person.personId)
      .where('event_type', '=', 'ap.application.submitted')
      .execute()
    expect(events.map(e => e.payload)).toEqual([expect.objectContaining({ crn: person.crn, applicationId: id })])
    const audited = await db()
      .selectFrom('audit_events')
      .select('username')
      .where('action', '=', 'AP_APPLICATION_SUBMITTED')
      .where('person_id', '=', person.personId)
      .execute()
    expect(audited).toEqual([{ username: 'pat.practitioner' }])
    const shown = await pat.get(`/approved-premises/applications/${id}?done=submitted`)
    expect(shown.statusCode).toBe(200)
    expect(shown.body).toContain('Application submitted')
    expect(shown.body).toContain('Awaiting assessment')
  })
})

describe('assessing', () => {
  it('lists the application for the team, who ask for information; the manager answers; the team accepts', async () => {
    const person = await licenceCase()
    const id = await apply(person)
    const list = await amy.get('/approved-premises/applications')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('data-qa="nav-ap-applications"')
    const awaiting = /data-qa="awaiting-assessment"[\s\S]*?<\/table>/.exec(list.body)![0]
    expect(awaiting).toContain(person.surname)
    // The team reads the person through the application (audited), not the national record.
    const page = await amy.get(`/approved-premises/applications/${id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Arson')
    expect(page.body).toContain('Easton (victim lives there)')
    const viewed = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'AP_APPLICATION_VIEWED')
      .where('person_id', '=', person.personId)
      .execute()
    expect(viewed).toHaveLength(1)

    expectErrors(await decide(amy, id, { decision: 'request_information', question: '' }), [
      'Enter the information you need',
    ])
    expect(await statusOf(id)).toBe('awaiting_assessment')
    const asked = await decide(amy, id, { decision: 'request_information', question: 'Is the victim still in Easton?' })
    expect(asked.statusCode, asked.body.slice(0, 300)).toBe(303)
    expect(await statusOf(id)).toBe('information_requested')

    const forManager = await pat.get(`/approved-premises/applications/${id}`)
    expect(forManager.body).toContain('Is the victim still in Easton?')
    expect(forManager.body).toContain('data-qa="answer-form"')
    expectErrors(await pat.post(`/approved-premises/applications/${id}/answer`, { answer: '' }), [
      'Enter the information asked for',
    ])
    const answered = await pat.post(`/approved-premises/applications/${id}/answer`, { answer: 'Yes, until March' })
    expect(answered.statusCode).toBe(303)
    expect(await statusOf(id)).toBe('awaiting_assessment')

    expect((await decide(amy, id, { decision: 'accept' })).statusCode).toBe(303)
    expect(await statusOf(id)).toBe('accepted')
    const history = await db()
      .selectFrom('ap_application_events')
      .select(['kind', 'text'])
      .where('application_id', '=', id)
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      { kind: 'submitted', text: null },
      { kind: 'information_requested', text: 'Is the victim still in Easton?' },
      { kind: 'information_given', text: 'Yes, until March' },
      { kind: 'accepted', text: null },
    ])
    const accepted = await amy.get('/approved-premises/applications')
    expect(/data-qa="accepted"[\s\S]*?<\/table>/.exec(accepted.body)![0]).toContain(person.surname)
    // Decided once: a second decision is refused with the reason.
    expectErrors(await decide(amy, id, { decision: 'reject', rejectReason: 'x' }), ['cannot be changed that way now'])
  })

  it('needs a reason to reject', async () => {
    const id = await apply(await licenceCase())
    expectErrors(await decide(amy, id, { decision: 'reject', rejectReason: '' }), [
      'Enter why the application is rejected',
    ])
    expectErrors(await decide(amy, id, {}), ['Select a decision'])
    expect(await statusOf(id)).toBe('awaiting_assessment')
    const rejected = await decide(amy, id, { decision: 'reject', rejectReason: 'Needs a specialist placement' })
    expect(rejected.statusCode).toBe(303)
    expect(await statusOf(id)).toBe('rejected')
    const page = await pat.get(`/approved-premises/applications/${id}`)
    expect(page.body).toContain('Needs a specialist placement')
  })
})

describe('matching', () => {
  it('offers only free beds with every essential characteristic, and books one from the match', async () => {
    const person = await licenceCase()
    const id = await apply(person, applicationForm({ arrival: '2027-02-01', departure: '2027-02-15' }))
    expect((await decide(amy, id, { decision: 'accept' })).statusCode).toBe(303)
    const outOfService = await make.premises({ beds: 2 })
    const booked = await make.premises({ beds: 2 })
    const free = await make.premises({ beds: 2 })
    // The accessible bed of the first is out of service one night of the stay; of the second, booked for another.
    const oos = await amy.post(
      `/approved-premises/${outOfService.id}/beds/${outOfService.beds[0]!.id}/out-of-service`,
      { ...dateFields('from', '2027-02-14'), ...dateFields('to', '2027-02-14'), reason: 'Boiler' },
    )
    expect(oos.statusCode).toBe(303)
    const other = await make.person({ allocatedTo: 'NWS001' })
    const clash = await amy.post(`/approved-premises/${booked.id}/bookings`, {
      crn: other.crn,
      bed: String(booked.beds[0]!.id),
      ...dateFields('arrival', '2027-01-25'),
      ...dateFields('departure', '2027-02-02'),
    })
    expect(clash.statusCode).toBe(303)

    const match = await amy.get(`/approved-premises/applications/${id}/match`)
    expect(match.statusCode).toBe(200)
    expect(match.body).toContain(`data-qa="match-bed-${free.beds[0]!.id}"`)
    for (const excluded of [outOfService.beds[0]!, booked.beds[0]!, free.beds[1]!])
      expect(match.body).not.toContain(`data-qa="match-bed-${excluded.id}"`)

    expectErrors(
      await amy.post(`/approved-premises/applications/${id}/match`, { bed: `${free.id}:${free.beds[1]!.id}` }),
      ['does not meet the application’s needs'],
    )
    const book = await amy.post(`/approved-premises/applications/${id}/match`, {
      bed: `${free.id}:${free.beds[0]!.id}`,
    })
    expect(book.statusCode, book.body.slice(0, 300)).toBe(303)
    expect(await statusOf(id)).toBe('placed')
    const bookings = await db()
      .selectFrom('ap_bookings')
      .select(['bed_id', 'arrival_date', 'departure_date', 'application_id'])
      .where('person_id', '=', person.personId)
      .execute()
    expect(bookings).toEqual([
      { bed_id: free.beds[0]!.id, arrival_date: '2027-02-01', departure_date: '2027-02-15', application_id: id },
    ])
    const made = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('person_id', '=', person.personId)
      .where('event_type', '=', 'ap.booking.made')
      .execute()
    expect(made).toHaveLength(1)
    const page = await amy.get(`/approved-premises/applications/${id}`)
    expect(page.body).toContain('Placed')
  })

  it('returns an application to awaiting placement when its booking is cancelled, saying why', async () => {
    const person = await licenceCase()
    const id = await apply(person, applicationForm({ arrival: '2027-03-01', departure: '2027-03-15' }))
    expect((await decide(amy, id, { decision: 'accept' })).statusCode).toBe(303)
    const premises = await make.premises({ beds: 1 })
    const book = await amy.post(`/approved-premises/applications/${id}/match`, {
      bed: `${premises.id}:${premises.beds[0]!.id}`,
    })
    expect(book.statusCode, book.body.slice(0, 300)).toBe(303)
    expect(await statusOf(id)).toBe('placed')
    const booking = await db()
      .selectFrom('ap_bookings')
      .select('id')
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow()
    const cancelled = await amy.post(`/approved-premises/${premises.id}/bookings/${booking.id}/cancel`, {
      cancelReason: 'The parole hearing was adjourned',
    })
    expect(cancelled.statusCode, cancelled.body.slice(0, 300)).toBe(303)
    expect(await statusOf(id)).toBe('accepted')
    const page = await amy.get(`/approved-premises/applications/${id}`)
    expect(page.body).toContain('Booking cancelled: awaiting placement again')
    expect(page.body).toContain('The parole hearing was adjourned')
    const list = await amy.get('/approved-premises/applications')
    expect(list.body).toContain(`/approved-premises/applications/${id}"`)
    // Placed again from the match.
    const again = await amy.post(`/approved-premises/applications/${id}/match`, {
      bed: `${premises.id}:${premises.beds[0]!.id}`,
    })
    expect(again.statusCode, again.body.slice(0, 300)).toBe(303)
    expect(await statusOf(id)).toBe('placed')
  })

  it('matches nothing before the application is accepted', async () => {
    const id = await apply(await licenceCase())
    const match = await amy.get(`/approved-premises/applications/${id}/match`)
    expect(match.statusCode).toBe(200)
    expect(match.body).toContain('data-qa="not-accepted"')
  })
})

describe('who may see and do what', () => {
  it('refuses another provider’s users and a practitioner without the case, without the name', async () => {
    const person = await licenceCase()
    const id = await apply(person)
    await make.apStaff('cal.crcap', 'NWCRC')
    const alex = await t.signIn('alex.crc')
    const cal = await t.signIn('cal.crcap')
    for (const [browser, url] of [
      [alex, `/people/${person.crn}/approved-premises/applications`],
      [alex, `/approved-premises/applications/${id}`],
      [cal, `/approved-premises/applications/${id}`],
      [cal, `/approved-premises/applications/${id}/match`],
    ] as const) {
      const response = await browser.get(url)
      expect([403, 404], url).toContain(response.statusCode)
      expect(response.body).not.toContain(person.surname)
    }
    const calList = await cal.get('/approved-premises/applications')
    expect(calList.statusCode).toBe(200)
    expect(calList.body).not.toContain(person.surname)
    expect((await decide(cal, id, { decision: 'accept' })).statusCode).toBe(403)
    expect((await alex.post(`/approved-premises/applications/${id}/answer`, { answer: 'x' })).statusCode).toBe(403)
    // Robin's case (team B): pat may read it but not apply for it or see its application.
    const robins = await make.sentenced('custodial', { allocatedTo: 'NWS006' })
    expect((await pat.get(`/people/${robins.crn}/approved-premises/applications`)).statusCode).toBe(403)
    expect(await statusOf(id)).toBe('awaiting_assessment')
  })

  it('keeps approved premises staff to the application: they cannot apply, answer, or see other applications', async () => {
    const person = await licenceCase()
    const id = await apply(person)
    expect((await amy.get(`/people/${person.crn}/approved-premises/applications`)).statusCode).toBe(403)
    expect((await amy.post(`/approved-premises/applications/${id}/answer`, { answer: 'x' })).statusCode).toBe(403)
    // A practitioner is not the team: no list, no decision, no match.
    expect((await pat.get('/approved-premises/applications')).statusCode).toBe(403)
    expect((await decide(pat, id, { decision: 'accept' })).statusCode).toBe(403)
    expect((await pat.get(`/approved-premises/applications/${id}/match`)).statusCode).toBe(403)
    expect((await amy.get('/approved-premises/applications/999999')).statusCode).toBe(404)
    // An application does not open a record the team is excluded from, nor does the team see people not referred.
    const excluded = await make.sentenced('custodial', { excluding: 'amy.ap' })
    const excludedId = await apply(excluded)
    const refused = await amy.get(`/approved-premises/applications/${excludedId}`)
    expect(refused.statusCode).toBe(403)
    expect(refused.body).not.toContain(excluded.surname)
    expect((await decide(amy, excludedId, { decision: 'accept' })).statusCode).toBe(403)
    const unrelated = await make.sentenced('custodial')
    expect((await amy.get(`/people/${unrelated.crn}`)).statusCode).toBe(403)
  })
})

describe('the API (issue 16 item 6)', () => {
  it('lists the team’s applications by CRN and gives one with its summary and decisions; another provider is refused', async () => {
    const person = await licenceCase()
    const id = await apply(person)
    expect((await decide(amy, id, { decision: 'accept' })).statusCode).toBe(303)
    const api = apiClient(t, await issueTestToken(t, 'amy.ap'))
    const list = await api.get('/api/v1/approved-premises/applications')
    expect(list.statusCode, list.body).toBe(200)
    const listed = (list.json() as { applications: { id: number; crn: string; status: string }[] }).applications
    expect(listed).toContainEqual(expect.objectContaining({ id, crn: person.crn, status: 'accepted' }))
    expect(list.body).not.toContain(person.surname)

    const one = await api.get(`/api/v1/approved-premises/applications/${id}`)
    expect(one.statusCode, one.body).toBe(200)
    const body = one.json() as { status: string; summary: { rosh: { overall: string } }; events: { kind: string }[] }
    expect(body.status).toBe('accepted')
    expect(body.summary.rosh.overall).toBe('High')
    expect(body.events.map(e => e.kind)).toEqual(['submitted', 'accepted'])

    await make.apStaff('cal.crcapi', 'NWCRC')
    const other = apiClient(t, await issueTestToken(t, 'cal.crcapi'))
    expect([403, 404]).toContain((await other.get(`/api/v1/approved-premises/applications/${id}`)).statusCode)
    const otherList = await other.get('/api/v1/approved-premises/applications')
    expect(otherList.statusCode).toBe(200)
    expect(otherList.body).not.toContain(person.crn)
    const pat = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    expect((await pat.get('/api/v1/approved-premises/applications')).statusCode).toBe(403)
  })
})

describe('the team’s list and limited access (finding 14)', () => {
  it('names only the people the user may read, and audits the list with the people it named', async () => {
    const open = await licenceCase()
    const restricted = await make.sentenced('custodial', { restrictedTo: 'pat.practitioner' })
    await apply(open)
    const hiddenId = await apply(restricted)
    const list = await amy.get('/approved-premises/applications')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain(open.surname)
    expect(list.body).not.toContain(restricted.surname)
    expect(list.body).toContain('Restricted record')
    expect((await amy.get(`/approved-premises/applications/${hiddenId}`)).statusCode).toBe(403)
    const rows = await db()
      .selectFrom('audit_events')
      .select('shown_person_ids')
      .where('action', '=', 'AP_APPLICATIONS_LIST_VIEW')
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    // bigint[] arrives as strings from PostgreSQL, numbers from PGlite.
    const shown = (rows[0]!.shown_person_ids ?? []).map(Number)
    expect(shown).toContain(open.personId)
    expect(shown).not.toContain(restricted.personId)
  })
})

describe('withdrawing (the case manager)', () => {
  it('withdraws an application not yet placed with a reason; it leaves the team’s list and their access ends', async () => {
    const person = await licenceCase()
    const id = await apply(person)
    const blank = await pat.post(`/approved-premises/applications/${id}/withdraw`, { withdrawReason: '' })
    expectErrors(blank, ['Enter why the application is withdrawn'])
    expect(await statusOf(id)).toBe('awaiting_assessment')
    // Only the case manager's side withdraws: the team may not.
    expect((await amy.post(`/approved-premises/applications/${id}/withdraw`, { withdrawReason: 'x' })).statusCode).toBe(
      403,
    )

    const done = await pat.post(`/approved-premises/applications/${id}/withdraw`, {
      withdrawReason: 'A place at Northtown Supported Housing was found',
    })
    expect(done.statusCode, done.body.slice(0, 300)).toBe(303)
    expect(await statusOf(id)).toBe('withdrawn')
    const page = await pat.get(`/approved-premises/applications/${id}`)
    expect(page.body).toContain('Withdrawn by the case manager')
    expect(page.body).toContain('A place at Northtown Supported Housing was found')
    expect(page.body).not.toContain('data-qa="withdraw-form"')
    const list = await amy.get('/approved-premises/applications')
    expect(list.body).not.toContain(`/approved-premises/applications/${id}"`)
    expect((await amy.get(`/people/${person.crn}`)).statusCode).toBe(403)
    const events = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('person_id', '=', person.personId)
      .where('event_type', '=', 'ap.application.withdrawn')
      .execute()
    expect(events).toHaveLength(1)
    // A second withdrawal is refused with the reason, nothing changed.
    const again = await pat.post(`/approved-premises/applications/${id}/withdraw`, { withdrawReason: 'Twice' })
    expect(again.statusCode).toBe(400)
  })
})
