import { clockFrom } from '../../clock.ts'
import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../../../test/support/pdf-text.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { londonDate, londonInstant } from './time.ts'

// Demo people managed by pat.practitioner's team (Northtown Team A): X100003 (index 2) is given a community order that
// started 60 days ago (a new event, whatever the demo seed recorded); X100006 (index 5) is put back before sentence.
const CRN = 'X100003'
const UNSENTENCED = 'X100006'

let t: TestApp
let pat: TestBrowser
let personId: number
let patStaffId: number
let eventId: number
const today = LocalDate.parse(londonDate(new Date()))
const orderStart = today.minusDays(60)
const orderEnd = today.plusDays(300)

const dateFields = (name: string, d: LocalDate) => ({
  [`${name}-day`]: String(d.dayOfMonth()),
  [`${name}-month`]: String(d.monthValue()),
  [`${name}-year`]: String(d.year()),
})

async function sentence(crn: string) {
  const db = t.handle.db
  const p = await db
    .selectFrom('people')
    .select(['id', 'forename', 'surname'])
    .where('crn', '=', crn)
    .executeTakeFirstOrThrow()
  // A new event of its own, whatever the demo seed has already recorded for this person.
  const last = await db
    .selectFrom('events')
    .select(db.fn.max('event_number').as('n'))
    .where('person_id', '=', p.id)
    .executeTakeFirst()
  const event = await db
    .insertInto('events')
    .values({
      person_id: p.id,
      event_number: Number(last?.n ?? 0) + 1,
      status: 'sentenced',
      conviction_date: orderStart.toString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const s = await db
    .insertInto('sentences')
    .values({
      person_id: p.id,
      event_id: event.id,
      sentence_type: 'community_order',
      sentence_date: orderStart.toString(),
      length_value: 12,
      length_unit: 'months',
      start_date: orderStart.toString(),
      expected_end_date: orderEnd.toString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('requirements')
    .values({
      person_id: p.id,
      sentence_id: s.id,
      category: 'rehabilitation_activity',
      length: 20,
      unit: 'days',
      start_date: orderStart.toString(),
      expected_end_date: orderEnd.toString(),
    })
    .execute()
  await db.updateTable('people').set({ case_status: 'allocated' }).where('id', '=', p.id).execute()
  return { personId: p.id, eventId: event.id }
}

/** Inserts a past appointment directly (as if arranged weeks ago), returning its id. */
async function pastAppointment(daysAgo: number, hour = 10, type = 'OFFICE') {
  const starts = londonInstant(today.minusDays(daysAgo), hour, 0)
  return (
    await t.handle.db
      .insertInto('contacts')
      .values({
        person_id: personId,
        event_id: eventId,
        contact_type: type,
        is_appointment: true,
        starts_at: starts,
        ends_at: new Date(starts.getTime() + 3600_000),
        staff_id: patStaffId,
        location: 'Northtown office',
        national_standard: type !== 'THREE_WAY',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

const arrangeForm = (first: LocalDate, extra: Record<string, string> = {}) => ({
  type: 'OFFICE',
  link: `event:${eventId}`,
  staffId: String(patStaffId),
  location: 'Northtown probation office, room 2',
  ...dateFields('date', first),
  time: '10:00',
  duration: '60',
  repeat: 'none',
  notes: '',
  ...extra,
})

beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
  ;({ personId, eventId } = await sentence(CRN))
  // Whatever the seed says, this person's case is before sentence.
  await t.handle.db.updateTable('people').set({ case_status: 'pre_sentence' }).where('crn', '=', UNSENTENCED).execute()
  patStaffId = (
    await t.handle.db.selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow()
  ).id
})
afterAll(() => t.close())

const appointments = () =>
  t.handle.db
    .selectFrom('contacts')
    .select(['id', 'starts_at', 'series_id', 'outcome', 'version', 'location'])
    .where('person_id', '=', personId)
    .where('is_appointment', '=', true)
    .orderBy('starts_at')
    .execute()

describe('arranging appointments', () => {
  it('refuses a person who has not been sentenced, with the reason, and saves nothing', async () => {
    const page = await pat.get(`/people/${UNSENTENCED}/appointments/new`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('has not been sentenced')
    const response = await pat.post(`/people/${UNSENTENCED}/appointments`, {
      ...arrangeForm(today.plusDays(3)),
      link: '',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toMatch(/has not been sentenced/)
    const p = await t.handle.db
      .selectFrom('people')
      .select('id')
      .where('crn', '=', UNSENTENCED)
      .executeTakeFirstOrThrow()
    const rows = await t.handle.db.selectFrom('contacts').select('id').where('person_id', '=', p.id).execute()
    expect(rows).toEqual([])
  })

  it('accepts the induction link from allocation, with the type and date filled in', async () => {
    const date = today.plusDays(4)
    const page = await pat.get(`/people/${CRN}/appointments/new?type=induction&date=${date}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/value="IND" checked/)
    expect(page.body).toMatch(new RegExp(`id="date-day" name="date-day" type="text" value="${date.dayOfMonth()}"`))
  })

  it('creates a weekly series on the right dates with one series id, and an appointment letter naming the person, date and place', async () => {
    const first = today.plusDays(7)
    const response = await pat.post(
      `/people/${CRN}/appointments`,
      arrangeForm(first, { repeat: 'weekly', occurrences: '4' }),
    )
    expect(response.statusCode).toBe(303)
    const rows = await appointments()
    expect(rows.map(r => londonDate(r.starts_at))).toEqual([0, 7, 14, 21].map(n => first.plusDays(n).toString()))
    expect(new Set(rows.map(r => r.series_id)).size).toBe(1)
    expect(rows[0].series_id).not.toBeNull()
    const list = await pat.get(response.headers.location as string)
    expect(list.body).toContain('Appointments arranged')
    expect(list.body.match(/data-qa="appointment-row"/g)).toHaveLength(4)
    const events = await t.handle.db
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', personId)
      .where('event_type', '=', 'appointment.arranged')
      .execute()
    expect(events).toHaveLength(4)

    const doc = await t.handle.db
      .selectFrom('documents')
      .select(['id', 'kind'])
      .where('person_id', '=', personId)
      .where('kind', '=', 'appointment_letter')
      .executeTakeFirstOrThrow()
    const pdf = await pat.get(`/people/${CRN}/documents/${doc.id}`)
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const text = await pdfText(pdf.rawPayload)
    expect(text).toContain(await personName())
    expect(text).toContain(formatLong(first))
    expect(text).toContain('Northtown probation office, room 2')
    expect(text).toContain('10am')
  })

  it('refuses a clash with another appointment of the same person', async () => {
    const response = await pat.post(`/people/${CRN}/appointments`, arrangeForm(today.plusDays(14), { time: '10:30' }))
    expect(response.statusCode).toBe(400)
    expect(response.body).toMatch(/already has an appointment at 10am/)
    expect(await appointments()).toHaveLength(4)
  })

  it('refuses a date outside the order’s dates', async () => {
    const after = await pat.post(`/people/${CRN}/appointments`, arrangeForm(orderEnd.plusDays(1)))
    expect(after.statusCode).toBe(400)
    expect(after.body).toContain('after the order ends on')
    const before = await pat.post(`/people/${CRN}/appointments`, arrangeForm(orderStart.minusDays(1)))
    expect(before.statusCode).toBe(400)
    expect(before.body).toContain('before the order starts on')
    // A weekly series that would run past the end is refused whole.
    const series = await pat.post(
      `/people/${CRN}/appointments`,
      arrangeForm(orderEnd.minusDays(7), { repeat: 'weekly', occurrences: '3' }),
    )
    expect(series.statusCode).toBe(400)
    expect(await appointments()).toHaveLength(4)
  })

  it('reschedules keeping the original, who asked and why', async () => {
    const [original] = await appointments()
    const newDate = today.plusDays(8)
    const response = await pat.post(`/people/${CRN}/appointments/${original.id}/reschedule`, {
      ...dateFields('date', newDate),
      time: '14:00',
      duration: '60',
      staffId: String(patStaffId),
      location: 'Easton office',
      requestedBy: 'person',
      reason: 'Job interview that morning',
      version: String(original.version),
    })
    expect(response.statusCode).toBe(303)
    const old = await t.handle.db
      .selectFrom('contacts')
      .select(['outcome', 'starts_at'])
      .where('id', '=', original.id)
      .executeTakeFirstOrThrow()
    expect(old.outcome).toBe('rescheduled_person')
    expect(old.starts_at).toEqual(original.starts_at)
    const move = await t.handle.db
      .selectFrom('appointment_reschedules')
      .selectAll()
      .where('original_contact_id', '=', original.id)
      .executeTakeFirstOrThrow()
    expect(move).toMatchObject({ requested_by: 'person', reason: 'Job interview that morning' })
    const page = await pat.get(`/people/${CRN}/appointments/${move.new_contact_id}`)
    expect(page.body).toContain('Job interview that morning')
  })
})

async function personName() {
  const p = await t.handle.db
    .selectFrom('people')
    .select(['forename', 'surname'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  return `${p.forename} ${p.surname}`
}
function formatLong(d: LocalDate) {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${d}T00:00:00Z`),
  )
}

describe('outcomes', () => {
  it('refuses an outcome for an appointment that has not happened yet', async () => {
    const future = (await appointments()).find(a => a.starts_at > new Date() && a.outcome === null)!
    const response = await pat.post(`/people/${CRN}/appointments/${future.id}/outcome`, {
      outcome: 'attended_complied',
      version: String(future.version),
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('before the appointment has happened')
    const after = await t.handle.db
      .selectFrom('contacts')
      .select('outcome')
      .where('id', '=', future.id)
      .executeTakeFirstOrThrow()
    expect(after.outcome).toBeNull()
  })

  it('records an outcome in one submission from the appointment page, and a correction keeps the original', async () => {
    const id = await pastAppointment(30, 9, 'THREE_WAY')
    const page = await pat.get(`/people/${CRN}/appointments/${id}`)
    expect(page.body).toContain('data-qa="outcome-form"')
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]
    // The one form submission:
    const saved = await pat.post(`/people/${CRN}/appointments/${id}/outcome`, {
      outcome: 'acceptable_absence',
      reason: 'medical',
      notes: 'GP letter seen.\n'.repeat(500),
      version,
    })
    expect(saved.statusCode).toBe(303)
    const confirmation = await pat.get(saved.headers.location as string)
    expect(confirmation.body).toContain('Outcome recorded')
    expect(confirmation.body).toContain('Acceptable absence (Medical)')

    const v2 = /name="version" value="(\d+)"/.exec(confirmation.body)![1]
    const corrected = await pat.post(`/people/${CRN}/appointments/${id}/outcome`, {
      outcome: 'attended_complied',
      notes: 'Actually attended late.',
      version: v2,
    })
    expect(corrected.statusCode).toBe(303)
    const history = await t.handle.db
      .selectFrom('contact_outcomes')
      .select(['outcome', 'absence_reason', 'replaces_id'])
      .where('contact_id', '=', id)
      .orderBy('id')
      .execute()
    expect(history.map(h => h.outcome)).toEqual(['acceptable_absence', 'attended_complied'])
    expect(history[0].absence_reason).toBe('medical')
    expect(history[1].replaces_id).not.toBeNull()
    const contact = await t.handle.db
      .selectFrom('contacts')
      .select(['outcome', 'notes'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(contact.outcome).toBe('attended_complied')
    // Notes are appended, never overwritten.
    expect(contact.notes).toContain('GP letter seen.')
    expect(contact.notes).toContain('Actually attended late.')
    const shown = await pat.get(`/people/${CRN}/appointments/${id}`)
    expect(shown.body).toMatch(
      /data-qa="outcome-history"[\s\S]*Acceptable absence \(Medical\)[\s\S]*Attended – complied/,
    )
  })

  it('detects a second outcome recorded concurrently (409), never merging it', async () => {
    const id = await pastAppointment(29, 9, 'THREE_WAY')
    const page = await pat.get(`/people/${CRN}/appointments/${id}`)
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]
    const sam = await t.signIn('sam.senior')
    const first = await pat.post(`/people/${CRN}/appointments/${id}/outcome`, { outcome: 'attended_complied', version })
    const second = await sam.post(`/people/${CRN}/appointments/${id}/outcome`, {
      outcome: 'unacceptable_absence',
      version,
    })
    expect(first.statusCode).toBe(303)
    expect(second.statusCode).toBe(409)
    const contact = await t.handle.db
      .selectFrom('contacts')
      .select('outcome')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(contact.outcome).toBe('attended_complied')
    const history = await t.handle.db.selectFrom('contact_outcomes').select('id').where('contact_id', '=', id).execute()
    expect(history).toHaveLength(1)
  })
})

describe('the activity log', () => {
  beforeAll(async () => {
    for (const [type, notes] of [
      ['PHONE', 'Rang about housing: 100% sure_thing he will move'],
      ['MAPPA', 'MAPPA level 2 meeting; police attended'],
      ['EMAIL', "Sent the O'Brien referral form"],
    ]) {
      const r = await pat.post(`/people/${CRN}/activity`, {
        type,
        ...dateFields('date', today.minusDays(2)),
        time: '11:00',
        notes,
      })
      expect(r.statusCode).toBe(303)
    }
  })

  const ids = (html: string) =>
    [...html.matchAll(/data-qa="activity-row" data-id="(\d+)" data-category="([a-z-]+)"/g)].map(m => m[2])

  it('filters by category, national standard and system-generated, and audits every view', async () => {
    const all = await pat.get(`/people/${CRN}/activity`)
    expect(all.statusCode).toBe(200)
    const pp = await pat.get(`/people/${CRN}/activity?category=public-protection`)
    expect(ids(pp.body)).toEqual(['public-protection'])
    const ns = await pat.get(`/people/${CRN}/activity?ns=yes`)
    expect(ns.body).not.toContain('MAPPA level 2')
    expect(ids(ns.body).length).toBeGreaterThan(0)
    const system = await pat.get(`/people/${CRN}/activity?system=yes`)
    expect(system.body).toContain('Appointment letter produced')
    expect(system.body).not.toContain('MAPPA level 2')
    const outcome = await pat.get(`/people/${CRN}/activity?outcome=rescheduled_person`)
    expect(ids(outcome.body)).toHaveLength(1)
    const range = await pat.get(
      `/people/${CRN}/activity?${new URLSearchParams({ ...dateFields('from', today.minusDays(2)), ...dateFields('to', today.minusDays(2)) })}`,
    )
    expect(ids(range.body)).toHaveLength(3)
    const views = await t.handle.db
      .selectFrom('audit_events')
      .select('detail')
      .where('person_id', '=', personId)
      .where('action', '=', 'SUPERVISION_VIEW')
      .execute()
    expect(views.filter(v => JSON.stringify(v.detail).includes('activity')).length).toBeGreaterThanOrEqual(5)
  })

  it('searches the notes literally: SQL and LIKE metacharacters are harmless', async () => {
    const percent = await pat.get(`/people/${CRN}/activity?q=${encodeURIComponent('100%')}`)
    expect(ids(percent.body)).toEqual(['communication'])
    const underscore = await pat.get(`/people/${CRN}/activity?q=${encodeURIComponent('e_t')}`)
    expect(ids(underscore.body)).toEqual(['communication'])
    expect(underscore.body).toContain('sure_thing')
    const quote = await pat.get(`/people/${CRN}/activity?q=${encodeURIComponent("o'brien")}`)
    expect(ids(quote.body)).toEqual(['communication'])
    const injection = await pat.get(`/people/${CRN}/activity?q=${encodeURIComponent("'; drop table contacts; --")}`)
    expect(injection.statusCode).toBe(200)
    expect(ids(injection.body)).toEqual([])
    const wildcard = await pat.get(`/people/${CRN}/activity?q=${encodeURIComponent('%')}`)
    expect(ids(wildcard.body)).toEqual(['communication'])
    expect(
      await t.handle.db.selectFrom('contacts').select('id').where('person_id', '=', personId).execute(),
    ).not.toHaveLength(0)
  })
  it('shows the log 50 entries a page, newest first, with GOV.UK pagination that keeps the filters', async () => {
    const base = new Date('2024-01-01T10:00:00Z').getTime()
    await t.handle.db
      .insertInto('contacts')
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          person_id: personId,
          contact_type: 'PHONE',
          starts_at: new Date(base + i * 86_400_000),
          notes: `Paging call ${i}`,
        })),
      )
      .execute()
    const total = (
      await t.handle.db
        .selectFrom('contacts')
        .select('id')
        .where('person_id', '=', personId)
        .where('deleted_at', 'is', null)
        .execute()
    ).length
    const first = await pat.get(`/people/${CRN}/activity`)
    expect(ids(first.body)).toHaveLength(50)
    expect(first.body).toContain('data-qa="activity-pagination"')
    expect(first.body).toContain('page=2')
    const filtered = await pat.get(`/people/${CRN}/activity?q=Paging`)
    expect(ids(filtered.body)).toHaveLength(50)
    expect(filtered.body).toContain('Paging call 59')
    const second = await pat.get(`/people/${CRN}/activity?q=Paging&page=2`)
    expect(ids(second.body)).toHaveLength(10)
    expect(second.body).toContain('Paging call 0')
    expect(second.body).not.toContain('Paging call 59')
    expect(second.body).toContain('q=Paging&amp;page=1')
    const last = await pat.get(`/people/${CRN}/activity?page=${Math.ceil(total / 50)}`)
    expect(ids(last.body)).toHaveLength(total - 50 * (Math.ceil(total / 50) - 1))
  })
})

describe('enforcement', () => {
  it('an unacceptable absence produces a warning letter and the 7-day clock; a second within 12 months opens a breach with its deadlines', async () => {
    const first = await pastAppointment(7, 8)
    const page = await pat.get(`/people/${CRN}/appointments/${first}`)
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]
    const r1 = await pat.post(`/people/${CRN}/appointments/${first}/outcome`, {
      outcome: 'unacceptable_absence',
      notes: 'No contact, no reply to calls.',
      version,
    })
    expect(r1.statusCode).toBe(303)
    const actions1 = await t.handle.db
      .selectFrom('enforcement_actions')
      .select(['action_type', 'due_date', 'document_id', 'status'])
      .where('contact_id', '=', first)
      .orderBy('id')
      .execute()
    expect(actions1.map(a => a.action_type)).toEqual(['warning_letter', 'explanation_window'])
    expect(actions1.every(a => a.due_date !== null && a.status === 'open')).toBe(true)
    const letter = await t.handle.db
      .selectFrom('documents')
      .select(['id', 'bytes'])
      .where('id', '=', actions1[0].document_id!)
      .executeTakeFirstOrThrow()
    const text = await pdfText(letter.bytes)
    expect(text).toContain(await personName())
    expect(text).toContain('unacceptable')
    expect(text).toMatch(/12 months/)
    const shown = await pat.get(`/people/${CRN}/enforcement`)
    expect(shown.body).toContain('Their 7 days to explain')
    expect(shown.body).toContain('Send the warning letter')

    // The second failure happens after the warning (today): a breach.
    const second = await pastAppointment(0, 0)
    const page2 = await pat.get(`/people/${CRN}/appointments/${second}`)
    const v2 = /name="version" value="(\d+)"/.exec(page2.body)![1]
    const r2 = await pat.post(`/people/${CRN}/appointments/${second}/outcome`, {
      outcome: 'unacceptable_absence',
      version: v2,
    })
    expect(r2.statusCode).toBe(303)
    const breach = await t.handle.db
      .selectFrom('breaches')
      .select(['id', 'kind', 'status'])
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow()
    expect(breach).toMatchObject({ kind: 'breach', status: 'initiated' })
    const actions2 = await t.handle.db
      .selectFrom('enforcement_actions')
      .select(['action_type', 'due_date', 'breach_id'])
      .where('contact_id', '=', second)
      .orderBy('id')
      .execute()
    expect(actions2.map(a => a.action_type)).toEqual([
      'breach_letter',
      'explanation_window',
      'breach_pack',
      'court_hearing',
    ])
    expect(actions2.find(a => a.action_type === 'breach_pack')!.due_date).not.toBeNull()
    expect(actions2.every(a => a.breach_id === breach.id)).toBe(true)
    const outbox = await t.handle.db
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', personId)
      .execute()
    expect(outbox.map(o => o.event_type)).toEqual(
      expect.arrayContaining(['breach.initiated', 'enforcement.action-created', 'appointment.outcome-recorded']),
    )
    const enforcementPage = await pat.get(`/people/${CRN}/enforcement`)
    expect(enforcementPage.body).toContain('Breach initiated')
    expect(enforcementPage.body).toContain('Prepare the breach pack for court')

    // The senior's team view (built on the service's query) sees both.
    const sam = await t.signIn('sam.senior')
    void sam
  })

  it('moves a breach through the court process, refusing a step the process does not allow', async () => {
    const breach = await t.handle.db
      .selectFrom('breaches')
      .select(['id', 'version'])
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow()
    const wrong = await pat.post(`/people/${CRN}/enforcement/breaches/${breach.id}`, {
      status: 'closed',
      version: String(breach.version),
    })
    expect(wrong.statusCode).toBe(400)
    const ok = await pat.post(`/people/${CRN}/enforcement/breaches/${breach.id}`, {
      status: 'pack_submitted',
      version: String(breach.version),
    })
    expect(ok.statusCode).toBe(303)
    const history = await t.handle.db
      .selectFrom('breach_status_history')
      .select('status')
      .where('breach_id', '=', breach.id)
      .orderBy('id')
      .execute()
    expect(history.map(h => h.status)).toEqual(['initiated', 'pack_submitted'])
  })
})

describe('recall tracking', () => {
  it('follows the recall process: a recommendation is recorded, a step out of order is refused', async () => {
    const db = t.handle.db
    const id = (
      await db
        .insertInto('breaches')
        .values({
          person_id: personId,
          event_id: eventId,
          kind: 'recall',
          status: 'considered',
          initiated_date: today.toString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await db
      .insertInto('breach_status_history')
      .values({ person_id: personId, breach_id: id, status: 'considered', status_date: today.toString() })
      .execute()
    const page = await pat.get(`/people/${CRN}/enforcement`)
    expect(page.body).toContain('Recall being considered with the senior')
    const skip = await pat.post(`/people/${CRN}/enforcement/breaches/${id}`, { status: 'recalled', version: '1' })
    expect(skip.statusCode).toBe(400)
    const ok = await pat.post(`/people/${CRN}/enforcement/breaches/${id}`, {
      status: 'recommended',
      decision: 'recall',
      version: '1',
    })
    expect(ok.statusCode).toBe(303)
    const stale = await pat.post(`/people/${CRN}/enforcement/breaches/${id}`, {
      status: 'recall_decided',
      decision: 'standard',
      version: '1',
    })
    expect(stale.statusCode).toBe(409)
    const row = await db
      .selectFrom('breaches')
      .select(['status', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'recommended', version: 2 })
  })
})

describe('the team view query', () => {
  it('lists open enforcement actions and breaches of a team’s cases, leaving out people the user may not see, and audits each person shown', async () => {
    const db = t.handle.db
    const { createSupervisionService } = await import('./service.ts')
    const service = createSupervisionService({ db, clock: clockFrom(() => new Date()), config: t.config })
    const teamA = (await db.selectFrom('teams').select('id').where('code', '=', 'PS-NW-N-A').executeTakeFirstOrThrow())
      .id
    // X100005 (index 4) is in team A but excluded from pat.practitioner.
    const excluded = (await db.selectFrom('people').select('id').where('crn', '=', 'X100005').executeTakeFirstOrThrow())
      .id
    await db
      .insertInto('enforcement_actions')
      .values({ person_id: excluded, action_type: 'warning_letter', due_date: today.toString() })
      .execute()
    const user = async (username: string) => {
      const u = await db
        .selectFrom('users')
        .leftJoin('staff', 'staff.id', 'users.staff_id')
        .select([
          'users.id',
          'users.username',
          'users.display_name',
          'users.roles',
          'users.staff_id',
          'staff.provider_id',
          'staff.team_id',
        ])
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
      return {
        user: {
          id: u.id,
          username: u.username,
          displayName: u.display_name,
          roles: u.roles as never,
          staffId: u.staff_id,
          providerId: u.provider_id,
          teamId: u.team_id,
          via: 'session' as const,
        },
        requestId: 'test',
        ip: null,
      }
    }
    const forSam = await service.teamEnforcement(await user('sam.senior'), teamA)
    expect(forSam.actions.map(a => a.crn)).toEqual(expect.arrayContaining([CRN, 'X100005']))
    expect(forSam.breaches.map(b => `${b.crn} ${b.kind}`)).toEqual([`${CRN} breach`, `${CRN} recall`])
    expect(forSam.actions.every(a => a.status === 'open')).toBe(true)
    const forPat = await service.teamEnforcement(await user('pat.practitioner'), teamA)
    expect(forPat.actions.map(a => a.crn)).toContain(CRN)
    expect(forPat.actions.map(a => a.crn)).not.toContain('X100005')
    const audited = await db
      .selectFrom('audit_events')
      .select('person_id')
      .where('action', '=', 'SUPERVISION_VIEW')
      .where('request_id', '=', 'test')
      .execute()
    expect(audited.map(a => a.person_id)).toContain(personId)
  })
})
