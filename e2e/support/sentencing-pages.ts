import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Page objects for sentences and orders (src/features/sentencing): the person's Sentences page and the sentence form. */

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

export class SentencesPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/sentences`)
    return SentencesPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('[data-qa="case-status"]').count()).toBe(1)
    return new SentencesPage(page)
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"]').textContent())
  }
  async caseStatus() {
    return squash(await this.page.locator('[data-qa="case-status"]').textContent())
  }
  /** Why supervision appointments cannot be booked yet, if the page says so. */
  async supervisionRefusal() {
    const refusal = this.page.locator('[data-qa="supervision-refusal"]')
    return (await refusal.count()) ? squash(await refusal.textContent()) : null
  }
  /** The first (current orders come first) summary card's heading, e.g. "Community order (12 months) – event 2". */
  async firstOrderHeading() {
    return squash(await this.page.locator('.govuk-summary-card__title').first().textContent())
  }
  /** The length of the first listed requirement of a kind (current orders come first), e.g. "100 hours". */
  async requirementLength(code: string) {
    return squash(
      await this.page.locator(`[data-qa="requirement-${code}"] [data-qa="requirement-length"]`).first().textContent(),
    )
  }
  async recordSentence() {
    await this.page.locator('[data-qa="record-sentence"]').click()
    await this.page.waitForLoadState()
    return SentenceFormPage.verifyOnPage(this.page)
  }
}

export interface CommunitySentence {
  /** The event (conviction) the sentence is for; the first open event when absent. */
  eventNumber?: number
  type: 'community_order' | 'suspended_sentence_order'
  /** `YYYY-MM-DD`; the form's default (today) when absent */
  sentenceDate?: string
  length: { value: number; unit: 'days' | 'weeks' | 'months' | 'years' }
  /** Requirement code → length in its measure, e.g. `{ unpaid_work: 100, rehabilitation_activity: 20 }`. */
  requirements: Record<string, number>
}

export class SentenceFormPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Record a sentence')
    return new SentenceFormPage(page)
  }
  async fill(s: CommunitySentence) {
    if (s.eventNumber !== undefined)
      await this.page.locator(`input[name="eventNumber"][value="${s.eventNumber}"]`).check()
    await this.page.locator(`input[name="type"][value="${s.type}"]`).check()
    if (s.sentenceDate) {
      const [year, month, day] = s.sentenceDate.split('-')
      await this.page.locator('#sentenceDate-day').fill(String(Number(day)))
      await this.page.locator('#sentenceDate-month').fill(String(Number(month)))
      await this.page.locator('#sentenceDate-year').fill(year)
    }
    await this.page.locator('#lengthValue').fill(String(s.length.value))
    await this.page.locator('#lengthUnit').selectOption(s.length.unit)
    for (const [code, length] of Object.entries(s.requirements))
      await this.page.locator(`#req-${code}`).fill(String(length))
  }
  /** Records the sentence; on success the Sentences page follows. */
  async save() {
    await this.page.locator('[data-qa="save"]').click()
    await this.page.waitForLoadState()
  }
  async errors() {
    return (await this.page.locator('.govuk-error-summary__list li').allTextContents()).map(squash)
  }
}
