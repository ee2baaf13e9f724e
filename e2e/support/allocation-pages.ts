import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Page objects for allocation (src/features/allocation): the queue, one case's allocation page, the caseload. */

export class AllocationQueuePage {
  constructor(readonly page: Page) {}
  static async open(page: Page, filter: { pdu?: string; team?: string } = {}) {
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== undefined) as [string, string][])
    await page.goto(`/allocations${query.size ? `?${query}` : ''}`)
    return AllocationQueuePage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Unallocated cases')
    return new AllocationQueuePage(page)
  }
  row(crn: string) {
    return this.page.locator(`[data-qa="queue-row-${crn}"]`)
  }
  async hasCase(crn: string) {
    return (await this.row(crn).count()) > 0
  }
  /** Tier, RoSH, sentence date, clock text and the decision with its reasons, as shown. */
  async caseDetails(crn: string) {
    const row = this.row(crn)
    const text = async (qa: string) =>
      ((await row.locator(`[data-qa="${qa}"]`).textContent()) ?? '').replace(/\s+/g, ' ').trim()
    return {
      tier: await text('tier'),
      rosh: await text('rosh'),
      sentenceDate: await text('sentence-date'),
      clock: await text('clock'),
      decision: await text('decision'),
      reasons: (await row.locator('[data-qa="reasons"] li').allTextContents()).map(r => r.trim()),
    }
  }
  async open(crn: string) {
    await this.page.locator(`[data-qa="open-${crn}"]`).click()
    await this.page.waitForLoadState()
    return AllocateCasePage.verifyOnPage(this.page)
  }
}

export class AllocateCasePage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string, team?: string) {
    await page.goto(`/allocations/${crn}${team ? `?team=${team}` : ''}`)
    return AllocateCasePage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('[data-qa="outcome"]').count()).toBe(1)
    return new AllocateCasePage(page)
  }
  async outcome() {
    return ((await this.page.locator('[data-qa="outcome"]').textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }
  async reasons() {
    return (await this.page.locator('[data-qa="reasons"] li').allTextContents()).map(r => r.trim())
  }
  async isBlocked() {
    return (await this.page.locator('[data-qa="blocked"]').count()) > 0
  }
  async induction() {
    return ((await this.page.locator('[data-qa="induction"]').textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }
  async chooseTeam(teamCode: string) {
    await this.page.locator('select#team-choice').selectOption(teamCode)
    await this.page.locator('[data-qa="choose-team"]').click()
    await this.page.waitForLoadState()
  }
  /** Points used / capacity and % used of a practitioner, by staff code. */
  async workload(staffCode: string) {
    const row = this.page.locator(`[data-qa="practitioner-${staffCode}"]`)
    return {
      points: ((await row.locator('[data-qa="points"]').textContent()) ?? '').trim(),
      percent: ((await row.locator('[data-qa="percent"]').textContent()) ?? '').trim(),
      overCapacity: (await row.getByText('Over capacity').count()) > 0,
    }
  }
  async resolveConflict(source: 'assessment' | 'registration' | 'court_report', reason: string) {
    await this.page.locator(`input[name="source"][value="${source}"]`).check()
    await this.page.locator('textarea#reason').fill(reason)
    await this.page.locator('[data-qa="resolve"]').click()
    await this.page.waitForLoadState()
  }
  async allocate(staffCode: string, notes = '') {
    await this.page.locator(`[data-qa="practitioner-${staffCode}"] input[name="staffId"]`).check()
    if (notes) await this.page.locator('textarea#notes').fill(notes)
    await this.page.locator('[data-qa="allocate"]').click()
    await this.page.waitForLoadState()
  }
  async confirmation() {
    return ((await this.page.locator('[data-qa="done"]').textContent()) ?? '').trim()
  }
  async errorSummary() {
    return ((await this.page.locator('.govuk-error-summary').textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }
}

export class CaseloadPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/caseload')
    return CaseloadPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('My caseload')
    return new CaseloadPage(page)
  }
  async caseDetails(crn: string) {
    const row = this.page.locator(`[data-qa="caseload-row-${crn}"]`)
    if ((await row.count()) === 0) return null
    return {
      isNew: (await row.locator('[data-qa="new-case"]').count()) > 0,
      tier: ((await row.locator('[data-qa="tier"]').textContent()) ?? '').trim(),
      rosh: ((await row.locator('[data-qa="rosh"]').textContent()) ?? '').trim(),
      inductionDue: ((await row.locator('[data-qa="induction-due"]').textContent()) ?? '').trim() || null,
      bookInductionHref: await row
        .locator('[data-qa="book-induction"]')
        .getAttribute('href')
        .catch(() => null),
    }
  }
}
