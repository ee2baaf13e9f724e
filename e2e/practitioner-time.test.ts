import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertPerson } from '../src/features/people/index.ts'
import { CourtListPage, MatchPage } from './support/court-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { Meter, type Figures } from './support/meter.ts'
import { SignInPage } from './support/pages.ts'

/**
 * Issue 13, item 8: practitioner time, measured. Six everyday tasks done in the browser as a user does them, counting
 * page loads, form submissions and fields typed (`support/meter.ts`). The targets: an outcome in one submission with
 * at most two fields typed; every other task in at most two submissions. The figures are in docs/practitioner-time.md.
 *
 * Demo person X100015 (Connor Thomas): a community order, managed by pat.practitioner. X100035 (Kwame Brown) is
 * awaiting sentence and is listed at Northtown Magistrates' Court today for the report.
 */
const CRN = 'X100015'
const today = () => LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))

let h: Harness
let meter: Meter
const measured: Record<string, Figures> = {}

beforeAll(async () => {
  h = await startHarness()
  meter = new Meter(h.page)
}, 120_000)
afterAll(async () => {
  // The figures, for docs/practitioner-time.md (rerun: see that page).
  console.table(measured)
  await h?.close()
})

async function signInAs(username: string) {
  await h.page.context().clearCookies()
  const signIn = await SignInPage.open(h.page)
  await signIn.signIn(username)
  await h.page.waitForURL(url => !url.pathname.startsWith('/sign-in'))
}

const page = () => h.page
const banner = async () => ((await page().locator('[data-qa="done"]').first().textContent()) ?? '').replace(/\s+/g, ' ')

/** A case sentenced today at a court of the Northtown delivery unit, waiting for a practitioner. */
async function unallocatedCase(surname: string) {
  const db = h.db
  const pdu = await db.selectFrom('delivery_units').select('id').where('code', '=', 'PS-NW-N').executeTakeFirstOrThrow()
  const court = await db
    .selectFrom('courts')
    .select('id')
    .where('delivery_unit_id', '=', pdu.id)
    .executeTakeFirstOrThrow()
  const person = await insertPerson(
    db,
    { forename: 'Timed', surname, date_of_birth: '1991-03-04', gender: 'male', case_status: 'awaiting_allocation' },
    'T',
  )
  const event = await db
    .insertInto('events')
    .values({
      person_id: person.id,
      event_number: 1,
      status: 'sentenced',
      court_id: court.id,
      conviction_date: today().toString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('sentences')
    .values({
      person_id: person.id,
      event_id: event.id,
      sentence_type: 'community_order',
      sentence_date: today().toString(),
      length_value: 12,
      length_unit: 'months',
    })
    .execute()
  return person.crn
}

describe('practitioner time: six everyday tasks, counted (issue 13, item 8)', () => {
  it('arranges weekly appointments for 12 weeks in one form', async () => {
    await signInAs('pat.practitioner')
    const first = today().minusDays(7)
    meter.start()
    await meter.goto(`/people/${CRN}/appointments`)
    await meter.click(page().locator('[data-qa="arrange"]'))
    await meter.choose(page().getByLabel('Planned office visit (NS)', { exact: true }))
    await meter.fill(page().getByLabel('Where'), 'Northtown probation office')
    await meter.fill(page().locator('#date-day'), String(first.dayOfMonth()))
    await meter.fill(page().locator('#date-month'), String(first.monthValue()))
    await meter.fill(page().locator('#date-year'), String(first.year()))
    await meter.fill(page().getByLabel('Time', { exact: true }), '00:01')
    await meter.choose(page().getByLabel('Every week'))
    await meter.fill(page().locator('#occurrences'), '12')
    await meter.click(page().locator('[data-qa="arrange-submit"]'))
    measured['Arrange weekly appointments for 12 weeks'] = meter.stop()
    expect(await banner()).toContain('Appointments arranged')
    const made = await h.db
      .selectFrom('contacts')
      .innerJoin('people', 'people.id', 'contacts.person_id')
      .select('contacts.starts_at')
      .where('people.crn', '=', CRN)
      .where('contacts.location', '=', 'Northtown probation office')
      .execute()
    expect(made).toHaveLength(12)
    expect(measured['Arrange weekly appointments for 12 weeks']!.submissions).toBeLessThanOrEqual(2)
  })

  it('records an outcome from My day in one submission, with at most two fields typed', async () => {
    meter.start()
    await meter.goto('/my-day')
    const row = page().locator(`[data-qa="needing-outcome"] [data-qa="appointment"][data-crn="${CRN}"]`).first()
    await meter.click(row.locator('a', { hasText: /visit|appointment/i }).first())
    await meter.choose(page().getByLabel('Attended – complied', { exact: true }))
    await meter.click(page().locator('[data-qa="save-outcome"]'))
    const figures = (measured['Record an appointment outcome from My day'] = meter.stop())
    expect(await banner()).toContain('Outcome recorded')
    expect(figures.submissions).toBe(1)
    expect(figures.fieldsTyped).toBeLessThanOrEqual(2)
  })

  it('records a phone contact', async () => {
    meter.start()
    await meter.goto(`/people/${CRN}/activity`)
    await meter.click(page().locator('[data-qa="record-contact"]'))
    await meter.choose(page().getByLabel('Phone call', { exact: true }))
    await meter.fill(page().getByLabel('Notes'), 'Rang to confirm next week’s appointment. No concerns.')
    await meter.click(page().locator('[data-qa="save-contact"]'))
    const figures = (measured['Record a phone contact'] = meter.stop())
    expect(await banner()).toContain('Contact recorded')
    expect(figures.submissions).toBeLessThanOrEqual(2)
  })

  it('sends a warning letter after an unacceptable absence', async () => {
    meter.start()
    await meter.goto('/my-day')
    const row = page().locator(`[data-qa="needing-outcome"] [data-qa="appointment"][data-crn="${CRN}"]`).first()
    await meter.click(row.locator('a', { hasText: /visit|appointment/i }).first())
    await meter.choose(page().getByLabel('Unacceptable absence', { exact: true }))
    await meter.fill(page().getByLabel('Notes'), 'Did not attend; no contact since.')
    await meter.click(page().locator('[data-qa="save-outcome"]'))
    expect(await banner()).toContain('Outcome recorded')
    await meter.click(page().getByRole('link', { name: 'See enforcement for this case' }))
    const warning = page().locator('[data-qa="open-actions"] [data-qa="action"][data-type="warning_letter"]')
    await meter.click(warning.locator('[data-qa="action-done"]'))
    const figures = (measured['Send a warning letter after an unacceptable absence'] = meter.stop())
    expect(await banner()).toContain('Date sent saved')
    expect(figures.submissions).toBeLessThanOrEqual(2)
  })

  it('allocates a case from the queue', async () => {
    const crn = await unallocatedCase('Queued')
    await signInAs('sam.senior')
    meter.start()
    await meter.goto('/allocations')
    await meter.click(page().locator(`[data-qa="open-${crn}"]`))
    // The team shown is the one the provider decision allows (the senior's own when it may take the case).
    await meter.choose(page().locator('input[name="staffId"]').first())
    await meter.click(page().locator('[data-qa="allocate"]'))
    const figures = (measured['Allocate a case from the queue'] = meter.stop())
    expect(await banner()).toMatch(/Case allocated Allocated to .+ at .+/)
    expect(await page().locator(`[data-qa="queue-row-${crn}"]`).count()).toBe(0)
    expect(figures.submissions).toBeLessThanOrEqual(2)
  })

  it('requests a pre-sentence report from a court list', async () => {
    await signInAs('chris.court')
    // Set-up, not counted: Kwame Brown listed today and matched to his record.
    const list = await CourtListPage.open(h.page, 'NTMC')
    const form = await list.addDefendant()
    await form.fill({
      hearingType: 'sentence',
      forename: 'Kwame',
      surname: 'Brown',
      dateOfBirth: '1997-11-08',
      time: '10:00',
      charge: 'Theft from a shop',
    })
    await form.save()
    await (await MatchPage.verifyOnPage(h.page)).confirm('X100035')

    meter.start()
    await meter.goto('/court-lists?court=NTMC')
    const listed = page()
      .locator('[data-qa="hearing"]')
      .filter({ has: page().locator('[data-qa="listed-name"]', { hasText: 'Kwame Brown' }) })
    await meter.click(listed.locator('[data-qa="record"] a').first())
    await meter.click(page().locator('[data-qa="request-report"]'))
    await meter.choose(page().locator('input[name="reportType"][value="short_format"]'))
    await meter.click(page().locator('[data-qa="save-report-request"]'))
    const figures = (measured['Request a pre-sentence report from a court list'] = meter.stop())
    expect(await page().locator('h1').textContent()).toMatch(/report/i)
    expect(figures.submissions).toBeLessThanOrEqual(2)
  })
})
