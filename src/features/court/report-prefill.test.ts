import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../../../test/support/pdf-text.ts'
import { clockFrom } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * A pre-sentence report written from the record (nothing the record knows is typed again, dates in words), and
 * completed from what is on the screen. The clock is fixed on Friday 20 November 2026, 10:00 (London). Demo person
 * index 34 (src/features/sentencing/demo.ts) awaits sentence on event 2 (convicted 26 October 2026) and is known
 * from an earlier community order on event 1 (convicted 1 March 2022).
 */

let t: TestApp
let chris: TestBrowser
let people: { id: number; crn: string; forename: string; surname: string; date_of_birth: string }[]

async function requestReport(crn: string) {
  const response = await chris.post(`/people/${crn}/court/reports`, { reportType: 'short_format' })
  expect(response.statusCode, response.body).toBe(303)
  return `/people/${crn}/court/reports/${/reports\/(\d+)/.exec(response.headers.location as string)![1]}`
}

/** The value of one of the report form's textareas as the page shows it. */
function textarea(html: string, name: string): string {
  const match = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([^]*?)</textarea>`).exec(html)
  expect(match, `textarea ${name}`).not.toBeNull()
  return match![1].replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&')
}

beforeAll(async () => {
  t = await createTestApp({ clock: clockFrom(() => new Date('2026-11-20T10:00:00Z')) })
  chris = await t.signIn('chris.court')
  people = await t.handle.db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'date_of_birth'])
    .orderBy('id')
    .execute()
}, 120_000)
afterAll(() => t.close())

describe('completing a report', () => {
  it('completes with what was typed since the last save, and the PDF says it', async () => {
    const url = await requestReport(people[1].crn)
    await chris.post(url, {
      basedOn: '0',
      offenceAnalysis: 'Saved analysis.',
      proposal: 'Saved proposal: a fine.',
      roshLevel: 'low',
      proposedSentence: 'fine',
    })
    // The page's complete button sends the report form itself, so what is on the screen goes with it.
    const page = await chris.get(url)
    const form = /<form[^>]*data-qa="report-form"[^>]*>([^]*?)<\/form>/.exec(page.body)

    // The writer changes the proposal and presses "Complete and produce the PDF" without saving first.
    const completed = await chris.post(`${url}/complete`, {
      basedOn: '1',
      offenceAnalysis: 'Saved analysis.',
      proposal: 'Typed, not saved: a community order with unpaid work.',
      roshLevel: 'low',
      proposedSentence: 'community_order',
      proposedProvider: 'public',
    })
    expect(completed.statusCode, completed.body).toBe(303)

    const words = await pdfText((await chris.get(`${url}/pdf`)).rawPayload)
    expect(words).toContain('Typed, not saved: a community order with unpaid work.')
    expect(words).not.toContain('Saved proposal: a fine.')
    expect(words).toMatch(/Proposed sentence:\s*Community order/)
    const report = await t.handle.db
      .selectFrom('pre_sentence_reports')
      .select(['status', 'proposed_sentence'])
      .where('id', '=', Number(url.split('/').pop()))
      .executeTakeFirstOrThrow()
    expect(report).toEqual({ status: 'completed', proposed_sentence: 'community_order' })
    // The typed text is kept as a version too: the history shows what the court was given.
    const versions = await t.handle.db
      .selectFrom('pre_sentence_report_versions')
      .select(['version_number', 'sections'])
      .where('report_id', '=', Number(url.split('/').pop()))
      .orderBy('version_number')
      .execute()
    expect(versions.map(v => (v.sections as { proposal: string }).proposal)).toEqual([
      'Saved proposal: a fine.',
      'Typed, not saved: a community order with unpaid work.',
    ])
    expect(form).not.toBeNull()
    expect(form![1]).toContain(`formaction="${url}/complete"`)
    expect(form![1]).toContain('data-qa="complete-report"')
  })

  it('keeps what was typed on the page when completing is refused, and saves nothing', async () => {
    const url = await requestReport(people[2].crn)
    await chris.post(url, { basedOn: '0', offenceAnalysis: 'Saved analysis.', proposal: '' })
    const refused = await chris.post(`${url}/complete`, {
      basedOn: '1',
      offenceAnalysis: 'Typed analysis, not saved.',
      proposal: '',
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('govuk-error-summary')
    expect(textarea(refused.body, 'offenceAnalysis')).toBe('Typed analysis, not saved.')
    const versions = await t.handle.db
      .selectFrom('pre_sentence_report_versions')
      .select('version_number')
      .where('report_id', '=', Number(url.split('/').pop()))
      .execute()
    expect(versions).toHaveLength(1)
  })
})

describe('the first draft, written from the record', () => {
  it('fills in the person, address, offence, conviction, court, hearing, previous convictions and orders, in words', async () => {
    const person = people[34]
    const born = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${person.date_of_birth}T12:00:00Z`),
    )
    // Listed at court today and matched to the record: the report is requested from the hearing.
    const added = await chris.post('/court-lists/hearings', {
      court: 'NTMC',
      'hearingDate-day': '20',
      'hearingDate-month': '11',
      'hearingDate-year': '2026',
      session: 'morning',
      hearingTime: '10:00',
      hearingType: 'sentence',
      forename: person.forename,
      surname: person.surname,
      charge: 'Burglary of a dwelling',
      offenceCode: '02800',
    })
    expect(added.statusCode, added.body).toBe(303)
    const hearingId = /hearings\/(\d+)\/match/.exec(added.headers.location as string)![1]
    const match = await chris.get(`/court-lists/hearings/${hearingId}/match`)
    const version = /name="version" value="(\d+)"/.exec(match.body)![1]
    expect(
      (await chris.post(`/court-lists/hearings/${hearingId}/match`, { crn: person.crn, version })).statusCode,
    ).toBe(303)
    const requested = await chris.post(`/people/${person.crn}/court/reports`, { reportType: 'standard', hearingId })
    expect(requested.statusCode, requested.body).toBe(303)

    const page = await chris.get(requested.headers.location as string)
    expect(page.statusCode).toBe(200)
    const offence = textarea(page.body, 'offenceAnalysis')
    const thePerson = textarea(page.body, 'thePerson')
    const risk = textarea(page.body, 'risk')
    const sources = textarea(page.body, 'sources')
    // Event 2, awaiting sentence: its main offence, conviction and court; the hearing it is listed at.
    expect(offence).toMatch(/^Main offence: \d{5} /)
    expect(offence).toMatch(/Convicted on 26 October 2026 at [A-Z]/)
    expect(offence).toContain("Hearing: Northtown Magistrates' Court, 20 November 2026.")
    expect(thePerson).toContain(`${person.forename} ${person.surname}, born ${born}.`)
    expect(thePerson).toMatch(/Address: [^\n]+, NT\d \d[A-Z]{2}\./)
    expect(thePerson).toContain('Previous convictions (1):')
    expect(thePerson).toMatch(/- 1 March 2022, [^\n]*: \d{5} [^\n]+ \(event 1\)/)
    expect(thePerson).toContain('community order, 22 March 2022, 12 months, ended 21 March 2023')
    expect(sources).toContain("Court listing: Northtown Magistrates' Court, 20 November 2026.")
    for (const section of [offence, thePerson, risk, sources]) expect(section).not.toMatch(/\d{4}-\d{2}-\d{2}/)
  })
})
