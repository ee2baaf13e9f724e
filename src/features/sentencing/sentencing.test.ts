import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPerson } from '../people/queries.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { applyCaseStatusChange, loadSentenceSummary, maySupervisionAppointmentsBeBooked } from './service.ts'

/**
 * Events, sentences, key dates, termination and the case lifecycle through the real app (demo region, seed/demo.ts).
 * Each test works on a fresh person managed by Pat's team (Probation Service, Northtown Team A), so tests do not
 * depend on each other; X100002 is a demo person of Pat's, which alex.crc (contracted provider) may not see.
 */

let t: TestApp
let pat: TestBrowser
let alex: TestBrowser
const ctx = { user: undefined, requestId: 'test', ip: null }

beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
  alex = await t.signIn('alex.crc')
}, 120_000)
afterAll(() => t.close())

let serial = 0
async function newPerson(): Promise<{ id: number; crn: string }> {
  const db = t.handle.db
  const team = await db.selectFrom('teams').select(['id']).where('code', '=', 'PS-NW-N-A').executeTakeFirstOrThrow()
  const provider = await db.selectFrom('providers').select('id').where('code', '=', 'PS').executeTakeFirstOrThrow()
  serial++
  return insertPerson(
    db,
    {
      forename: 'Testy',
      surname: `Sentenced${'abcdefghij'[serial % 10]}`,
      date_of_birth: '1990-05-05',
      gender: 'male',
      managing_provider_id: provider.id,
      managing_team_id: team.id,
    },
    'T',
  )
}

const date = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${prefix}-day`]: String(Number(d)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y }
}
const newConviction = (code = '11800', offenceDate = '2026-01-05') => ({
  eventNumber: 'new',
  courtCode: 'NTMC',
  ...date('convictionDate', '2026-02-02'),
  mainOffenceCode: code,
  ...date('mainOffenceDate', offenceDate),
})
const communityOrder = (extra: Record<string, string> = {}) => ({
  ...newConviction(),
  type: 'community_order',
  ...date('sentenceDate', '2026-03-02'),
  lengthValue: '12',
  lengthUnit: 'months',
  'req-unpaid_work': '100',
  'req-rehabilitation_activity': '20',
  ...extra,
})
const custodial = (months: string, extra: Record<string, string> = {}) => ({
  ...newConviction(),
  type: 'custodial',
  ...date('sentenceDate', '2026-03-02'),
  lengthValue: months,
  lengthUnit: 'months',
  custodialType: 'SDS',
  remandDays: '0',
  taggedBailDays: '0',
  ...extra,
})

async function counts(personId: number) {
  const db = t.handle.db
  const n = async (
    table: 'events' | 'sentences' | 'requirements' | 'offences' | 'case_status_history' | 'outbox_events',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(eb => eb.fn.countAll().as('n'))
          .where('person_id', '=', personId)
          .executeTakeFirstOrThrow()
      ).n,
    )
  return {
    events: await n('events'),
    offences: await n('offences'),
    sentences: await n('sentences'),
    requirements: await n('requirements'),
    history: await n('case_status_history'),
    outbox: await n('outbox_events'),
  }
}
const statusOf = async (personId: number) =>
  (await t.handle.db.selectFrom('people').select('case_status').where('id', '=', personId).executeTakeFirstOrThrow())
    .case_status
const keyDatesOf = async (sentenceId: number) =>
  (await t.handle.db.selectFrom('sentences').select('key_dates').where('id', '=', sentenceId).executeTakeFirstOrThrow())
    .key_dates as Record<string, string>
const sentenceIds = async (personId: number) =>
  (
    await t.handle.db.selectFrom('sentences').select('id').where('person_id', '=', personId).orderBy('id').execute()
  ).map(r => r.id)

describe('recording a community order', () => {
  it('records 100 hours of unpaid work and 20 RAR days, shows them on the record, moves the case to awaiting allocation and writes person.sentenced', async () => {
    const p = await newPerson()
    const before = await maySupervisionAppointmentsBeBooked(t.handle.db, p.id, '2026-03-01')
    const { surname } = await t.handle.db
      .selectFrom('people')
      .select('surname')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(before).toEqual({
      allowed: false,
      reason: `Testy ${surname} has not been sentenced: there is no community order, suspended sentence order or licence to supervise`,
    })

    const response = await pat.post(`/people/${p.crn}/sentences`, communityOrder())
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303)
    expect(response.headers.location).toBe(`/people/${p.crn}/sentences?done=sentence`)

    const page = await pat.get(response.headers.location as string)
    expect(page.statusCode).toBe(200)
    const html = page.body
    expect(html).toContain('Sentence recorded')
    expect(html).toMatch(/Community order \(12 months\) – event 1/)
    expect(html).toMatch(
      /data-qa="requirement-unpaid_work"[\s\S]*?Unpaid work[\s\S]*?data-qa="requirement-length">100 hours</,
    )
    expect(html).toMatch(
      /data-qa="requirement-rehabilitation_activity"[\s\S]*?Rehabilitation activity requirement \(RAR\)[\s\S]*?data-qa="requirement-length">20 days</,
    )
    expect(html).toMatch(/data-qa="case-status">Sentenced, awaiting allocation</)
    expect(html).toContain('11800 – Theft (non-motor)')
    expect(html).toContain('href="/people/' + p.crn + '/sentences"')

    const status = await statusOf(p.id)
    expect(status).toBe('awaiting_allocation')
    const history = await t.handle.db
      .selectFrom('case_status_history')
      .select(['status', 'reason'])
      .where('person_id', '=', p.id)
      .execute()
    expect(history).toEqual([{ status: 'awaiting_allocation', reason: 'Community order recorded on event 1' }])

    const outbox = await t.handle.db
      .selectFrom('outbox_events')
      .select(['event_type', 'payload'])
      .where('person_id', '=', p.id)
      .execute()
    expect(outbox.map(o => o.event_type)).toEqual(['person.sentenced'])
    expect(outbox[0].payload).toMatchObject({
      crn: p.crn,
      eventNumber: 1,
      eventId: expect.any(Number),
      sentenceType: 'community_order',
      sentenceDate: '2026-03-02',
    })

    const summary = await loadSentenceSummary(t.handle.db, p.id, '2026-03-02')
    expect(summary.caseStatus).toBe('awaiting_allocation')
    expect(summary.latest).toMatchObject({
      type: 'community_order',
      sentenceDate: '2026-03-02',
      expectedEndDate: '2027-03-01',
      requirements: [
        { type: 'unpaid_work', length: 100, unit: 'hours' },
        { type: 'rehabilitation_activity', length: 20, unit: 'days' },
      ],
    })
    expect(await maySupervisionAppointmentsBeBooked(t.handle.db, p.id, '2026-03-02')).toEqual({ allowed: true })
  })

  it('shows the new conviction fields without a conditional reveal (its aria-expanded radio fails the accessibility check)', async () => {
    const p = await newPerson()
    const page = await pat.get(`/people/${p.crn}/sentences/new`)
    expect(page.statusCode).toBe(200)
    const form = /<form[^>]*data-qa="sentence-form"[\s\S]*?<\/form>/.exec(page.body)?.[0] ?? ''
    expect(form).toContain('name="eventNumber"')
    expect(form).not.toContain('aria-controls')
    expect(form).not.toContain('govuk-radios__conditional')
    expect(form).toMatch(/data-qa="new-conviction"[\s\S]*?id="mainOffenceCode"/)
  })

  it('refuses a sentence without an offence (400) and saves nothing', async () => {
    const p = await newPerson()
    const before = await counts(p.id)
    const response = await pat.post(`/people/${p.crn}/sentences`, communityOrder({ mainOffenceCode: '' }))
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('There is a problem')
    expect(response.body).toContain('Enter the main offence code: a sentence must be for an offence')
    expect(response.body).toContain('href="#mainOffenceCode"')
    expect(await counts(p.id)).toEqual(before)
    expect(await statusOf(p.id)).toBe('pre_sentence')
  })

  it('refuses unpaid work over 300 hours and a group offence code, field by field, and saves nothing', async () => {
    const p = await newPerson()
    const before = await counts(p.id)
    const response = await pat.post(
      `/people/${p.crn}/sentences`,
      communityOrder({ 'req-unpaid_work': '301', mainOffenceCode: '08800', lengthValue: '37' }),
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toMatch(/Enter the exact offence code: 08800 is a group of offences/)
    expect(response.body).toMatch(
      /The community order must be no more than 3 years \(Sentencing Code s\.209\); 37 months is too long/,
    )
    expect(await counts(p.id)).toEqual(before)

    const upw = await pat.post(`/people/${p.crn}/sentences`, communityOrder({ 'req-unpaid_work': '301' }))
    expect(upw.statusCode).toBe(400)
    expect(upw.body).toMatch(
      /Unpaid work must be between 40 and 300 hours \(Sentencing Code Sch 9 Part 1\); 301 is outside/,
    )
    expect(upw.body).toContain('href="#req-unpaid_work"')
    expect(await counts(p.id)).toEqual(before)
  })
})

describe('custodial sentences and their key dates', () => {
  it('shows key dates with explanations and recalculates them when a consecutive sentence is added, amended or terminated', async () => {
    const p = await newPerson()
    const first = await pat.post(`/people/${p.crn}/sentences`, custodial('12'))
    expect(first.statusCode, first.body.slice(0, 3000)).toBe(303)
    const [s1] = await sentenceIds(p.id)
    const alone = await keyDatesOf(s1)
    expect(alone.SLED).toBe('2027-03-01')
    expect(await statusOf(p.id)).toBe('in_custody')

    let page = (await pat.get(`/people/${p.crn}/sentences`)).body
    expect(page).toMatch(/data-qa="key-date-CRD"[\s\S]*?data-qa="key-date-explanation">CRD: [^<]+</)
    expect(page).toMatch(/data-qa="key-date-SLED"[\s\S]*?1 March 2027/)
    expect(page).toMatch(/data-qa="case-status">In custody</)

    // A second custodial sentence, consecutive to the first: both now carry the booking's dates.
    const second = await pat.post(
      `/people/${p.crn}/sentences`,
      custodial('6', { consecutiveTo: '1', mainOffenceCode: '10400' }),
    )
    expect(second.statusCode, second.body.slice(0, 3000)).toBe(303)
    const [, s2] = await sentenceIds(p.id)
    const chained = await keyDatesOf(s1)
    expect(chained.SLED).toBe('2027-09-01')
    expect(chained.CRD > alone.CRD).toBe(true)
    expect(await keyDatesOf(s2)).toEqual(chained)
    const booking = (
      await t.handle.db
        .selectFrom('sentences')
        .select('custodial_booking')
        .where('id', '=', s1)
        .executeTakeFirstOrThrow()
    ).custodial_booking as {
      sentences: { ref: string; consecutiveTo: string | null }[]
    }
    expect(booking.sentences).toEqual([
      expect.objectContaining({ ref: String(s1), consecutiveTo: null }),
      expect.objectContaining({ ref: String(s2), consecutiveTo: String(s1) }),
    ])
    page = (await pat.get(`/people/${p.crn}/sentences`)).body
    expect(page).toContain('Consecutive to the sentence on event 1')

    // Amending the first (30 days remand) moves every date back by 30 days.
    const version = (
      await t.handle.db.selectFrom('sentences').select('version').where('id', '=', s1).executeTakeFirstOrThrow()
    ).version
    const amend = await pat.post(`/people/${p.crn}/sentences/${s1}/amend`, {
      version: String(version),
      custodialType: 'SDS',
      lengthValue: '12',
      lengthUnit: 'months',
      remandDays: '30',
      taggedBailDays: '0',
    })
    expect(amend.statusCode, amend.body.slice(0, 3000)).toBe(303)
    expect((await keyDatesOf(s2)).SLED).toBe('2027-08-02')

    // Terminating the second: the first is recalculated alone (with its remand).
    const terminate = await pat.post(`/people/${p.crn}/sentences/${s2}/terminate`, {
      ...date('date', '2026-04-01'),
      reason: 'quashed_on_appeal',
    })
    expect(terminate.statusCode, terminate.body.slice(0, 3000)).toBe(303)
    expect((await keyDatesOf(s1)).SLED).toBe('2027-01-30')
    const calculations = await t.handle.db
      .selectFrom('key_date_calculations')
      .select('trigger')
      .where('person_id', '=', p.id)
      .orderBy('id')
      .execute()
    expect(calculations.map(c => c.trigger)).toEqual([
      `sentence ${s1} recorded`,
      `sentence ${s2} recorded`,
      `sentence ${s1} amended`,
      `sentence ${s2} terminated`,
    ])
    expect(await statusOf(p.id)).toBe('in_custody')
  })

  it('refuses a custodial sentence without the offence date, and one consecutive to a sentence the person does not have', async () => {
    const p = await newPerson()
    const response = await pat.post(
      `/people/${p.crn}/sentences`,
      custodial('12', {
        'mainOffenceDate-day': '',
        'mainOffenceDate-month': '',
        'mainOffenceDate-year': '',
        consecutiveTo: '7',
      }),
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('Enter the date of the main offence: the release dates depend on it')
    expect(response.body).toContain('Choose a current custodial sentence of this person, or leave it concurrent')
    expect(await sentenceIds(p.id)).toEqual([])
  })
})

describe('termination and the case lifecycle', () => {
  it('terminates an order, keeping it and its requirements in the history, and ends the case', async () => {
    const p = await newPerson()
    expect((await pat.post(`/people/${p.crn}/sentences`, communityOrder())).statusCode).toBe(303)
    const [s] = await sentenceIds(p.id)
    await applyCaseStatusChange(t.handle.db, ctx, p.id, 'allocated', { reason: 'Allocated to Pat Practitioner' })

    // A requirement first: the order continues.
    const reqs = await t.handle.db
      .selectFrom('requirements')
      .select(['id', 'category'])
      .where('sentence_id', '=', s)
      .orderBy('id')
      .execute()
    const upw = reqs.find(r => r.category === 'unpaid_work')!
    const badReq = await pat.post(`/people/${p.crn}/requirements/${upw.id}/terminate`, {
      ...date('date', '2026-05-01'),
    })
    expect(badReq.statusCode).toBe(400)
    expect(badReq.body).toContain('Choose the reason for termination')
    expect(
      (
        await pat.post(`/people/${p.crn}/requirements/${upw.id}/terminate`, {
          ...date('date', '2026-05-01'),
          reason: 'completed',
        })
      ).statusCode,
    ).toBe(303)
    let page = (await pat.get(`/people/${p.crn}/sentences`)).body
    expect(page).toMatch(/data-qa="requirement-unpaid_work"[\s\S]*?Terminated 1 May 2026: Completed/)
    expect(await statusOf(p.id)).toBe('allocated')

    const response = await pat.post(`/people/${p.crn}/sentences/${s}/terminate`, {
      ...date('date', '2026-09-01'),
      reason: 'early_termination',
    })
    expect(response.statusCode).toBe(303)
    page = (await pat.get(`/people/${p.crn}/sentences`)).body
    expect(page).toContain('data-qa="no-current"')
    expect(page).toMatch(
      /Previous orders[\s\S]*data-qa="termination">1 September 2026: Terminated early for good progress \(recorded by Pat Practitioner\)/,
    )
    expect(page).toMatch(
      /data-qa="requirement-rehabilitation_activity"[\s\S]*?Terminated 1 September 2026: The order was terminated/,
    )
    expect(page).toMatch(/data-qa="case-status">Ended</)
    expect(page).toMatch(/Supervision appointments cannot be booked: Testy \w+&#39;s orders have all ended/)

    // Nothing deleted: the sentence and requirements are still there, with their dates.
    const rows = await t.handle.db
      .selectFrom('requirements')
      .select(['terminated_date', 'termination_reason'])
      .where('sentence_id', '=', s)
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      { terminated_date: '2026-05-01', termination_reason: 'completed' },
      { terminated_date: '2026-09-01', termination_reason: 'order_terminated' },
    ])
    const history = await t.handle.db
      .selectFrom('case_status_history')
      .select('status')
      .where('person_id', '=', p.id)
      .orderBy('id')
      .execute()
    expect(history.map(h => h.status)).toEqual(['awaiting_allocation', 'allocated', 'ended'])
    const outbox = await t.handle.db
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', p.id)
      .orderBy('id')
      .execute()
    expect(outbox.map(o => o.event_type)).toEqual([
      'person.sentenced',
      'person.requirement.terminated',
      'person.sentence.terminated',
    ])

    // Terminating twice is refused.
    expect(
      (
        await pat.post(`/people/${p.crn}/sentences/${s}/terminate`, {
          ...date('date', '2026-09-01'),
          reason: 'completed',
        })
      ).statusCode,
    ).toBe(409)
  })

  it('enforces the lifecycle: an event keeps a case pre-sentence, allocation before sentence is refused, release only from custody', async () => {
    const p = await newPerson()
    const added = await pat.post(`/people/${p.crn}/events`, {
      ...newConviction('02800'),
      otherOffenceCodes: '10400, 19300',
    })
    expect(added.statusCode, added.body.slice(0, 2000)).toBe(303)
    expect(await statusOf(p.id)).toBe('pre_sentence')
    const page = (await pat.get(`/people/${p.crn}/sentences`)).body
    expect(page).toMatch(
      /Supervision appointments cannot be booked: Testy \w+ has not been sentenced: there is no community order, suspended sentence order or licence to supervise/,
    )
    expect(page).toMatch(/data-qa="awaiting-sentence"[\s\S]*?Event 1, Northtown Magistrates&#39; Court/)
    expect(page).toContain('10400 – Violence')

    await expect(applyCaseStatusChange(t.handle.db, ctx, p.id, 'allocated', { reason: 'too early' })).rejects.toThrow(
      /Only a sentenced case can be allocated/,
    )
    const early = await pat.post(`/people/${p.crn}/release`, {
      ...date('releaseDate', '2026-06-01'),
      releaseType: 'automatic',
    })
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('Only a case in custody can be released')

    // Sentence on the existing event: custody, then release on licence.
    const sentenced = await pat.post(`/people/${p.crn}/sentences`, { ...custodial('12'), eventNumber: '1' })
    expect(sentenced.statusCode, sentenced.body.slice(0, 3000)).toBe(303)
    const s = await t.handle.db
      .selectFrom('sentences')
      .select('id')
      .where('person_id', '=', p.id)
      .executeTakeFirstOrThrow()
    const received = await pat.post(`/people/${p.crn}/custody`, {
      sentenceId: String(s.id),
      prisonNumber: 'A1234BC',
      prisonCode: 'MDI',
      prisonName: 'HMP Moorland',
      ...date('receptionDate', '2026-03-02'),
    })
    expect(received.statusCode, received.body.slice(0, 3000)).toBe(303)
    const released = await pat.post(`/people/${p.crn}/release`, {
      ...date('releaseDate', '2026-09-01'),
      releaseType: 'automatic',
    })
    expect(released.statusCode, released.body.slice(0, 3000)).toBe(303)
    expect(await statusOf(p.id)).toBe('on_licence')
    expect(await maySupervisionAppointmentsBeBooked(t.handle.db, p.id, '2026-09-02')).toEqual({ allowed: true })
    const history = await t.handle.db
      .selectFrom('case_status_history')
      .select(['status', 'reason'])
      .where('person_id', '=', p.id)
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      { status: 'in_custody', reason: 'Custodial sentence recorded on event 1' },
      { status: 'on_licence', reason: 'Released on licence on 2026-09-01: automatic or conditional release' },
    ])
    // A second sentence on the same event is refused.
    const again = await pat.post(`/people/${p.crn}/sentences`, { ...communityOrder(), eventNumber: '1' })
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('Event 1 has already been sentenced')
  })

  it('refuses an event with an unknown offence code', async () => {
    const p = await newPerson()
    const response = await pat.post(`/people/${p.crn}/events`, newConviction('99999'))
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('99999 is not a Home Office offence code in the offence list')
    expect((await counts(p.id)).events).toBe(0)
  })
})

describe('access', () => {
  it("refuses another provider's practitioner, saving nothing", async () => {
    const person = await t.handle.db
      .selectFrom('people')
      .select('id')
      .where('crn', '=', 'X100002')
      .executeTakeFirstOrThrow()
    const before = await counts(person.id)
    expect((await alex.get('/people/X100002/sentences')).statusCode).toBe(403)
    expect((await alex.get('/people/X100002/sentences/new')).statusCode).toBe(403)
    expect((await alex.post('/people/X100002/sentences', communityOrder())).statusCode).toBe(403)
    expect(await counts(person.id)).toEqual(before)
  })

  it('lets the managing team read the demo record with its order', async () => {
    const page = await pat.get('/people/X100002/sentences')
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/data-qa="case-status">Allocated</)
    expect(page.body).toContain('Community order (24 months)')
    const audit = await t.handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject', '=', 'X100002')
      .where('username', '=', 'pat.practitioner')
      .execute()
    expect(audit.map(a => a.action)).toContain('SENTENCES_VIEW')
  })
})

describe('API', () => {
  it('adds an event, records a sentence and reads it back; refuses bad input with every field and another provider', async () => {
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const other = apiClient(t, await issueTestToken(t, 'alex.crc'))
    const p = await newPerson()
    const event = await api.post(`/api/v1/people/${p.crn}/events`, {
      courtCode: 'NTCC',
      convictionDate: '2026-02-02',
      mainOffence: { code: '05000', date: '2026-01-10' },
      otherOffences: [{ code: '14900' }],
    })
    expect(event.statusCode, event.body).toBe(201)
    expect(event.json()).toEqual({ eventNumber: 1 })
    const events = await api.get(`/api/v1/people/${p.crn}/events`)
    expect(events.json()).toEqual([
      expect.objectContaining({
        eventNumber: 1,
        status: 'pre_sentence',
        court: { code: 'NTCC', name: 'Northtown Crown Court' },
        offences: [
          expect.objectContaining({
            code: '05000',
            category: 'Fraud and forgery',
            isMain: true,
            offenceDate: '2026-01-10',
          }),
          expect.objectContaining({ code: '14900', category: 'Criminal damage', isMain: false }),
        ],
      }),
    ])

    const bad = await api.post(`/api/v1/people/${p.crn}/sentences`, {
      eventNumber: 1,
      type: 'suspended_sentence_order',
      sentenceDate: '2026-03-02',
      length: { value: 3, unit: 'years' },
      operationalPeriod: { value: 2, unit: 'years' },
      supervisionPeriod: { value: 30, unit: 'months' },
      requirements: [{ type: 'unpaid_work', length: 20 }],
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['length', 'supervisionPeriod'])
    expect(await sentenceIds(p.id)).toEqual([])

    const ok = await api.post(`/api/v1/people/${p.crn}/sentences`, {
      eventNumber: 1,
      type: 'suspended_sentence_order',
      sentenceDate: '2026-03-02',
      length: { value: 6, unit: 'months' },
      operationalPeriod: { value: 2, unit: 'years' },
      supervisionPeriod: { value: 12, unit: 'months' },
      requirements: [
        { type: 'unpaid_work', length: 150 },
        { type: 'curfew', length: 3, hoursPerDay: 10, daysPerWeek: 7 },
      ],
    })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({ eventNumber: 1, caseStatus: 'awaiting_allocation' })

    const sentences = await api.get(`/api/v1/people/${p.crn}/sentences`)
    expect(sentences.statusCode).toBe(200)
    const body = sentences.json()
    expect(body).toMatchObject({ caseStatus: 'awaiting_allocation', supervision: { allowed: true }, previous: [] })
    expect(body.current[0]).toMatchObject({
      type: 'suspended_sentence_order',
      expectedEndDate: '2028-03-01',
      suspended: { operationalPeriod: '2 years', supervisionPeriod: '12 months', supervisionEndDate: '2027-03-01' },
      requirements: [
        { type: 'unpaid_work', length: 150, unit: 'hours', expectedEndDate: '2027-03-01' },
        {
          type: 'curfew',
          length: 3,
          unit: 'months',
          lengthText: '3 months, 10 hours a day on 7 days a week',
          expectedEndDate: '2026-06-01',
        },
      ],
    })
    expect((await other.get(`/api/v1/people/X100002/sentences`)).statusCode).toBe(403)
    expect(
      (
        await other.post(`/api/v1/people/X100002/events`, {
          courtCode: 'NTMC',
          convictionDate: '2026-01-01',
          mainOffence: { code: '11800' },
        })
      ).statusCode,
    ).toBe(403)
    const openapi = (await api.get('/api/v1/openapi.json')).json()
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/people/{crn}/sentences', '/api/v1/people/{crn}/events']),
    )
  })
})
