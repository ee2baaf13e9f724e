import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalDate } from '@js-joda/core'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../src/clock.ts'
import { quarterOf } from '../src/domain/outcomes/index.ts'
import { createFactories } from '../test/factories/index.ts'
import { startHarness, type Harness } from './support/harness.ts'

// Issue 19, "How we will know": a contract manager (morgan.contracts) sets up a contract for the contracted provider's
// area with two subcontractors (one paid a share of the results, one paid only when the prime is), imports a
// convictions extract, opens the quarter's statement and sees the figures and the subcontractors' shares; the public
// dashboard shows the provider's rates, with suppression where counts are small.

// The harness runs on the real clock (not before 01:00 UTC, so "today" is the same day in London and UTC).
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const oneAm = new Date(`${today.toString()}T01:00:00Z`).getTime()
const notBeforeOneAm = clockFrom(() => new Date(Math.max(Date.now(), oneAm)))
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

// The factories sentence people 60 days ago: that day's quarter is the cohort.
const sentenceDate = today.minusDays(60)
const quarter = quarterOf(sentenceDate)
const COHORT = 32
const REOFFENDERS = 12

let h: Harness
const crns: string[] = []
let extract = ''
let contractUrl = ''

beforeAll(async () => {
  h = await startHarness({ clock: notBeforeOneAm })
  await h.cacheAssets()
  const make = createFactories(h.db, { clock: notBeforeOneAm })
  // 32 community orders managed in the contracted provider's Easton team (alex.crc, CRC001; area CRC-NW).
  for (let i = 0; i < COHORT; i++) crns.push((await make.sentenced('community', { allocatedTo: 'CRC001' })).crn)
  // The extract: 12 of them reoffended (the first twice), one row for a CRN Probity does not hold, one rejected
  // (proven before the offence).
  const offence = sentenceDate.plusDays(10).toString()
  const proven = sentenceDate.plusDays(40).toString()
  const rows = crns
    .slice(0, REOFFENDERS)
    .map((crn, i) => `E2E-${i},,${crn},conviction,10501,Theft,${offence},${proven},Northtown MC`)
  rows.push(`E2E-extra,,${crns[0]},conviction,10501,Theft,${offence},${proven},Northtown MC`)
  rows.push(`E2E-unknown,,Z999999,conviction,10501,Theft,${offence},${proven},Northtown MC`)
  rows.push(`E2E-bad,,${crns[1]},conviction,10501,Theft,${proven},${offence},Northtown MC`)
  extract = join(mkdtempSync(join(tmpdir(), 'probity-e2e-')), 'extract.csv')
  writeFileSync(
    extract,
    ['pncKey,pnc,crn,disposal,offenceCode,description,offenceDate,provenDate,provenBy', ...rows].join('\n'),
  )
}, 120_000)
afterAll(() => h?.close())

async function submit(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click()
  await page.waitForLoadState()
}
async function fillDate(page: Page, name: string, date: LocalDate) {
  await page.locator(`#${name}-day`).fill(String(date.dayOfMonth()))
  await page.locator(`#${name}-month`).fill(String(date.monthValue()))
  await page.locator(`#${name}-year`).fill(String(date.year()))
}
const errors = async (page: Page) => (await page.locator('.govuk-error-summary__list li').allTextContents()).map(squash)
/** The value of a statement line, by its name. */
async function figure(page: Page, name: string) {
  const row = page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: name }) }).first()
  return squash(await row.locator('[data-qa="figure"]').textContent())
}

describe('a contract, its supply chain, a convictions extract and the quarter’s statement', () => {
  it('the contract manager sets up a contract for the contracted provider’s area', async () => {
    await h.signInAs('morgan.contracts')
    await h.page.goto('/contracts/new')
    await submit(h.page, 'Save the contract')
    expect((await errors(h.page)).length).toBeGreaterThan(0)
    await h.page.locator('#reference').fill('E2E-NWCRC-1')
    await h.page.locator('#providerId').selectOption({ label: 'Northshire Rehabilitation Company (demo)' })
    await h.page
      .locator('#regionId')
      .selectOption({ label: 'Northshire (demo) (Northshire Rehabilitation Company (demo))' })
    await fillDate(h.page, 'startsOn', LocalDate.of(today.year() - 2, 1, 1))
    await fillDate(h.page, 'endsOn', LocalDate.of(today.year() + 3, 12, 31))
    await h.page.locator('#value').fill('12000000')
    await submit(h.page, 'Save the contract')
    expect(await errors(h.page)).toEqual([])
    contractUrl = new URL(h.page.url()).pathname
    expect(contractUrl).toMatch(/^\/contracts\/\d+$/)
    expect(squash(await h.page.locator('h1').textContent())).toContain('E2E-NWCRC-1')
  })

  it('sets its payment-by-results terms: a baseline, prices per reoffender and reoffence avoided', async () => {
    await h.page.locator('[data-qa="change-pbr"]').click()
    await h.page.waitForLoadState()
    await fillDate(h.page, 'effectiveFrom', LocalDate.of(today.year() - 2, 1, 1))
    await h.page.locator('#baselineBinaryRate').fill('45')
    await h.page.locator('#baselineMeanPredicted').fill('45')
    await h.page.locator('#baselineFrequency').fill('3.2')
    await h.page.locator('#binaryPriced').check()
    await h.page.locator('#binaryPrice').fill('1500')
    await h.page.locator('#binaryDeduction').fill('1500')
    await h.page.locator('#frequencyPriced').check()
    await h.page.locator('#frequencyPrice').fill('500')
    await h.page.locator('#frequencyDeduction').fill('500')
    await h.page.locator('#binaryHurdle-2').check()
    await h.page.locator('#alpha').fill('5')
    await h.page.locator('#reason').fill('Terms as signed')
    await h.checkAtBothWidths()
    await submit(h.page, 'Save the terms')
    expect(await errors(h.page)).toEqual([])
    expect(squash(await h.page.locator('[data-qa="terms-history"]').textContent())).toContain('Terms as signed')
  })

  it('adds two subcontractors: one paid a share of the results, one only when the prime is paid', async () => {
    for (const [organisation, basis, share] of [
      ['Northtown Housing Trust', 'share_of_results', '20'],
      ['Westbury Women’s Centre', 'pass_through_if_prime_paid', '10'],
    ] as const) {
      await h.page.goto(contractUrl)
      await h.page.locator('[data-qa="new-subcontractor"]').click()
      await h.page.waitForLoadState()
      const option = h.page.locator('#organisationId option', { hasText: organisation }).first()
      await h.page.locator('#organisationId').selectOption((await option.getAttribute('value')) ?? '')
      await h.page.locator(`input[name="basis"][value="${basis}"]`).check()
      await h.page.locator('#share').fill(share)
      await fillDate(h.page, 'effectiveFrom', LocalDate.of(today.year() - 2, 1, 1))
      await h.page.locator('#reason').fill('In the bid')
      await submit(h.page, 'Save')
      expect(await errors(h.page)).toEqual([])
    }
    const chain = squash(
      await h.page
        .locator('[data-qa="subcontractor"]')
        .allTextContents()
        .then(t => t.join(' ')),
    )
    expect(chain).toContain('Northtown Housing Trust')
    expect(chain).toContain('Westbury Women’s Centre')
  })

  it('imports a convictions extract and reads its reconciliation report', async () => {
    await h.page.goto('/contracts/convictions')
    await h.page.locator('#file').setInputFiles(extract)
    await submit(h.page, 'Import the extract')
    const counts = squash(await h.page.locator('[data-qa="counts"]').textContent())
    expect(counts).toMatch(new RegExp(`Added\\s*${REOFFENDERS + 1}\\b`))
    expect(counts).toMatch(/Unmatched\s*1\b/)
    expect(counts).toMatch(/Rejected\s*1\b/)
    const rows = squash(await h.page.locator('[data-qa="rows"]').textContent())
    expect(rows).toContain('Z999999')
    await h.checkAtBothWidths()
  })

  it('opens the quarter’s statement: the cohort, the rates, and each subcontractor’s share', async () => {
    await h.page.goto(`${contractUrl}/statements/${quarter}`)
    expect(await figure(h.page, 'Cohort size')).toContain(String(COHORT))
    expect(await figure(h.page, 'Reoffenders')).toContain(String(REOFFENDERS))
    expect(await figure(h.page, 'Reoffences')).toContain(String(REOFFENDERS + 1))
    // 12 of 32 reoffended.
    expect(await figure(h.page, 'Binary rate')).toMatch(/37\.5|0\.375/)
    expect(await h.page.locator('[data-qa="provisional"]').count()).toBe(1)
    const page = squash(await h.page.locator('main').textContent())
    expect(page).toContain('Northtown Housing Trust')
    // 12 of 32 is no significant change in the binary measure; the frequency measure (13 reoffences by 12 people
    // against a baseline of 3.2 each) is a significant improvement and pays, so the pass-through subcontractor is paid.
    expect(page).toMatch(/Northtown Housing Trust \(demo\) \(tier 2\) £[\d,]+\.\d\d20\.0% of the prime/)
    expect(page).toMatch(
      /Westbury Women’s Centre \(demo\) \(tier 3\) £[\d,]+\.\d\dPassed through only when the prime is paid/,
    )
    await h.checkAtBothWidths()
    // The people behind it, by CRN.
    await h.page.locator('[data-qa="cohort-link"]').click()
    await h.page.waitForLoadState()
    const cohort = squash(await h.page.locator('main').textContent())
    for (const crn of crns) expect(cohort).toContain(crn)
  })
})

describe('the public outcomes dashboard', () => {
  it('shows the provider’s rates to anyone, with small counts suppressed and no one named', async () => {
    await h.page.context().clearCookies()
    await h.page.goto('/outcomes')
    expect(h.page.url()).toContain('/outcomes')
    const main = squash(await h.page.locator('main').textContent())
    expect(main).toContain('Northshire Rehabilitation Company (demo)')
    // The provider's cohort is 32: its rate is published (12 of 32); a smaller group's counts are not.
    expect(main).toMatch(/37\.5/)
    expect(main).toMatch(/fewer than 10/i)
    for (const crn of crns) expect(main).not.toContain(crn)
    await h.checkAtBothWidths()
  })
})
