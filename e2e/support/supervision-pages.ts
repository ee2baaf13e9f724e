import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Page objects for supervision (src/features/supervision): appointments, outcomes, enforcement, the activity log. */

export class AppointmentsPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/appointments`)
    return AppointmentsPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Appointments')
    return new AppointmentsPage(page)
  }
  async arrange() {
    await this.page.locator('[data-qa="arrange"]').click()
    await this.page.waitForLoadState()
    return ArrangePage.verifyOnPage(this.page)
  }
  async banner() {
    return (await this.page.locator('[data-qa="done"]').textContent())?.trim() ?? ''
  }
  /** The ISO dates of the appointments listed in a section (`upcoming`, `needing-outcome`, `past`). */
  async dates(section: 'upcoming' | 'needing-outcome' | 'past') {
    return this.page
      .locator(`[data-qa="${section}"] [data-qa="appointment-row"]`)
      .evaluateAll(rows => rows.map(r => r.getAttribute('data-date')!))
  }
  async openAppointmentOn(isoDate: string) {
    await this.page.locator(`[data-qa="appointment-row"][data-date="${isoDate}"] a`).first().click()
    await this.page.waitForLoadState()
    return AppointmentPage.verifyOnPage(this.page)
  }
}

export class ArrangePage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Arrange an appointment')
    return new ArrangePage(page)
  }
  async fill(a: { type: string; location: string; date: string; time: string; weekly?: number }) {
    await this.page.getByLabel(a.type, { exact: true }).check()
    await this.page.getByLabel('Where').fill(a.location)
    const [year, month, day] = a.date.split('-')
    await this.page.locator('#date-day').fill(String(Number(day)))
    await this.page.locator('#date-month').fill(String(Number(month)))
    await this.page.locator('#date-year').fill(year)
    await this.page.getByLabel('Time', { exact: true }).fill(a.time)
    if (a.weekly) {
      await this.page.getByLabel('Every week').check()
      await this.page.locator('#occurrences').fill(String(a.weekly))
    }
  }
  async submit() {
    await this.page.locator('[data-qa="arrange-submit"]').click()
    await this.page.waitForLoadState()
  }
}

export class AppointmentPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    await expect.poll(() => page.locator('[data-qa="appointment-heading"]').count()).toBe(1)
    return new AppointmentPage(page)
  }
  /** Records the outcome: one form on the appointment's own page, one submission. */
  async recordOutcome(outcome: string, notes = '') {
    await this.page.getByLabel(outcome, { exact: true }).check()
    if (notes) await this.page.getByLabel('Notes').fill(notes)
    await this.page.locator('[data-qa="save-outcome"]').click()
    await this.page.waitForLoadState()
    return AppointmentPage.verifyOnPage(this.page)
  }
  async banner() {
    return (await this.page.locator('[data-qa="done"]').textContent())?.trim() ?? ''
  }
  async currentOutcome() {
    return (await this.page.locator('[data-qa="current-outcome"]').textContent())?.trim() ?? ''
  }
  /** Enforcement actions raised by this appointment: type → text (title and due date). */
  async actions(): Promise<Record<string, string>> {
    const items = this.page.locator('[data-qa="contact-actions"] li')
    const types = await items.evaluateAll(li => li.map(l => l.getAttribute('data-qa')!.replace('action-', '')))
    const texts = await items.allTextContents()
    return Object.fromEntries(types.map((t, i) => [t, texts[i].replace(/\s+/g, ' ').trim()]))
  }
  async letterHref() {
    return this.page.locator('[data-qa="action-letter"]').first().getAttribute('href')
  }
}

export class EnforcementPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/enforcement`)
    return EnforcementPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Enforcement')
    return new EnforcementPage(page)
  }
  /** Open actions as [type, due date (ISO, or '' when the court sets it)]. */
  async openActions(): Promise<[string, string][]> {
    return this.page
      .locator('[data-qa="open-actions"] [data-qa="action"]')
      .evaluateAll(rows =>
        rows.map(r => [r.getAttribute('data-type')!, r.getAttribute('data-due')!] as [string, string]),
      )
  }
  async breaches() {
    return this.page
      .locator('[data-qa="breach"]')
      .evaluateAll(b => b.map(x => ({ kind: x.getAttribute('data-kind'), status: x.getAttribute('data-status') })))
  }
  async compliance(qa: string) {
    return (await this.page.locator(`[data-qa="compliance-${qa}"]`).first().textContent())?.trim() ?? ''
  }
}

export class ActivityPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/activity`)
    expect(await page.locator('h1').textContent()).toContain('Activity log')
    return new ActivityPage(page)
  }
  async search(text: string) {
    await this.page.locator('[data-qa="activity-search"]').fill(text)
    await this.page.locator('[data-qa="apply-filters"]').click()
    await this.page.waitForLoadState()
  }
  async entries() {
    return this.page.locator('[data-qa="activity-row"] h2').allTextContents()
  }
}

/** The practitioner's day (src/features/caseload): needs an outcome, enforcement actions due, today and upcoming. */
export class MyDayPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/my-day')
    return MyDayPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('My day')
    return new MyDayPage(page)
  }
  /** The open enforcement actions due, as `[type, crn]`. */
  async actionsDue(): Promise<[string, string][]> {
    return this.page
      .locator('[data-qa="actions-due"] [data-qa="action"]')
      .evaluateAll(rows =>
        rows.map(r => [r.getAttribute('data-type')!, r.getAttribute('data-crn')!] as [string, string]),
      )
  }
  /** The CRNs of the appointments needing an outcome. */
  async needingOutcome() {
    return this.page
      .locator('[data-qa="needing-outcome"] [data-qa="appointment"]')
      .evaluateAll(rows => rows.map(r => r.getAttribute('data-crn')!))
  }
}

/** A senior's team view (src/features/caseload): breaches and recalls, open actions, workload, team caseload. */
export class TeamPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, team?: string) {
    await page.goto(team ? `/team?team=${team}` : '/team')
    return TeamPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('[data-qa="team-picker"]').count()).toBe(1)
    return new TeamPage(page)
  }
  async heading() {
    return ((await this.page.locator('h1').textContent()) ?? '').trim()
  }
  /** Breaches and recalls in progress, as `{ crn, kind, status }`. */
  async breaches() {
    return this.page.locator('[data-qa="team-breaches"] [data-qa="breach"]').evaluateAll(rows =>
      rows.map(r => ({
        crn: r.getAttribute('data-crn')!,
        kind: r.getAttribute('data-kind')!,
        status: r.getAttribute('data-status')!,
      })),
    )
  }
  async openBreachOf(crn: string) {
    await this.page.locator(`[data-qa="team-breaches"] [data-crn="${crn}"] a`).first().click()
    await this.page.waitForLoadState()
  }
}
