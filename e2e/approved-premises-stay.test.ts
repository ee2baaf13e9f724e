import { LocalDate } from '@js-joda/core'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../src/clock.ts'
import { CustodialSentenceForm, CustodyPage, fillDate, LicencePage, ResettlementPage } from './support/custody-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { SentencesPage } from './support/sentencing-pages.ts'

// Issue 16, "How we will know": the case manager (pat.practitioner) applies for an approved premises placement for a
// licence case, the approved premises team (amy.ap) accepts it and books the wheelchair-accessible bed at Northtown
// House (src/seed/approved-premises.ts), the bed plan shows it, the placement becomes the release address and the
// licence's residence condition, the person arrives on release day, a missed curfew check becomes an enforcement
// action on the licence, and they move on: the address history shows the hostel with its dates.
const CRN = 'X100035'
const BED = 'NTAP-01 (room 1)'
const MOVE_ON = { lines: '22 Station Road\nNorthtown', postcode: 'NT1 2CD' }

// The harness runs on the real clock (not before 01:00 UTC, so "today" is the same day in London and UTC).
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const oneAm = new Date(`${today.toString()}T01:00:00Z`).getTime()
const notBeforeOneAm = clockFrom(() => new Date(Math.max(Date.now(), oneAm)))
const shown = (d: LocalDate) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${d}T00:00:00Z`),
  )
const leaving = today.plusWeeks(8)
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

let h: Harness
let applicationUrl = ''
let stayUrl = ''
beforeAll(async () => {
  h = await startHarness({ clock: notBeforeOneAm })
  await h.cacheAssets()
})
afterAll(() => h?.close())

async function submit(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click()
  await page.waitForLoadState()
}
const errors = async (page: Page) => (await page.locator('.govuk-error-summary__list li').allTextContents()).map(squash)

describe('approved premises: from application to move-on', () => {
  it('has a high-risk custody case: a custodial sentence, a custody record and a high RoSH', async () => {
    await h.signInAs('casey.admin')
    const form = await CustodialSentenceForm.open(h.page, CRN)
    await form.fill({
      eventNumber: 2,
      sentenceDate: today.minusDays(28).toString(),
      length: { value: 8, unit: 'months' },
      custodialType: 'Standard determinate sentence (SDS)',
    })
    await form.save()
    expect(await form.errors()).toEqual([])
    await SentencesPage.verifyOnPage(h.page)
    const record = await (await CustodyPage.open(h.page, CRN)).createRecord()
    await record.fill({
      prisonNumber: 'A4821KB',
      prisonCode: 'MDI',
      prisonName: 'HMP Moorland',
      receptionDate: today.minusDays(28).toString(),
    })
    expect(await (await record.save()).banner()).toBe('Custody record created')
    // High risk of serious harm to a known adult, as the OASys RoSH summary recorded it.
    const person = await h.db.selectFrom('people').select('id').where('crn', '=', CRN).executeTakeFirstOrThrow()
    await h.db
      .insertInto('rosh_assessments')
      .values({
        person_id: person.id,
        assessment_date: today.minusDays(20).toString(),
        public_level: 'medium',
        known_adult_level: 'high',
        children_level: 'low',
        staff_level: 'low',
        overall_level: 'high',
        nature_of_harm: 'Violence towards a former partner',
      })
      .execute()
  })

  it('the case manager applies: the record’s facts are shown, only what it cannot know is asked', async () => {
    await h.signInAs('pat.practitioner')
    await ResettlementPage.open(h.page, CRN)
    await h.page.locator('[data-qa="apply-ap"]').click()
    await h.page.waitForLoadState()
    expect(squash(await h.page.locator('h1').textContent())).toMatch(/approved premises/i)
    const page = squash(await h.page.locator('main').textContent())
    expect(page).toContain('Custodial sentence, 8 months')
    expect(page).toContain('Conditional release date (CRD)')
    expect(page).toMatch(/Risk of serious harm High/)
    await h.checkAtBothWidths()

    await submit(h.page, 'Submit the application')
    expect(await errors(h.page)).toEqual(
      expect.arrayContaining([expect.stringMatching(/reason/i), expect.stringMatching(/move-on plan/i)]),
    )

    await h.page
      .getByLabel('Why does the person need an approved premises placement?')
      .fill('High risk of serious harm to known adults; needs 24-hour staffed accommodation and a curfew on release.')
    await h.page.getByLabel('Wheelchair accessible').check()
    await h.page.locator('input[name="roomSharing"][value="no"]').check()
    await h.page.getByLabel('Move-on plan').fill('Supported housing in Northtown after eight weeks.')
    await fillDate(h.page, 'arrival', today.toString())
    await fillDate(h.page, 'departure', leaving.toString())
    await submit(h.page, 'Submit the application')
    expect(await errors(h.page)).toEqual([])
    applicationUrl = new URL(h.page.url()).pathname
    expect(applicationUrl).toMatch(/\/approved-premises\/applications\/\d+$/)
  })

  it('the approved premises team accepts it and books the wheelchair-accessible bed; the bed plan shows it', async () => {
    await h.signInAs('amy.ap')
    await h.page.goto('/approved-premises/applications')
    await h.checkAtBothWidths()
    await h.page.locator(`a[href="${applicationUrl}"]`).first().click()
    await h.page.waitForLoadState()
    await h.checkAtBothWidths()
    await h.page.locator('input[name="decision"][value="accept"]').check()
    await submit(h.page, 'Record the decision')
    expect(await errors(h.page)).toEqual([])

    await h.page.goto(`${applicationUrl}/match`)
    await h.checkAtBothWidths()
    const offered = squash(await h.page.locator('main').textContent())
    expect(offered).toContain('NTAP-01')
    // Only beds with every essential characteristic: the bed without wheelchair access is not offered.
    expect(offered).not.toContain('NTAP-02')
    await h.page.getByLabel(BED, { exact: false }).first().check()
    await submit(h.page, 'Book the bed')
    expect(await errors(h.page)).toEqual([])

    const premisesId = await h.db
      .selectFrom('approved_premises')
      .select('id')
      .where('code', '=', 'NTAP')
      .executeTakeFirstOrThrow()
    await h.page.goto(`/approved-premises/${premisesId.id}/bed-plan`)
    const cell = h.page.locator(`tr:has(th:has-text("${BED}")) td[data-from="${today}"]`)
    expect(squash(await cell.first().textContent())).toMatch(/Booked/)
  })

  it('the placement is the release address and the licence’s residence condition; a senior approves the licence', async () => {
    await h.signInAs('pat.practitioner')
    const resettlement = await ResettlementPage.open(h.page, CRN)
    expect(squash(await resettlement.page.locator('[data-qa="ap-placement"]').textContent())).toContain(
      `Bed booked at Northtown House from ${shown(today)} to ${shown(leaving)}`,
    )
    expect(await h.page.locator('#firstNightAddress').inputValue()).toContain('41 Canal Street')

    const licence = await LicencePage.open(h.page, CRN)
    const form = await licence.write()
    expect(await h.page.locator('input[name="additional"][value="residence_at_place"]').isChecked()).toBe(true)
    expect(await h.page.locator('#residence_at_place-address').inputValue()).toContain('Northtown House')
    await form.curfew({
      address: 'Northtown House, 41 Canal Street, Northtown NT2 4AP',
      from: '19:00',
      to: '07:00',
      justification: 'Offending was at night; the approved premises curfew manages it.',
    })
    await form.save()
    expect(await form.errors()).toEqual([])
    await (await LicencePage.verifyOnPage(h.page)).submitForApproval()

    await h.signInAs('sam.senior')
    const approved = await (await LicencePage.open(h.page, CRN)).approve()
    const conditions = await approved.additionalConditions('licence-in-force')
    expect(Object.values(conditions).join(' ')).toContain('You must reside at Northtown House')

    await h.signInAs('pat.practitioner')
    const release = await (await CustodyPage.open(h.page, CRN)).recordRelease()
    await release.release({ date: today.toString(), type: 'Automatic or conditional release' })
    expect(await release.errors()).toEqual([])
  })

  it('they arrive on release day; a missed curfew check is an enforcement action on the licence', async () => {
    await h.signInAs('amy.ap')
    const booking = await h.db
      .selectFrom('ap_bookings as b')
      .innerJoin('people as p', 'p.id', 'b.person_id')
      .innerJoin('ap_beds as bd', 'bd.id', 'b.bed_id')
      .select(['b.id', 'bd.premises_id'])
      .where('p.crn', '=', CRN)
      .executeTakeFirstOrThrow()
    stayUrl = `/approved-premises/${booking.premises_id}/residents/${booking.id}`
    await h.page.goto(stayUrl)
    await h.checkAtBothWidths()
    // Before the booking starts: refused with the reason, nothing saved.
    await fillDate(h.page, 'arrival', today.minusDays(1).toString())
    await submit(h.page, 'Record the arrival')
    expect((await errors(h.page)).join(' ')).toMatch(/before/i)
    await fillDate(h.page, 'arrival', today.toString())
    await submit(h.page, 'Record the arrival')
    expect(await errors(h.page)).toEqual([])
    // The licence's curfew, not the premises' default.
    expect(squash(await h.page.locator('main').textContent())).toContain('19:00')

    await h.page.locator('input[name="checkKind"][value="curfew_check"]').check()
    await fillDate(h.page, 'check', today.toString())
    // Not later than now: the harness's clock is never before 01:00.
    await h.page.locator('#checkTime').fill('01:00')
    await h.page.locator('input[name="present"][value="no"]').check()
    await submit(h.page, 'Record the check')
    expect(await errors(h.page)).toEqual([])
    expect(squash(await h.page.locator('[data-qa="checks"]').textContent())).toMatch(/Absent/)

    await h.signInAs('pat.practitioner')
    await h.page.goto(`/people/${CRN}/enforcement`)
    const enforcement = squash(await h.page.locator('main').textContent())
    expect(enforcement).toMatch(/licence warning letter/i)
    expect(enforcement).toMatch(/curfew/i)
    await h.checkAtBothWidths()
  })

  it('they move on: a departure before the arrival is refused; the address history keeps the hostel with its dates', async () => {
    await h.signInAs('amy.ap')
    await h.page.goto(stayUrl)
    await fillDate(h.page, 'departure', today.minusDays(1).toString())
    await h.page.locator('#reason').selectOption({ label: 'Planned move-on' })
    await h.page.locator('input[name="destination"][value="address"]').check()
    await h.page.locator('#address').fill(MOVE_ON.lines)
    await h.page.locator('#postcode').fill(MOVE_ON.postcode)
    await submit(h.page, 'Record the departure')
    expect((await errors(h.page)).join(' ')).toMatch(/before/i)
    await fillDate(h.page, 'departure', today.toString())
    await submit(h.page, 'Record the departure')
    expect(await errors(h.page)).toEqual([])

    await h.signInAs('pat.practitioner')
    await h.page.goto(`/people/${CRN}/addresses`)
    const current = squash(await h.page.locator('[data-qa="current-addresses"]').textContent())
    expect(current).toContain('22 Station Road')
    const hostel = h.page.locator('[data-qa="previous-addresses"] [data-qa="address"]', { hasText: '41 Canal Street' })
    expect(squash(await hostel.locator('[data-qa="start-date"]').textContent())).toBe(shown(today))
    expect(squash(await hostel.locator('[data-qa="end-date"]').textContent())).toBe(shown(today))
    await h.checkAtBothWidths()
  })
})
