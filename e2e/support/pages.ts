import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Page objects: each knows how to recognise its page and do what a user does there. */

export const DEMO_PASSWORD = 'correct horse battery staple'

export class SignInPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/sign-in')
    return SignInPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Sign in')
    return new SignInPage(page)
  }
  async signIn(username: string, password = DEMO_PASSWORD) {
    await this.page.getByLabel('Username').fill(username)
    await this.page.getByLabel('Password', { exact: true }).fill(password)
    await this.page.locator('[data-qa="sign-in"]').click()
    await this.page.waitForLoadState()
  }
}

/** The release-date calculator: a booking form, then the dates with explanations above it. */
export class ReleaseDatesPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/calculators/release-dates')
    return ReleaseDatesPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Calculate release dates')
    return new ReleaseDatesPage(page)
  }
  async fillDate(id: string, iso: string) {
    const [year, month, day] = iso.split('-')
    await this.page.locator(`#${id}-day`).fill(String(Number(day)))
    await this.page.locator(`#${id}-month`).fill(String(Number(month)))
    await this.page.locator(`#${id}-year`).fill(year)
  }
  /** Fills sentence `n` (1-based): dates, length and, optionally, the sentence it is consecutive to. */
  async fillSentence(
    n: number,
    s: {
      sentenceDate: string
      offenceDate: string
      years?: number
      months?: number
      weeks?: number
      days?: number
      consecutiveTo?: number
    },
  ) {
    await this.fillDate(`sentence${n}-sentenceDate`, s.sentenceDate)
    await this.fillDate(`sentence${n}-offenceDate`, s.offenceDate)
    for (const unit of ['years', 'months', 'weeks', 'days'] as const) {
      if (s[unit] !== undefined) await this.page.locator(`#sentence${n}-${unit}`).fill(String(s[unit]))
    }
    if (s.consecutiveTo) await this.page.locator(`#sentence${n}-consecutiveTo`).selectOption(`S${s.consecutiveTo}`)
  }
  async addSentence() {
    await this.page.locator('[data-qa="add-sentence"]').click()
    await this.page.waitForLoadState()
  }
  async calculate() {
    await this.page.locator('[data-qa="calculate"]').click()
    await this.page.waitForLoadState()
  }
  /** The dates shown, as ISO strings by key. */
  async dates(): Promise<Record<string, string>> {
    const times = this.page.locator('[data-qa="dates"] time')
    const keys = await this.page
      .locator('[data-qa="dates"] [data-qa^="date-row-"]')
      .evaluateAll(rows => rows.map(r => r.getAttribute('data-qa')!.replace('date-row-', '')))
    const values = await times.evaluateAll(ts => ts.map(t => t.getAttribute('datetime')!))
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]))
  }
}

export class SearchPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/people')
    expect(await page.locator('h1').textContent()).toContain('Find a person')
    return new SearchPage(page)
  }
  async search(query: string) {
    await this.page.locator('[data-qa="search-q"]').fill(query)
    await this.page.locator('[data-qa="search-submit"]').click()
    await this.page.waitForLoadState()
  }
  async resultNames() {
    return this.page.locator('[data-qa="result-link"]').allTextContents()
  }
  async open(name: string) {
    await this.page.locator('[data-qa="result-link"]', { hasText: name }).first().click()
    await this.page.waitForLoadState()
    return PersonPage.verifyOnPage(this.page)
  }
}

export class PersonPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    await page.locator('[data-qa="crn"]').waitFor()
    return new PersonPage(page)
  }
  async name() {
    return (await this.page.locator('[data-qa="person-name"]').textContent())?.trim() ?? ''
  }
  async openAddresses() {
    const crnPath = /^\/people\/[A-Z][0-9]{6}/.exec(new URL(this.page.url()).pathname)?.[0]
    await this.page.goto(`${crnPath}/addresses`)
    return this
  }
  async currentAddresses() {
    return this.page.locator('[data-qa="current-addresses"] [data-qa="address-lines"]').allInnerTexts()
  }
  async previousAddresses() {
    return this.page.locator('[data-qa="previous-addresses"] [data-qa="address"]').allInnerTexts()
  }
  /** Records a move to a new main address through the address form. */
  async moveTo(address: {
    building: string
    street: string
    town: string
    postcode: string
    day: string
    month: string
    year: string
  }) {
    await this.page.locator('[data-qa="add-address"]').click()
    await this.page.waitForLoadState()
    await this.page.locator('input[name="status"][value="main"]').check()
    await this.page.locator('#building').fill(address.building)
    await this.page.locator('#street').fill(address.street)
    await this.page.locator('#town').fill(address.town)
    await this.page.locator('#postcode').fill(address.postcode)
    await this.page.locator('input[name="startDate-day"]').fill(address.day)
    await this.page.locator('input[name="startDate-month"]').fill(address.month)
    await this.page.locator('input[name="startDate-year"]').fill(address.year)
    await this.page.locator('[data-qa="save"]').click()
    await this.page.waitForLoadState()
  }
}

/** The frame of every signed-in page: the header (service, organisation, user, Sign out) and the navigation. */
export class AppHeader {
  constructor(readonly page: Page) {}
  async organisation() {
    return ((await this.page.locator('[data-qa="header-organisation"]').textContent()) ?? '').replace(/^\s*–\s*/, '')
  }
  async userName() {
    return ((await this.page.locator('[data-qa="header-user"]').innerText()) ?? '').trim()
  }
  /** The navigation's sections, in order. */
  async sections() {
    return (await this.page.locator('[data-qa="navigation"] .govuk-service-navigation__link').allInnerTexts()).map(t =>
      t.trim(),
    )
  }
  /** The sections marked current (there should be exactly one on a page inside a section). */
  async currentSections() {
    return (await this.page.locator('[data-qa="navigation"] [aria-current]').allInnerTexts()).map(t => t.trim())
  }
  async signOut() {
    await this.page.locator('[data-qa="header-sign-out"]').click()
    await this.page.waitForLoadState()
  }
}
