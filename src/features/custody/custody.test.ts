import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { findStaffPlacement, insertAppointments } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import * as q from './queries.ts'
import { startAllPostSentenceSupervision, startPostSentenceSupervision } from './index.ts'

/**
 * The custody record, moves, managers and release through the real app, on a fixed Friday (4 December 2026): each
 * test makes its own custodial case (sentenced 60 days ago, 24 months SDS) managed by pat.practitioner.
 */

const TODAY = '2026-12-04'
const clock = fixedClock(`${TODAY}T10:00:00Z`)
const SENTENCED = LocalDate.parse(TODAY).minusDays(60).toString() // 2026-10-05
const ctx = { user: undefined, requestId: 'test', ip: null }

let t: TestApp
let make: Factories
let pat: TestBrowser
let alex: TestBrowser

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  pat = await t.signIn('pat.practitioner')
  alex = await t.signIn('alex.crc')
}, 120_000)
afterAll(() => t.close())

const db = () => t.handle.db
const date = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y }
}
const statusOf = async (personId: number) =>
  (await db().selectFrom('people').select('case_status').where('id', '=', personId).executeTakeFirstOrThrow())
    .case_status
const count = async (table: 'custody_records' | 'custody_locations' | 'custody_manager_changes' | 'custody_releases') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const outbox = (personId: number, type: string) =>
  db()
    .selectFrom('outbox_events')
    .select('payload')
    .where('person_id', '=', personId)
    .where('event_type', '=', type)
    .execute()

const recordForm = (c: MadeSentence, extra: Record<string, string> = {}) => ({
  sentenceId: String(c.sentenceId),
  prisonNumber: 'a1234 bc',
  prisonCode: 'MDI',
  prisonName: 'HMP Moorland',
  ...date('receptionDate', SENTENCED),
  ...extra,
})

async function custodialCase(): Promise<{ c: MadeSentence; recordId: number }> {
  const c = await make.sentenced('custodial')
  const created = await pat.post(`/people/${c.crn}/custody`, recordForm(c))
  expect(created.statusCode, created.body.slice(0, 2000)).toBe(303)
  const { id } = await db()
    .selectFrom('custody_records')
    .select('id')
    .where('sentence_id', '=', c.sentenceId)
    .executeTakeFirstOrThrow()
  return { c, recordId: id }
}

describe('custody record', () => {
  it('creates the record with the reception prison, shows it with the stored key dates and licence period', async () => {
    const { c } = await custodialCase()
    const page = await pat.get(`/people/${c.crn}/custody`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('data-qa="prison-number">A1234BC<')
    expect(page.body).toContain('HMP Moorland (MDI)')
    const stored = await db()
      .selectFrom('sentences')
      .select('key_dates')
      .where('id', '=', c.sentenceId)
      .executeTakeFirstOrThrow()
    const dates = stored.key_dates as Record<string, string>
    expect(dates.SLED).toBeTruthy()
    expect(page.body).toContain('data-qa="key-date-SLED"')
    expect(page.body).toMatch(/data-qa="licence-period">Licence: .*\(CRD\) to .*\(SLED\)/)
    expect(page.body).not.toContain('data-qa="pss-period"')
    const audit = await db()
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('person_id', '=', c.personId)
      .where('action', 'in', ['CUSTODY_VIEW', 'CUSTODY_RECORD_CREATE'])
      .execute()
    expect(audit.map(a => a.action).sort()).toEqual(['CUSTODY_RECORD_CREATE', 'CUSTODY_VIEW'])
  })

  it('refuses bad input field by field and saves nothing', async () => {
    const c = await make.sentenced('custodial')
    const before = [await count('custody_records'), await count('custody_locations')]
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ prisonNumber: '1234ABC' }, 'prisonNumber', /format A1234BC/],
      [{ prisonCode: '' }, 'prisonCode', /Enter the prison code/],
      [date('receptionDate', '2026-10-04'), 'receptionDate-day', /on or after the sentence date/],
      [date('receptionDate', '2026-12-05'), 'receptionDate-day', /today or in the past/],
      [{ sentenceId: '999999' }, 'sentenceId', /current custodial sentence/],
      [{ sentenceId: '' }, 'sentenceId', /Select the custodial sentence/],
    ]
    for (const [extra, field, message] of cases) {
      const res = await pat.post(`/people/${c.crn}/custody`, recordForm(c, extra))
      expect(res.statusCode, field).toBe(400)
      expect(res.body, field).toContain(`href="#${field}"`)
      expect(res.body, field).toMatch(message)
    }
    expect([await count('custody_records'), await count('custody_locations')]).toEqual(before)
    // One record per sentence.
    expect((await pat.post(`/people/${c.crn}/custody`, recordForm(c))).statusCode).toBe(303)
    const again = await pat.post(`/people/${c.crn}/custody`, recordForm(c))
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('already has a custody record')
  })

  it('appends moves (never overwritten, not before reception) and keeps the history of managers and handover', async () => {
    const { c, recordId } = await custodialCase()
    const move = { prisonCode: 'LEI', prisonName: 'HMP Leeds', ...date('movedOn', '2026-11-02') }
    expect((await pat.post(`/people/${c.crn}/custody/${recordId}/moves`, move)).statusCode).toBe(303)
    const early = await pat.post(`/people/${c.crn}/custody/${recordId}/moves`, {
      ...move,
      ...date('movedOn', '2026-10-04'),
    })
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('href="#movedOn-day"')
    const moves = await db()
      .selectFrom('custody_locations')
      .select(['prison_code', 'moved_on'])
      .where('custody_record_id', '=', recordId)
      .orderBy('id')
      .execute()
    expect(moves).toEqual([
      { prison_code: 'MDI', moved_on: SENTENCED },
      { prison_code: 'LEI', moved_on: '2026-11-02' },
    ])

    const staff = await db().selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow()
    const set = (pom: string, handover: string) =>
      pat.post(`/people/${c.crn}/custody/${recordId}/managers`, {
        prisonOffenderManager: pom,
        communityManagerStaffId: String(staff.id),
        ...date('handoverDate', handover),
      })
    expect((await set('Priya Officer', '2027-03-01')).statusCode).toBe(303)
    expect((await set('Sam Keeper', '2027-04-01')).statusCode).toBe(303)
    const bad = await set('Sam Keeper', '2026-10-01')
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('href="#handoverDate-day"')
    const empty = await pat.post(`/people/${c.crn}/custody/${recordId}/managers`, {})
    expect(empty.statusCode, empty.body.slice(0, 3000)).toBe(400)
    const history = await db()
      .selectFrom('custody_manager_changes')
      .select(['prison_offender_manager', 'handover_date'])
      .where('custody_record_id', '=', recordId)
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      { prison_offender_manager: 'Priya Officer', handover_date: '2027-03-01' },
      { prison_offender_manager: 'Sam Keeper', handover_date: '2027-04-01' },
    ])
    const page = (await pat.get(`/people/${c.crn}/custody`)).body
    expect(page).toContain('HMP Leeds (LEI)')
    expect(page).toContain('Sam Keeper')
    expect(page).toContain('Pat Practitioner')
    expect(page).toMatch(/data-qa="manager-history"[\s\S]*Priya Officer/)
    const audits = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('person_id', '=', c.personId)
      .where('action', 'in', ['CUSTODY_MOVE', 'CUSTODY_MANAGERS_SET'])
      .execute()
    expect(audits).toHaveLength(3)
  })

  it('marks a move to open conditions, and records parole hearings and decisions as appended rows with events', async () => {
    const { c, recordId } = await custodialCase()
    const open = {
      prisonCode: 'HEI',
      prisonName: 'HMP Hatfield Lakes',
      openConditions: 'yes',
      ...date('movedOn', '2026-11-20'),
    }
    expect((await pat.post(`/people/${c.crn}/custody/${recordId}/moves`, open)).statusCode).toBe(303)
    const moved = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('person_id', '=', c.personId)
      .where('event_type', '=', 'person.custody.moved')
      .executeTakeFirstOrThrow()
    expect(moved.payload).toMatchObject({ openConditions: true })

    const parole = `/people/${c.crn}/custody/${recordId}/parole-hearings`
    expect((await pat.get(`/people/${c.crn}/custody/${recordId}/parole`)).statusCode).toBe(200)
    expect((await pat.post(parole, { kind: 'oral', ...date('hearingOn', '2027-01-12') })).statusCode).toBe(303)
    const decidedEarly = await pat.post(parole, {
      kind: 'oral',
      decision: 'open_conditions',
      ...date('hearingOn', '2026-11-25'),
      ...date('decidedOn', '2026-11-24'),
    })
    expect(decidedEarly.statusCode).toBe(400)
    expect(decidedEarly.body).toContain('href="#decidedOn-day"')
    const noDate = await pat.post(parole, { kind: 'paper', decision: 'release', ...date('hearingOn', '2026-11-25') })
    expect(noDate.statusCode).toBe(400)
    expect(noDate.body).toContain('Enter the date of the decision')
    const noKind = await pat.post(parole, { ...date('hearingOn', '2026-11-25') })
    expect(noKind.body).toContain('Select an oral hearing or a paper review')
    expect(
      (
        await pat.post(parole, {
          kind: 'paper',
          decision: 'open_conditions',
          ...date('hearingOn', '2026-11-25'),
          ...date('decidedOn', '2026-11-30'),
        })
      ).statusCode,
    ).toBe(303)
    const rows = await db()
      .selectFrom('parole_hearings')
      .select(['hearing_on', 'decision'])
      .where('person_id', '=', c.personId)
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { hearing_on: '2027-01-12', decision: null },
      { hearing_on: '2026-11-25', decision: 'open_conditions' },
    ])
    const events = await db()
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', c.personId)
      .where('event_type', 'like', 'person.parole.%')
      .orderBy('id')
      .execute()
    expect(events.map(e => e.event_type)).toEqual(['person.parole.hearing-listed', 'person.parole.decided'])
    const page = (await pat.get(`/people/${c.crn}/custody`)).body
    expect(page).toContain('Open conditions')
    expect(page).toMatch(/Oral hearing on 12 January 2027: listed/)
    expect(page).toMatch(/Paper review on 25 November 2026: Move to open conditions recommended \(30 November 2026\)/)
  })

  it('says why a short sentence has no post-sentence supervision after the repeal, and shows PSS where a TUSED is stored', async () => {
    const { c } = await custodialCase()
    const setSentence = (length: number, dates: Record<string, string>) =>
      db()
        .updateTable('sentences')
        .set({ length_value: length, length_unit: 'months', key_dates: JSON.stringify(dates) })
        .where('id', '=', c.sentenceId)
        .execute()
    await setSentence(6, { CRD: '2026-12-05', SLED: '2027-04-05' })
    let page = (await pat.get(`/people/${c.crn}/custody`)).body
    expect(page).toMatch(
      /data-qa="no-pss">No post-sentence supervision: .*Sentencing Act 2026 s\.34 \(in force from 8 May 2026\)/,
    )
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    expect((await api.get(`/api/v1/people/${c.crn}/custody`)).json().sentences[0].noPss).toContain('repealed')
    await setSentence(6, { CRD: '2026-12-05', SLED: '2027-04-05', TUSED: '2027-12-05' })
    page = (await pat.get(`/people/${c.crn}/custody`)).body
    expect(page).toContain('data-qa="pss-period"')
    expect(page).not.toContain('data-qa="no-pss"')
    await setSentence(30, { CRD: '2028-01-05', SLED: '2029-04-05' }) // 2½ years: never PSS, nothing to explain
    expect((await pat.get(`/people/${c.crn}/custody`)).body).not.toContain('data-qa="no-pss"')
  })

  it('refuses a user of another provider', async () => {
    const { c } = await custodialCase()
    expect((await alex.get(`/people/${c.crn}/custody`)).statusCode).toBe(403)
    expect((await alex.post(`/people/${c.crn}/release`, date('releaseDate', TODAY))).statusCode).toBe(403)
  })
})

describe('release', () => {
  it('releases on licence: lifecycle, stamp, first appointment next working day, event, caseload and needs attention', async () => {
    const { c, recordId } = await custodialCase()
    // The release-day plan written in custody names the first appointment; the caseload shows it beside the clock.
    await db()
      .insertInto('release_day_plans')
      .values({
        person_id: c.personId,
        sentence_id: c.sentenceId,
        first_night_address: '12 Mill Lane, Northtown',
        met_by: 'His sister',
        travel: 'Train',
        first_appointment_date: '2026-12-07',
        first_appointment_place: 'Northtown probation office',
      })
      .execute()
    const res = await pat.post(`/people/${c.crn}/release`, { ...date('releaseDate', TODAY), releaseType: 'automatic' })
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303)
    expect(await statusOf(c.personId)).toBe('on_licence')
    const record = await db()
      .selectFrom('custody_records')
      .select(['released_on', 'release_type'])
      .where('id', '=', recordId)
      .executeTakeFirstOrThrow()
    expect(record).toEqual({ released_on: TODAY, release_type: 'automatic' })
    // Friday 4 December 2026 → Monday 7 December (rules-and-outcomes.md §3.3 'First appointment (licence)').
    const [event] = await outbox(c.personId, 'person.released')
    expect(event.payload).toMatchObject({ crn: c.crn, releasedOn: TODAY, firstAppointmentDue: '2026-12-07' })
    const page = (await pat.get(`/people/${c.crn}/custody`)).body
    expect(page).toContain('data-qa="first-appointment-due">7 December 2026<')
    const caseloadRow = (html: string) => new RegExp(`data-qa="caseload-row-${c.crn}"[\\s\\S]*?</tr>`).exec(html)?.[0]
    const released = caseloadRow((await pat.get('/caseload')).body)
    expect(released).toContain('data-qa="first-appointment-due">7 December 2026<')
    expect(released).toContain(
      'data-qa="first-appointment-planned">Release-day plan: 7 December 2026, Northtown probation office<',
    )
    const overview = (await pat.get(`/people/${c.crn}`)).body
    expect(overview).toContain('data-qa="attention-first-appointment"')
    expect(overview).toContain('Arrange the first appointment after release, due by 7 December 2026')
    const history = await db()
      .selectFrom('case_status_history')
      .select('status')
      .where('person_id', '=', c.personId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(history.status).toBe('on_licence')
    // Once an appointment is arranged after the release, the first appointment is no longer due anywhere.
    const staff = await db()
      .selectFrom('staff')
      .select(['id', 'team_id'])
      .where('code', '=', 'NWS001')
      .executeTakeFirstOrThrow()
    await insertAppointments(
      db(),
      { personId: c.personId, eventId: c.eventId, staffId: staff.id, teamId: staff.team_id },
      [new Date('2026-12-07T10:00:00Z')],
    )
    const row = caseloadRow((await pat.get('/caseload')).body)
    expect(row).toBeDefined()
    expect(row).not.toContain('first-appointment')
    expect((await pat.get(`/people/${c.crn}`)).body).not.toContain('data-qa="attention-first-appointment"')
    expect((await pat.get(`/people/${c.crn}/custody`)).body).toMatch(/data-qa="first-appointment"[\s\S]*?Arranged/)
    // Released already: a second release is refused on the type, nothing saved.
    const before = await count('custody_releases')
    const again = await pat.post(`/people/${c.crn}/release`, { ...date('releaseDate', TODAY), releaseType: 'parole' })
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('href="#releaseType"')
    expect(await count('custody_releases')).toBe(before)
  })

  it('refuses a release before sentence or reception, in the future, after licence expiry, or without a type; nothing saved', async () => {
    const { c } = await custodialCase()
    await db()
      .updateTable('custody_records')
      .set({ reception_date: '2026-10-10' })
      .where('sentence_id', '=', c.sentenceId)
      .execute()
    const sled = (
      (await db().selectFrom('sentences').select('key_dates').where('id', '=', c.sentenceId).executeTakeFirstOrThrow())
        .key_dates as Record<string, string>
    ).SLED
    const before = await count('custody_releases')
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ ...date('releaseDate', '2026-10-01'), releaseType: 'automatic' }, 'releaseDate-day', /sentence date/],
      [{ ...date('releaseDate', '2026-10-08'), releaseType: 'automatic' }, 'releaseDate-day', /reception date/],
      [{ ...date('releaseDate', '2026-12-05'), releaseType: 'automatic' }, 'releaseDate-day', /today or in the past/],
      [{ ...date('releaseDate', TODAY), releaseType: '' }, 'releaseType', /Select the type of release/],
      [{ ...date('releaseDate', TODAY), releaseType: 're_release' }, 'releaseType', /Only a recalled case/],
      [{ releaseType: 'automatic' }, 'releaseDate-day', /Enter the release date/],
    ]
    for (const [form, field, message] of cases) {
      const res = await pat.post(`/people/${c.crn}/release`, form)
      expect(res.statusCode, field).toBe(400)
      expect(res.body, field).toContain(`href="#${field}"`)
      expect(res.body, field).toMatch(message)
    }
    // After the licence expiry (the key dates say when): moved today's date to the day after it is not possible, so
    // the stored licence end is brought before today instead.
    expect(sled).toBeTruthy()
    await db()
      .updateTable('sentences')
      .set({ key_dates: JSON.stringify({ CRD: '2026-11-01', SLED: '2026-11-30' }) })
      .where('id', '=', c.sentenceId)
      .execute()
    const late = await pat.post(`/people/${c.crn}/release`, {
      ...date('releaseDate', '2026-12-01'),
      releaseType: 'automatic',
    })
    expect(late.statusCode).toBe(400)
    expect(late.body).toContain('licence expiry date (2026-11-30)')
    expect(await count('custody_releases')).toBe(before)
    expect(await statusOf(c.personId)).toBe('in_custody')
  })

  it('refuses a release without a custody record, naming the date', async () => {
    const c = await make.sentenced('custodial')
    const res = await pat.post(`/people/${c.crn}/release`, { ...date('releaseDate', TODAY), releaseType: 'immediate' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('create the custody record first')
  })

  it('re-releases a recalled case (re_released → on licence) and keeps both releases', async () => {
    const { c, recordId } = await custodialCase()
    expect(
      (await pat.post(`/people/${c.crn}/release`, { ...date('releaseDate', '2026-11-02'), releaseType: 'hdc' }))
        .statusCode,
    ).toBe(303)
    await db().updateTable('people').set({ case_status: 'recalled' }).where('id', '=', c.personId).execute()
    const wrong = await pat.post(`/people/${c.crn}/release`, {
      ...date('releaseDate', TODAY),
      releaseType: 'automatic',
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('choose re-release after recall')
    const again = await pat.post(`/people/${c.crn}/release`, {
      ...date('releaseDate', TODAY),
      releaseType: 're_release',
    })
    expect(again.statusCode, again.body.slice(0, 2000)).toBe(303)
    expect(await statusOf(c.personId)).toBe('on_licence')
    const releases = await db()
      .selectFrom('custody_releases')
      .select(['released_on', 'release_type', 'first_appointment_due'])
      .where('custody_record_id', '=', recordId)
      .orderBy('id')
      .execute()
    expect(releases).toEqual([
      { released_on: '2026-11-02', release_type: 'hdc', first_appointment_due: '2026-11-03' },
      { released_on: TODAY, release_type: 're_release', first_appointment_due: '2026-12-07' },
    ])
  })
})

describe('the first appointment after a release', () => {
  it('counts one booked in the first hour of the release day in summer time (23:00 UTC the day before)', async () => {
    const c = await make.sentenced('custodial')
    const staff = await findStaffPlacement(db(), 'NWS001')
    const person = { personId: c.personId, eventId: c.eventId, staffId: staff.id, teamId: staff.team_id }
    await insertAppointments(db(), person, [new Date('2026-06-30T23:30:00Z')]) // 00:30 BST on 1 July
    expect(await q.hasAppointmentSince(db(), c.personId, '2026-07-01')).toBe(true)
    expect(await q.hasAppointmentSince(db(), c.personId, '2026-07-02')).toBe(false)
  })
})

describe('post-sentence supervision start', () => {
  it('moves a case on licence to PSS once the licence has ended and a later TUSED is stored, and no other', async () => {
    const { c } = await custodialCase()
    await db().updateTable('people').set({ case_status: 'on_licence' }).where('id', '=', c.personId).execute()
    const setDates = (dates: Record<string, string>) =>
      db()
        .updateTable('sentences')
        .set({ key_dates: JSON.stringify(dates) })
        .where('id', '=', c.sentenceId)
        .execute()
    const run = (today: string) =>
      db()
        .transaction()
        .execute(trx => startPostSentenceSupervision(trx, ctx, c.personId, LocalDate.parse(today)))

    await setDates({ CRD: '2026-10-20', SLED: '2026-12-01' })
    expect(await run(TODAY)).toEqual({ started: false }) // no TUSED
    await setDates({ CRD: '2026-10-20', LED: '2026-12-04', TUSED: '2027-10-04' })
    expect(await run(TODAY)).toEqual({ started: false }) // the licence runs to the end of its last day
    expect(await statusOf(c.personId)).toBe('on_licence')
    expect(await run('2026-12-05')).toEqual({ started: true })
    expect(await statusOf(c.personId)).toBe('on_pss')
    const [event] = await outbox(c.personId, 'person.pss_started')
    expect(event.payload).toMatchObject({ from: '2026-12-05', to: '2027-10-04' })
    expect(await run('2026-12-06')).toEqual({ started: false }) // already on PSS
  })

  it('is started for every case due by the nightly run, once, leaving cases whose licence runs on', async () => {
    const due = await custodialCase()
    const running = await custodialCase()
    for (const [c, led] of [
      [due.c, '2026-12-01'],
      [running.c, '2027-01-31'],
    ] as const) {
      await db().updateTable('people').set({ case_status: 'on_licence' }).where('id', '=', c.personId).execute()
      await db()
        .updateTable('sentences')
        .set({ key_dates: JSON.stringify({ CRD: '2026-10-20', LED: led, TUSED: '2027-10-04' }) })
        .where('id', '=', c.sentenceId)
        .execute()
    }
    const first = await startAllPostSentenceSupervision(db(), ctx, LocalDate.parse(TODAY), 1)
    expect(first.started).toBeGreaterThanOrEqual(1)
    expect(first.checked).toBeGreaterThanOrEqual(2)
    expect(await statusOf(due.c.personId)).toBe('on_pss')
    expect(await statusOf(running.c.personId)).toBe('on_licence')
    expect(await outbox(due.c.personId, 'person.pss_started')).toHaveLength(1)
    expect((await startAllPostSentenceSupervision(db(), ctx, LocalDate.parse(TODAY))).started).toBe(0)
    expect(await outbox(due.c.personId, 'person.pss_started')).toHaveLength(1)
  })
})

describe('API', () => {
  it('reads the custody record and records a release (idempotent), refusing bad input with the fields', async () => {
    const { c } = await custodialCase()
    const token = await issueTestToken(t, 'pat.practitioner')
    const api = apiClient(t, token)
    const read = await api.get(`/api/v1/people/${c.crn}/custody`)
    expect(read.statusCode, read.body).toBe(200)
    expect(read.json()).toMatchObject({
      crn: c.crn,
      caseStatus: 'in_custody',
      sentences: [{ id: c.sentenceId, record: { prisonNumber: 'A1234BC', prison: { code: 'MDI' } } }],
    })

    const releasesBefore = await count('custody_releases')
    const bad = await api.post(`/api/v1/people/${c.crn}/releases`, {
      releaseDate: '2026-02-30',
      releaseType: 'automatic',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.fields).toEqual([{ field: 'releaseDate', message: expect.stringMatching(/real date/) }])
    const early = await api.post(`/api/v1/people/${c.crn}/releases`, {
      releaseDate: '2026-10-01',
      releaseType: 'automatic',
    })
    expect(early.statusCode).toBe(400)
    expect(early.json().error.fields[0]).toMatchObject({ field: 'releaseDate' })
    expect(await count('custody_releases')).toBe(releasesBefore)
    expect(await statusOf(c.personId)).toBe('in_custody')

    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/people/${c.crn}/releases`,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `release-${c.crn}` },
        payload: { releaseDate: TODAY, releaseType: 'parole' },
      })
    const first = await send()
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toMatchObject({
      releasedOn: TODAY,
      firstAppointmentDue: '2026-12-07',
      caseStatus: 'on_licence',
    })
    const replay = await send()
    expect(replay.statusCode).toBe(201)
    expect(replay.headers['idempotent-replayed']).toBe('true')
    expect(await outbox(c.personId, 'person.released')).toHaveLength(1)

    const doc = (await api.get('/api/v1/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/people/{crn}/custody', '/api/v1/people/{crn}/releases']),
    )
    const other = apiClient(t, await issueTestToken(t, 'alex.crc'))
    expect((await other.get(`/api/v1/people/${c.crn}/custody`)).statusCode).toBe(403)
  })
})
