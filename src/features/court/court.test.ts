import { clockFrom } from '../../clock.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../../../test/support/pdf-text.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

/**
 * Court work through the pages and the API, over the demo region, with the clock fixed on Monday 2 March 2026
 * at 10:00 (London). Demo people (src/seed/demo.ts): index 0 (Smith, with a PNC) is managed by the public
 * provider's team B; index 3 by the contracted provider.
 */

const TODAY = '2026-03-02'
let t: TestApp
let chris: TestBrowser
let smith: { id: number; crn: string; forename: string; surname: string; date_of_birth: string; pnc: string | null }

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
const count = async (table: 'hearings' | 'pre_sentence_reports' | 'pre_sentence_report_versions' | 'people') =>
  Number(
    (
      await t.handle.db
        .selectFrom(table)
        .select(eb => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function addHearing(browser: TestBrowser, fields: Record<string, string>) {
  return browser.post('/court-lists/hearings', {
    court: 'NTMC',
    'hearingDate-day': '2',
    'hearingDate-month': '3',
    'hearingDate-year': '2026',
    session: 'morning',
    hearingTime: '10:00',
    hearingType: 'first_appearance',
    charge: 'Theft from a shop',
    offenceCode: '04600',
    ...fields,
  })
}

const hearingIdFrom = (location: string | undefined) => Number(/hearings\/(\d+)\/match/.exec(location ?? '')![1])

async function requestReport(browser: TestBrowser, crn: string, fields: Record<string, string>) {
  const response = await browser.post(`/people/${crn}/court/reports`, fields)
  expect(response.statusCode, response.body).toBe(303)
  return Number(/reports\/(\d+)/.exec(response.headers.location as string)![1])
}

beforeAll(async () => {
  t = await createTestApp({ clock: clockFrom(() => new Date(`${TODAY}T10:00:00Z`)) })
  chris = await t.signIn('chris.court')
  const people = await t.handle.db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'date_of_birth', 'pnc'])
    .orderBy('id')
    .execute()
  smith = people[0]
  expect(smith.pnc).not.toBeNull()
}, 120_000)
afterAll(() => t.close())

describe('court lists', () => {
  it('shows a court list for a court and a day, today by default', async () => {
    const page = await chris.get('/court-lists')
    expect(page.statusCode).toBe(200)
    expect(text(page.body)).toContain('2 March 2026')
    const ntmc = await chris.get('/court-lists?court=NTMC&date=2026-03-02')
    expect(text(ntmc.body)).toContain("Northtown Magistrates' Court, 2 March 2026")
    expect(ntmc.body).toContain('data-qa="no-hearings"')
  })

  it('refuses a date that is not a date, with the error summary', async () => {
    const page = await chris.get('/court-lists?court=NTMC&date=31/2/2026')
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('govuk-error-summary')
    expect(page.body).toContain('Date must be a real date')
  })

  it('refuses a defendant without a name or hearing type, changing nothing', async () => {
    const before = await count('hearings')
    const response = await chris.post('/court-lists/hearings', {
      court: 'NTMC',
      'hearingDate-day': '2',
      'hearingDate-month': '3',
      'hearingDate-year': '2026',
      pnc: '2000/123X',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
    for (const message of [
      'Enter the first name as listed',
      'Enter the last name as listed',
      'Select the type of hearing',
      'Select a session',
      'PNC number',
    ]) {
      expect(response.body).toContain(message)
    }
    expect(await count('hearings')).toBe(before)
  })
})

describe('adding a defendant and matching them to a record', () => {
  it('offers the record with the same PNC, with the reasons it matches, and links the hearing when confirmed', async () => {
    const added = await addHearing(chris, {
      forename: smith.forename,
      surname: 'Smyth',
      'dateOfBirth-day': String(Number(smith.date_of_birth.slice(8))),
      'dateOfBirth-month': String(Number(smith.date_of_birth.slice(5, 7))),
      'dateOfBirth-year': smith.date_of_birth.slice(0, 4),
      pnc: smith.pnc!,
    })
    expect(added.statusCode, added.body).toBe(303)
    const hearingId = hearingIdFrom(added.headers.location as string)

    const list = await chris.get('/court-lists?court=NTMC&date=2026-03-02')
    expect(text(list.body)).toContain(`${smith.forename} Smyth`)
    expect(list.body).toContain('Not matched')

    const match = await chris.get(`/court-lists/hearings/${hearingId}/match`)
    expect(match.statusCode).toBe(200)
    const reasons = text(/data-qa="reasons" data-crn="([A-Z0-9]+)">(.*?)<\/span>\s*<br>/s.exec(match.body)?.[0] ?? '')
    expect(match.body).toContain(`data-crn="${smith.crn}"`)
    expect(reasons).toContain('same PNC')
    expect(reasons).toContain('same date of birth')
    expect(reasons).toContain(`similar name: Smyth ~ ${smith.surname}`)

    const version = /name="version" value="(\d+)"/.exec(match.body)![1]
    const confirmed = await chris.post(`/court-lists/hearings/${hearingId}/match`, { crn: smith.crn, version })
    expect(confirmed.statusCode).toBe(303)
    expect(confirmed.headers.location).toBe(`/people/${smith.crn}/court?done=matched`)

    const record = await chris.get(confirmed.headers.location as string)
    expect(record.statusCode).toBe(200)
    expect(text(record.body)).toContain('Defendant matched to this record')
    expect(text(record.body)).toContain(`Listed as ${smith.forename} Smyth`)
    expect(record.body).toContain('href="/people/' + smith.crn + '/court"')

    const audit = await t.handle.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('person_id', '=', smith.id)
      .where('action', '=', 'HEARING_MATCH')
      .execute()
    expect(audit).toHaveLength(1)
    const events = await t.handle.db
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', smith.id)
      .where('event_type', '=', 'court.hearing.matched')
      .execute()
    expect(events).toHaveLength(1)
  })

  it('refuses a confirmation without a record chosen', async () => {
    const added = await addHearing(chris, { forename: 'Nobody', surname: 'Chosen' })
    const hearingId = hearingIdFrom(added.headers.location as string)
    const response = await chris.post(`/court-lists/hearings/${hearingId}/match`, { version: '1' })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
  })

  it('creates a new record from the listed details when nobody matches', async () => {
    const added = await addHearing(chris, {
      forename: 'Quentin',
      surname: 'Zebedee-Quayle',
      'dateOfBirth-day': '4',
      'dateOfBirth-month': '5',
      'dateOfBirth-year': '1990',
      pnc: '',
    })
    const hearingId = hearingIdFrom(added.headers.location as string)
    const match = await chris.get(`/court-lists/hearings/${hearingId}/match`)
    expect(match.body).toContain('data-qa="no-candidates"')

    const noGender = await chris.post(`/court-lists/hearings/${hearingId}/new-person`, { version: '1' })
    expect(noGender.statusCode).toBe(400)
    expect(noGender.body).toContain('govuk-error-summary')

    const before = await count('people')
    const created = await chris.post(`/court-lists/hearings/${hearingId}/new-person`, { version: '1', gender: 'male' })
    expect(created.statusCode, created.body).toBe(303)
    const crn = /\/people\/([A-Z]\d{6})\/court\?done=created/.exec(created.headers.location as string)![1]
    expect(await count('people')).toBe(before + 1)
    const person = await t.handle.db
      .selectFrom('people')
      .select(['id', 'forename', 'surname', 'date_of_birth'])
      .where('crn', '=', crn)
      .executeTakeFirstOrThrow()
    expect(person).toMatchObject({ forename: 'Quentin', surname: 'Zebedee-Quayle', date_of_birth: '1990-05-04' })
    const hearing = await t.handle.db
      .selectFrom('hearings')
      .select('person_id')
      .where('id', '=', hearingId)
      .executeTakeFirstOrThrow()
    expect(hearing.person_id).toBe(person.id)
    const page = await chris.get(created.headers.location as string)
    expect(text(page.body)).toContain('Record created from the court listing and matched')
  })
})

describe('pre-sentence reports', () => {
  it('requests a short-format report and shows its due date: 5 working days', async () => {
    const hearing = await t.handle.db
      .selectFrom('hearings')
      .select('id')
      .where('person_id', '=', smith.id)
      .executeTakeFirstOrThrow()
    const form = await chris.get(`/people/${smith.crn}/court/reports/new?hearing=${hearing.id}`)
    expect(form.statusCode).toBe(200)
    const id = await requestReport(chris, smith.crn, { reportType: 'short_format', hearingId: String(hearing.id) })
    const page = await chris.get(`/people/${smith.crn}/court/reports/${id}?done=requested`)
    expect(page.statusCode).toBe(200)
    expect(/data-qa="due-date">([^<]+)</.exec(page.body)![1]).toBe('9 March 2026')
    expect(text(page.body)).toContain('within 5 working days')
    // Pre-filled from the record: the charge on the listing, and no risk assessment yet.
    expect(text(page.body)).toContain('Charge as listed: Theft from a shop')
    const events = await t.handle.db
      .selectFrom('outbox_events')
      .select('payload')
      .where('event_type', '=', 'court.report.requested')
      .execute()
    expect(events.map(e => (e.payload as { dueDate: string }).dueDate)).toContain('2026-03-09')
  })

  it('refuses a request without a type, changing nothing', async () => {
    const before = await count('pre_sentence_reports')
    const response = await chris.post(`/people/${smith.crn}/court/reports`, {
      reportType: '',
      'requestedDate-day': '31',
      'requestedDate-month': '2',
      'requestedDate-year': '2026',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('govuk-error-summary')
    expect(response.body).toContain('Select the type of report')
    expect(response.body).toContain('must be a real date')
    expect(await count('pre_sentence_reports')).toBe(before)
  })

  it("shows a court team's late and at-risk reports with tags", async () => {
    const staff = await t.handle.db
      .selectFrom('staff')
      .select('id')
      .where('code', '=', 'NWS003')
      .executeTakeFirstOrThrow()
    const author = String(staff.id)
    const late = await requestReport(chris, smith.crn, {
      reportType: 'standard',
      authorStaffId: author,
      'requestedDate-day': '2',
      'requestedDate-month': '2',
      'requestedDate-year': '2026',
    })
    const atRisk = await requestReport(chris, smith.crn, {
      reportType: 'short_format',
      authorStaffId: author,
      'requestedDate-day': '23',
      'requestedDate-month': '2',
      'requestedDate-year': '2026',
    })
    const due = await requestReport(chris, smith.crn, { reportType: 'standard', authorStaffId: author })
    const page = await chris.get('/court/reports?team=PS-NW-N-C')
    expect(page.statusCode).toBe(200)
    const row = (id: number) =>
      text(new RegExp(`data-report-id="${id}"[^>]*>(.*?)</tr>`, 's').exec(page.body)?.[0] ?? '')
    expect(page.body).toContain(`data-report-id="${late}" data-timeliness="late"`)
    expect(row(late)).toContain('23 February 2026')
    expect(row(late)).toContain('Late')
    expect(page.body).toContain(`data-report-id="${atRisk}" data-timeliness="at_risk"`)
    expect(row(atRisk)).toContain('At risk')
    expect(page.body).toContain(`data-report-id="${due}" data-timeliness="due"`)
    expect(row(due)).toContain('23 March 2026')
    expect(page.body).toContain('govuk-tag--red')
    expect(page.body).toContain('govuk-tag--orange')
  })

  it('keeps every saved draft as a version and refuses a save based on an old one', async () => {
    const id = await requestReport(chris, smith.crn, { reportType: 'standard' })
    const url = `/people/${smith.crn}/court/reports/${id}`
    const first = await chris.post(url, {
      basedOn: '0',
      offenceAnalysis: 'First analysis',
      proposal: 'A community order',
    })
    expect(first.statusCode, first.body).toBe(303)
    const second = await chris.post(url, {
      basedOn: '1',
      offenceAnalysis: 'Second analysis',
      proposal: 'A community order with 100 hours of unpaid work',
    })
    expect(second.statusCode).toBe(303)
    const stale = await chris.post(url, { basedOn: '1', offenceAnalysis: 'Overwritten?' })
    expect(stale.statusCode).toBe(409)
    const versions = await t.handle.db
      .selectFrom('pre_sentence_report_versions')
      .select(['version_number', 'sections'])
      .where('report_id', '=', id)
      .orderBy('version_number')
      .execute()
    expect(versions.map(v => [v.version_number, (v.sections as { offenceAnalysis: string }).offenceAnalysis])).toEqual([
      [1, 'First analysis'],
      [2, 'Second analysis'],
    ])
    const page = await chris.get(url)
    expect(text(page.body)).toContain('Version 2')
    expect(text(page.body)).toContain('Version 1')
    expect(page.body).toContain('Second analysis')
    const report = await t.handle.db
      .selectFrom('pre_sentence_reports')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(report.status).toBe('in_progress')
  })

  it('autosaves as JSON for the progressive-enhancement script', async () => {
    const id = await requestReport(chris, smith.crn, { reportType: 'oral' })
    const response = await t.app.inject({
      method: 'POST',
      url: `/people/${smith.crn}/court/reports/${id}`,
      headers: {
        cookie: Object.entries(chris.cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        _csrf: chris.csrfToken,
        basedOn: '0',
        proposal: 'Autosaved words',
        autosave: '1',
      }).toString(),
    })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ versionNumber: 1 })
  })

  it('completes a report into a PDF for the court with the name and the proposal', async () => {
    const id = await requestReport(chris, smith.crn, { reportType: 'short_format' })
    const url = `/people/${smith.crn}/court/reports/${id}`
    const notSaved = await chris.post(`${url}/complete`, { basedOn: '0' })
    expect(notSaved.statusCode).toBe(400)
    await chris.post(url, { basedOn: '0', offenceAnalysis: 'Shop theft, first offence.', proposal: '' })
    const noProposal = await chris.post(`${url}/complete`, { basedOn: '1' })
    expect(noProposal.statusCode).toBe(400)
    expect(noProposal.body).toContain('Write the sentencing proposal')
    await chris.post(url, {
      basedOn: '1',
      offenceAnalysis: 'Shop theft, first offence.',
      proposal: 'A conditional discharge for 12 months.',
      roshLevel: '',
    })
    // The structured conclusions are optional while drafting but needed to complete: refused with the error summary.
    const noConclusions = await chris.post(`${url}/complete`, { basedOn: '2' })
    expect(noConclusions.statusCode).toBe(400)
    expect(noConclusions.body).toContain('govuk-error-summary')
    expect(noConclusions.body).toContain('Select the RoSH level the report assesses')
    expect(noConclusions.body).toContain('href="#roshLevel"')
    expect(noConclusions.body).toContain('Select the proposed sentence')
    expect(
      (
        await t.handle.db
          .selectFrom('pre_sentence_reports')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('in_progress')
    const badChoice = await chris.post(url, {
      basedOn: '2',
      offenceAnalysis: 'Shop theft, first offence.',
      proposal: 'x',
      roshLevel: 'extreme',
    })
    expect(badChoice.statusCode).toBe(400)
    expect(badChoice.body).toContain('Select the RoSH level the report assesses from the list')
    await chris.post(url, {
      basedOn: '2',
      offenceAnalysis: 'Shop theft, first offence.',
      proposal: 'A conditional discharge for 12 months.',
      roshLevel: 'low',
      proposedSentence: 'discharge',
      proposedProvider: 'public', // not asked for a discharge: dropped
    })
    const completed = await chris.post(`${url}/complete`, { basedOn: '3' })
    expect(completed.statusCode, completed.body).toBe(303)
    const row = await t.handle.db
      .selectFrom('pre_sentence_reports')
      .select(['status', 'rosh_level', 'proposed_sentence', 'proposed_provider'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      status: 'completed',
      rosh_level: 'low',
      proposed_sentence: 'discharge',
      proposed_provider: null,
    })

    const pdf = await chris.get(`${url}/pdf`)
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toContain('application/pdf')
    const words = await pdfText(pdf.rawPayload)
    expect(words).toContain(`${smith.forename} ${smith.surname}`)
    expect(words).toContain('A conditional discharge for 12 months.')
    expect(words).toMatch(/Risk of serious harm assessed in this report:\s*Low/)
    expect(words).toMatch(/Proposed sentence:\s*Discharge/)
    expect(words).not.toContain('DRAFT')

    const stored = await t.handle.db
      .selectFrom('court_documents')
      .select(['person_id', 'content'])
      .where('report_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(stored.person_id).toBe(smith.id)
    expect(Buffer.from(stored.content).equals(pdf.rawPayload)).toBe(true)
    const events = await t.handle.db
      .selectFrom('outbox_events')
      .select('payload')
      .where('event_type', '=', 'court.report.completed')
      .execute()
    expect(events.map(e => (e.payload as { reportId: number }).reportId)).toContain(id)
    const after = await chris.post(url, { basedOn: '3', proposal: 'Changed after completion' })
    expect(after.statusCode).toBe(400)
  })
})

describe("the report's RoSH level and proposal", () => {
  it('pre-fills the RoSH level from the latest assessment and requires a provider for a community order', async () => {
    const person = (
      await t.handle.db.selectFrom('people').select(['id', 'crn']).orderBy('id').offset(1).limit(1).execute()
    )[0]
    await t.handle.db
      .insertInto('rosh_assessments')
      .values({
        person_id: person.id,
        assessment_date: '2026-02-20',
        public_level: 'medium',
        known_adult_level: 'medium',
        children_level: 'low',
        staff_level: 'low',
        overall_level: 'medium',
      })
      .execute()
    const id = await requestReport(chris, person.crn, { reportType: 'short_format' })
    const url = `/people/${person.crn}/court/reports/${id}`
    const page = await chris.get(url)
    expect(page.body).toMatch(/<input[^>]*name="roshLevel"[^>]*value="medium"[^>]*checked/)
    expect(page.body).not.toMatch(/<input[^>]*name="roshLevel"[^>]*value="high"[^>]*checked/)
    await chris.post(url, {
      basedOn: '0',
      offenceAnalysis: 'Assault.',
      proposal: 'A community order.',
      roshLevel: 'high',
      proposedSentence: 'community_order',
    })
    const noProvider = await chris.post(`${url}/complete`, { basedOn: '1' })
    expect(noProvider.statusCode).toBe(400)
    expect(noProvider.body).toContain('Select who should manage the order')
    expect((await chris.get(url)).body).toMatch(/<input[^>]*name="roshLevel"[^>]*value="high"[^>]*checked/)
    await chris.post(url, {
      basedOn: '1',
      offenceAnalysis: 'Assault.',
      proposal: 'A community order.',
      roshLevel: 'high',
      proposedSentence: 'community_order',
      proposedProvider: 'public',
    })
    expect((await chris.post(`${url}/complete`, { basedOn: '2' })).statusCode).toBe(303)
    const done = await chris.get(url)
    expect(done.body).toMatch(/data-qa="rosh-level"[^]*?High/)
    expect(done.body).toMatch(/data-qa="proposed-provider"[^]*?Public probation service/)
    const words = await pdfText((await chris.get(`${url}/pdf`)).rawPayload)
    expect(words).toMatch(/Risk of serious harm assessed in this report:\s*High/)
    expect(words).toMatch(/Proposed to be managed by:\s*Public probation service/)
  })
})

describe('access', () => {
  it("refuses another provider's person, and audits the refusal", async () => {
    const people = await t.handle.db.selectFrom('people').select(['id', 'crn', 'surname']).orderBy('id').execute()
    const crcPerson = people[3]
    const pat = await t.signIn('pat.practitioner')
    const page = await pat.get(`/people/${crcPerson.crn}/court`)
    expect(page.statusCode).toBe(403)
    expect(page.body).not.toContain(crcPerson.surname)

    const alex = await t.signIn('alex.crc')
    const report = await t.handle.db
      .selectFrom('pre_sentence_reports')
      .select('id')
      .where('person_id', '=', smith.id)
      .executeTakeFirstOrThrow()
    for (const url of [
      `/people/${smith.crn}/court`,
      `/people/${smith.crn}/court/reports/${report.id}`,
      `/people/${smith.crn}/court/reports/${report.id}/pdf`,
    ]) {
      const response = await alex.get(url)
      expect(response.statusCode, url).toBe(403)
      expect(response.body, url).not.toContain(smith.surname)
    }
    const denied = await t.handle.db
      .selectFrom('audit_events')
      .select('username')
      .where('action', '=', 'ACCESS_DENIED')
      .where('person_id', '=', smith.id)
      .execute()
    expect(denied.map(d => d.username)).toContain('alex.crc')
    // The team list hides reports on records the user cannot open.
    const list = await alex.get('/court/reports?team=PS-NW-N-C')
    expect(list.statusCode).toBe(400) // not a team of alex's provider
    expect(list.body).not.toContain(smith.surname)
  })

  it('audits every read of a person’s court record', async () => {
    const before = await t.handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('person_id', '=', smith.id)
      .where('action', '=', 'PERSON_VIEW')
      .execute()
    await chris.get(`/people/${smith.crn}/court`)
    const after = await t.handle.db
      .selectFrom('audit_events')
      .select('id')
      .where('person_id', '=', smith.id)
      .where('action', '=', 'PERSON_VIEW')
      .execute()
    expect(after.length).toBe(before.length + 1)
  })
})

describe('the API', () => {
  let api: ReturnType<typeof apiClient>
  beforeAll(async () => {
    api = apiClient(t, await issueTestToken(t, 'chris.court'))
  })

  it('adds a hearing and reads the court list', async () => {
    const added = await api.post('/api/v1/hearings', {
      court: 'WBMC',
      hearingDate: '2026-03-03',
      session: 'afternoon',
      hearingType: 'sentence',
      forename: 'Api',
      surname: 'Listed',
      pnc: null,
    })
    expect(added.statusCode, added.body).toBe(201)
    const list = await api.get('/api/v1/courts/WBMC/hearings?date=2026-03-03')
    expect(list.statusCode).toBe(200)
    expect(list.json().hearings.map((h: { listed: { surname: string } }) => h.listed.surname)).toEqual(['Listed'])
    expect((await api.get('/api/v1/courts/NOPE/hearings')).statusCode).toBe(404)
  })

  it('lists every field at fault and adds nothing', async () => {
    const before = await count('hearings')
    const bad = await api.post('/api/v1/hearings', {
      court: 'WBMC',
      hearingDate: '2026-02-30',
      session: 'evening',
      hearingType: 'sentence',
      forename: 'A',
    })
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['hearingDate', 'session', 'surname'])
    expect(await count('hearings')).toBe(before)
  })

  it("requests a report and reads the person's reports", async () => {
    const requested = await api.post(`/api/v1/people/${smith.crn}/court/reports`, {
      reportType: 'standard',
      requestedDate: '2026-04-02',
    })
    expect(requested.statusCode).toBe(400) // in the future of the fixed clock
    const ok = await api.post(`/api/v1/people/${smith.crn}/court/reports`, {
      reportType: 'short_format',
      requestedDate: '2026-02-27',
    })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json()).toMatchObject({
      reportType: 'short_format',
      dueDate: '2026-03-06',
      status: 'requested',
      timeliness: 'due',
    })
    const reports = await api.get(`/api/v1/people/${smith.crn}/court/reports`)
    expect(reports.statusCode).toBe(200)
    expect(reports.json().reports.map((r: { id: number }) => r.id)).toContain(ok.json().id)
    const alex = apiClient(t, await issueTestToken(t, 'alex.crc'))
    expect((await alex.get(`/api/v1/people/${smith.crn}/court/reports`)).statusCode).toBe(403)
  })

  it('documents the court endpoints in the OpenAPI document', async () => {
    const doc = (await api.get('/api/v1/openapi.json')).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/courts/{code}/hearings',
        '/api/v1/hearings',
        '/api/v1/people/{crn}/court/reports',
      ]),
    )
  })
})
