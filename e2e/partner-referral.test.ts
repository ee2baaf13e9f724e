import { LocalDate } from '@js-joda/core'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../src/clock.ts'
import { createFactories } from '../test/factories/index.ts'
import { fillDate } from './support/custody-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { EnforcementPage, MyDayPage } from './support/supervision-pages.ts'

// Issue 18, "How we will know": a practitioner (pat.practitioner) finds an accommodation service with capacity in the
// directory and refers a medium-RoSH case on a community order with a rehabilitation activity requirement; a partner
// caseworker (pip.partner, Northtown Housing Trust) signs in, sees only that referral and its shared summary, accepts
// it and submits an action plan, which the practitioner approves; the partner records two sessions, one missed (the
// practitioner sees the prompt on the enforcement page and My day), and completes the referral with an end-of-service
// report; the RAR count on the order moves.

// The harness runs on the real clock (not before 01:00 UTC, so "today" is the same day in London and UTC).
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const oneAm = new Date(`${today.toString()}T01:00:00Z`).getTime()
const notBeforeOneAm = clockFrom(() => new Date(Math.max(Date.now(), oneAm)))
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

let h: Harness
let crn = ''
let surname = ''
let otherSurname = ''
let referralUrl = ''
let portalUrl = ''

beforeAll(async () => {
  h = await startHarness({ clock: notBeforeOneAm })
  await h.cacheAssets()
  const make = createFactories(h.db, { clock: notBeforeOneAm })
  // A community order with a 20-day rehabilitation activity requirement, managed by pat.practitioner (NWS001).
  const c = await make.sentenced('community')
  crn = c.crn
  surname = c.surname
  await h.db
    .insertInto('rosh_assessments')
    .values({
      person_id: c.personId,
      assessment_date: today.minusDays(10).toString(),
      public_level: 'medium',
      known_adult_level: 'medium',
      children_level: 'low',
      staff_level: 'low',
      overall_level: 'medium',
      nature_of_harm: 'Threats of violence when drinking',
    })
    .execute()
  // Another case of the same practitioner, never referred: the partner must not see it anywhere.
  otherSurname = (await make.sentenced('community')).surname
})
afterAll(() => h?.close())

async function submit(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click()
  await page.waitForLoadState()
}
const errors = async (page: Page) => (await page.locator('.govuk-error-summary__list li').allTextContents()).map(squash)
const text = async (page: Page, qa: string) => squash(await page.locator(`[data-qa="${qa}"]`).first().textContent())

describe('a referral to a partner service, from the directory to the end-of-service report', () => {
  it('the practitioner finds an accommodation service with capacity and refers the case', async () => {
    await h.signInAs('pat.practitioner')
    await h.page.goto(`/people/${crn}/referrals`)
    await h.page.locator('[data-qa="find-service"]').click()
    await h.page.waitForLoadState()
    await h.page.locator('#pathway').selectOption('accommodation')
    await submit(h.page, 'Search')
    const result = h.page.locator('.govuk-summary-card', { hasText: 'Accommodation support' })
    expect(squash(await result.textContent())).toContain('Northtown Housing Trust')
    await h.checkAtBothWidths()
    await result.getByRole('link', { name: /Refer/ }).click()
    await h.page.waitForLoadState()
    expect(h.page.url()).toContain(`/people/${crn}/referrals/new`)

    // Nothing is sent without desired outcomes and the sensitive-information check.
    await h.page.locator('#reason').fill('Sofa surfing since the order began; at risk of losing work')
    await fillDate(h.page, 'completionDeadline', today.plusWeeks(12).toString())
    await submit(h.page, 'Send the referral')
    const problems = await errors(h.page)
    expect(problems.join(' ')).toMatch(/outcome/i)
    expect(problems.join(' ')).toMatch(/checked/i)

    await h.page.locator('input[name="outcomes"]').first().fill('A settled home with a tenancy in their name')
    await h.page.locator('input[name="outcomes"]').nth(1).fill('Knows how to keep up with rent and bills')
    await fillDate(h.page, 'completionDeadline', today.plusWeeks(12).toString())
    await h.page.locator('#rarDays').fill('10')
    await h.page.locator('input[name="sensitiveCheck"]').check()
    await h.checkAccessibility()
    await submit(h.page, 'Send the referral')
    expect(await errors(h.page)).toEqual([])
    referralUrl = new URL(h.page.url()).pathname
    expect(referralUrl).toMatch(new RegExp(`^/people/${crn}/referrals/\\d+$`))
    expect(await h.page.locator('main').textContent()).toContain('Accommodation support')
  })

  it('the partner caseworker sees only that referral and what was shared, and accepts it', async () => {
    await h.signInAs('pip.partner')
    expect(new URL(h.page.url()).pathname).toBe('/partner')
    const main = squash(await h.page.locator('main').textContent())
    expect(main).toContain(surname)
    expect(main).not.toContain(otherSurname)
    expect(main).not.toContain(crn)
    // No national search or case record for a partner's user.
    expect(await h.page.locator('header input[type="search"], form[action="/people"]').count()).toBe(0)
    await h.checkAtBothWidths()
    await h.page
      .getByRole('link', { name: new RegExp(surname) })
      .first()
      .click()
    await h.page.waitForLoadState()
    portalUrl = new URL(h.page.url()).pathname
    const referral = squash(await h.page.locator('main').textContent())
    expect(referral).toContain('Medium')
    expect(referral).toContain('A settled home with a tenancy in their name')
    expect(referral).not.toContain(crn)
    expect(await text(h.page, 'lone-working')).toContain('Home visits in pairs only')
    await h.checkAtBothWidths()

    // The national record answers nothing to a partner.
    const record = await h.page.goto(`/people/${crn}`)
    expect(record?.status()).toBe(403)
    await h.page.goto(portalUrl)
    await submit(h.page, 'Accept the referral')
    expect(await text(h.page, 'referral-status')).toMatch(/accepted/i)
  })

  it('the partner submits an action plan and the practitioner approves it', async () => {
    await h.page
      .getByRole('link', { name: /action plan/i })
      .first()
      .click()
    await h.page.waitForLoadState()
    await h.page.locator('#activities-1').fill('Housing options appointment and a housing register application')
    await h.page.locator('#activities-2').fill('Budgeting for a first tenancy')
    await h.page.locator('#numberOfSessions').fill('4')
    await h.checkAccessibility()
    await submit(h.page, 'Submit for approval')
    expect(await errors(h.page)).toEqual([])

    await h.signInAs('pat.practitioner')
    await h.page.goto(referralUrl)
    await h.checkAtBothWidths()
    await h.page.locator('[data-qa="approve-1"]').click()
    await h.page.waitForLoadState()
    expect(await text(h.page, 'approved-1')).toMatch(/approved/i)
  })

  it('the partner records two sessions, one missed, and the practitioner is prompted the same day', async () => {
    await h.signInAs('pip.partner')
    for (const [start, end, attended] of [
      ['10:00', '11:00', 'Yes'],
      ['14:00', '15:00', 'No'],
    ] as const) {
      await h.page.goto(portalUrl)
      await h.page.locator('[data-qa="record-session"]').click()
      await h.page.waitForLoadState()
      await fillDate(h.page, 'date', today.toString())
      await h.page.locator('#startTime').fill(start)
      await h.page.locator('#endTime').fill(end)
      await h.page.getByLabel(attended, { exact: true }).check()
      if (attended === 'No') await h.page.locator('#nonAttendanceReason').fill('Did not answer the phone')
      else await h.page.locator('#notes').fill('Went through the housing register form together')
      await submit(h.page, 'Save the session')
      expect(await errors(h.page)).toEqual([])
    }
    await h.page.goto(portalUrl)
    expect(await h.page.locator('[data-qa="sessions"] tbody tr').count()).toBe(2)

    await h.signInAs('pat.practitioner')
    const enforcement = await EnforcementPage.open(h.page, crn)
    expect((await enforcement.openActions()).map(([type]) => type)).toContain('partner_non_attendance')
    // One attended session of a service that delivers a rehabilitation activity is one RAR day delivered.
    expect(await enforcement.compliance('rar')).toMatch(/^1 delivered of 20 ordered/)
    const myDay = await MyDayPage.open(h.page)
    expect(await myDay.actionsDue()).toContainEqual(['partner_non_attendance', crn])
  })

  it('the partner completes the referral with an end-of-service report that the practitioner reads', async () => {
    await h.signInAs('pip.partner')
    await h.page.goto(portalUrl)
    await h.page.locator('[data-qa="report-link"]').click()
    await h.page.waitForLoadState()
    const fieldsets = h.page.locator('fieldset', { hasText: /tenancy|rent/ })
    expect(await fieldsets.count()).toBe(2)
    await fieldsets.nth(0).getByLabel('Partially achieved', { exact: true }).check()
    await fieldsets.nth(1).getByLabel('Achieved', { exact: true }).check()
    const commentaries = h.page.locator('textarea[name^="commentary-"]')
    await commentaries.nth(0).fill('On the housing register; a tenancy offer is expected in the spring')
    await commentaries.nth(1).fill('Has a budget and has kept to it for six weeks')
    await h.checkAccessibility()
    await submit(h.page, 'Submit the report and complete the referral')
    expect(await errors(h.page)).toEqual([])
    expect(await text(h.page, 'referral-status')).toMatch(/completed/i)

    await h.signInAs('pat.practitioner')
    await h.page.goto(referralUrl)
    expect(await text(h.page, 'report')).toContain('Has a budget and has kept to it for six weeks')
    await h.page.goto(`/people/${crn}/referrals`)
    expect(squash(await h.page.locator('main').textContent())).toMatch(/Completed/i)
  })
})
