import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * Page objects for court work (src/features/court): the court list, adding a defendant, matching them to a
 * record, a person's Court page, requesting a pre-sentence report, the report itself and a team's report list.
 */

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

async function fillDate(page: Page, id: string, iso: string) {
  const [year, month, day] = iso.split('-')
  await page.locator(`#${id}-day`).fill(String(Number(day)))
  await page.locator(`[name="${id}-month"]`).fill(String(Number(month)))
  await page.locator(`[name="${id}-year"]`).fill(year)
}

export class CourtListPage {
  constructor(readonly page: Page) {}
  /** `court` is a court code (demo: NTMC, NTCC, WBMC); `date` is `YYYY-MM-DD` (today when absent). */
  static async open(page: Page, court?: string, date?: string) {
    const query = new URLSearchParams(Object.entries({ court, date }).filter(([, v]) => v) as [string, string][])
    await page.goto(`/court-lists${query.size ? `?${query}` : ''}`)
    return CourtListPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('[data-qa="court-list-heading"]').count()).toBe(1)
    return new CourtListPage(page)
  }
  async heading() {
    return squash(await this.page.locator('h1').textContent())
  }
  async addDefendant() {
    await this.page.locator('[data-qa="add-defendant"]').click()
    await this.page.waitForLoadState()
    return HearingFormPage.verifyOnPage(this.page)
  }
  /** The listed names, in list order. */
  async listedNames() {
    return (await this.page.locator('[data-qa="listed-name"]').allTextContents()).map(squash)
  }
  row(listedName: string) {
    return this.page
      .locator('[data-qa="hearing"]')
      .filter({ has: this.page.locator('[data-qa="listed-name"]', { hasText: listedName }) })
  }
  /** The record column for a listed defendant: "Not matched Match" or the matched name and CRN. */
  async record(listedName: string) {
    return squash(await this.row(listedName).locator('[data-qa="record"]').textContent())
  }
  async match(listedName: string) {
    await this.row(listedName).locator('[data-qa="match-link"]').click()
    await this.page.waitForLoadState()
    return MatchPage.verifyOnPage(this.page)
  }
  /** Records an outcome by its code, e.g. `adjourned_for_report`. */
  async recordOutcome(listedName: string, outcome: string) {
    const row = this.row(listedName)
    await row.locator('select[name="outcome"]').selectOption(outcome)
    await row.locator('[data-qa="record-outcome"]').click()
    await this.page.waitForLoadState()
  }
  async outcome(listedName: string) {
    return squash(await this.row(listedName).locator('[data-qa="outcome"]').textContent())
  }
}

export interface ListedDefendant {
  /** court code; the list's court when absent */
  court?: string
  /** `YYYY-MM-DD`; the list's date when absent */
  hearingDate?: string
  session?: 'morning' | 'afternoon'
  time?: string
  /** e.g. `first_appearance`, `plea`, `trial`, `sentence`, `adjourned` */
  hearingType: string
  forename: string
  surname: string
  /** `YYYY-MM-DD` */
  dateOfBirth?: string
  pnc?: string
  address?: string
  charge?: string
  offenceCode?: string
}

export class HearingFormPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Add a defendant to a court list')
    return new HearingFormPage(page)
  }
  async fill(d: ListedDefendant) {
    if (d.court) await this.page.locator('select#court').selectOption(d.court)
    if (d.hearingDate) await fillDate(this.page, 'hearingDate', d.hearingDate)
    if (d.session) await this.page.locator(`input[name="session"][value="${d.session}"]`).check()
    if (d.time) await this.page.locator('#hearingTime').fill(d.time)
    await this.page.locator('select#hearingType').selectOption(d.hearingType)
    await this.page.locator('#forename').fill(d.forename)
    await this.page.locator('#surname').fill(d.surname)
    if (d.dateOfBirth) await fillDate(this.page, 'dateOfBirth', d.dateOfBirth)
    if (d.pnc) await this.page.locator('#pnc').fill(d.pnc)
    if (d.address) await this.page.locator('#address').fill(d.address)
    if (d.charge) await this.page.locator('#charge').fill(d.charge)
    if (d.offenceCode) await this.page.locator('#offenceCode').fill(d.offenceCode)
  }
  /** Saves; on success the match page follows. */
  async save() {
    await this.page.locator('[data-qa="save-hearing"]').click()
    await this.page.waitForLoadState()
  }
  async errors() {
    return (await this.page.locator('.govuk-error-summary__list li').allTextContents()).map(squash)
  }
}

export class MatchPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toMatch(/^Match .+ to a record$/)
    return new MatchPage(page)
  }
  /** The candidate records with the reasons each matches (as shown on its tags). */
  async candidates() {
    const crns = await this.page
      .locator('[data-qa="reasons"]')
      .evaluateAll(els => els.map(e => e.getAttribute('data-crn') ?? ''))
    const result: { crn: string; name: string; reasons: string[] }[] = []
    for (const crn of crns) {
      const reasons = (
        await this.page.locator(`[data-qa="reasons"][data-crn="${crn}"] .govuk-tag`).allTextContents()
      ).map(squash)
      const name = squash(
        await this.page
          .locator(`label[for="${await this.page.locator(`input[name="crn"][value="${crn}"]`).getAttribute('id')}"]`)
          .textContent(),
      )
      result.push({ crn, name, reasons })
    }
    return result
  }
  async confirm(crn: string) {
    await this.page.locator(`input[name="crn"][value="${crn}"]`).check()
    await this.page.locator('[data-qa="confirm-match"]').click()
    await this.page.waitForLoadState()
    return PersonCourtPage.verifyOnPage(this.page)
  }
  /** Creates a new record from the listed details (gender code: male, female, other, not_known). */
  async createNewRecord(gender = 'male') {
    await this.page.locator(`[data-qa="new-person-form"] input[name="gender"][value="${gender}"]`).check()
    await this.page.locator('[data-qa="create-person"]').click()
    await this.page.waitForLoadState()
  }
}

export class PersonCourtPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/court`)
    return PersonCourtPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Court')
    return new PersonCourtPage(page)
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"]').textContent())
  }
  async crn() {
    return squash(await this.page.locator('[data-qa="crn"]').textContent()).replace('CRN: ', '')
  }
  async hearings() {
    return (await this.page.locator('[data-qa="hearing"]').allTextContents()).map(squash)
  }
  /** Each report: its type, due date and timeliness tag (Due, At risk, Late, Completed, Cancelled). */
  async reports() {
    const rows = this.page.locator('[data-qa="report"]')
    const result: { text: string; dueDate: string; timeliness: string }[] = []
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i)
      result.push({
        text: squash(await row.textContent()),
        dueDate: squash(await row.locator('[data-qa="due-date"]').textContent()),
        timeliness: squash(await row.locator('[data-qa="timeliness"]').textContent()),
      })
    }
    return result
  }
  async requestReport() {
    await this.page.locator('[data-qa="request-report"]').click()
    await this.page.waitForLoadState()
    return ReportRequestPage.verifyOnPage(this.page)
  }
}

export class ReportRequestPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/court/reports/new`)
    return ReportRequestPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Request a pre-sentence report')
    return new ReportRequestPage(page)
  }
  /**
   * Requests a report. `type`: `short_format`, `standard` or `oral`; `hearing`: text of the hearing option to link
   * (e.g. the court's name), the first hearing when `true`; `author`: text of the author option (e.g. "Chris Court").
   */
  async request(options: {
    type: 'short_format' | 'standard' | 'oral'
    hearing?: string | true
    requestedDate?: string
    adjournedTo?: string
    author?: string
  }) {
    await this.page.locator(`input[name="reportType"][value="${options.type}"]`).check()
    if (options.hearing === true) await this.page.locator('select#hearingId').selectOption({ index: 1 })
    else if (options.hearing) {
      const value = await this.page
        .locator('select#hearingId option', { hasText: options.hearing })
        .first()
        .getAttribute('value')
      await this.page.locator('select#hearingId').selectOption(value!)
    }
    if (options.requestedDate) await fillDate(this.page, 'requestedDate', options.requestedDate)
    if (options.adjournedTo) await fillDate(this.page, 'adjournedTo', options.adjournedTo)
    if (options.author) {
      const value = await this.page
        .locator('select#authorStaffId option', { hasText: options.author })
        .first()
        .getAttribute('value')
      await this.page.locator('select#authorStaffId').selectOption(value!)
    }
    await this.page.locator('[data-qa="save-report-request"]').click()
    await this.page.waitForLoadState()
    return ReportPage.verifyOnPage(this.page)
  }
}

export class ReportPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('[data-qa="report-heading"]').count()).toBe(1)
    return new ReportPage(page)
  }
  async heading() {
    return squash(await this.page.locator('[data-qa="report-heading"]').textContent())
  }
  /** As shown, e.g. "9 March 2026". */
  async dueDate() {
    return squash(await this.page.locator('[data-qa="due-date"]').first().textContent())
  }
  /** The rule the due date follows, in words. */
  async dueBasis() {
    return squash(await this.page.locator('[data-qa="due-basis"]').textContent())
  }
  async timeliness() {
    return squash(await this.page.locator('[data-qa="report-summary"] [data-qa="timeliness"]').textContent())
  }
  /** Section keys: offenceAnalysis, thePerson, risk, proposal, sources. */
  async section(key: string) {
    return this.page.locator(`textarea#${key}`).inputValue()
  }
  async write(key: string, text: string) {
    await this.page.locator(`textarea#${key}`).fill(text)
  }
  /** A structured conclusion: roshLevel (low, medium, high, very_high), proposedSentence, proposedProvider (public, contracted). */
  async choose(field: 'roshLevel' | 'proposedSentence' | 'proposedProvider', value: string) {
    await this.page.locator(`input[name="${field}"][value="${value}"]`).check()
  }
  async chosen(field: 'roshLevel' | 'proposedSentence' | 'proposedProvider') {
    return this.page.locator(`input[name="${field}"]:checked`).getAttribute('value')
  }
  async saveDraft() {
    await this.page.locator('[data-qa="save-draft"]').click()
    await this.page.waitForLoadState()
  }
  async complete() {
    await this.page.locator('[data-qa="complete-report"]').click()
    await this.page.waitForLoadState()
  }
  async versions() {
    return (await this.page.locator('[data-qa="version"]').allTextContents()).map(squash)
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"]').textContent())
  }
  /** The PDF link's address (download it with the page's request context). */
  async pdfHref() {
    return (await this.page.locator('[data-qa="pdf-link"]').getAttribute('href'))!
  }
}

export class TeamReportsPage {
  constructor(readonly page: Page) {}
  /** `team` is a team code (demo court team: PS-NW-N-C); the user's own team when absent. */
  static async open(page: Page, team?: string) {
    await page.goto(`/court/reports${team ? `?team=${encodeURIComponent(team)}` : ''}`)
    return TeamReportsPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Pre-sentence reports')
    return new TeamReportsPage(page)
  }
  /** Each open report: the person's name, due date and timeliness (`due`, `at_risk`, `late`). */
  async reports() {
    const rows = this.page.locator('[data-qa="team-report"]')
    const result: { text: string; dueDate: string; timeliness: string }[] = []
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i)
      result.push({
        text: squash(await row.textContent()),
        dueDate: squash(await row.locator('[data-qa="due-date"]').textContent()),
        timeliness: (await row.getAttribute('data-timeliness')) ?? '',
      })
    }
    return result
  }
}
