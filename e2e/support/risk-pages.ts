import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Page objects for the Risk part of the person record (src/features/risk). */

export class RiskPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/risk`)
    return RiskPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Risk')
    return new RiskPage(page)
  }
  async tier(n: 1 | 2) {
    const value = this.page.locator(`[data-qa="tier-${n}"] [data-qa="tier-value"]`)
    return (await value.count()) ? (await value.textContent())!.trim() : null
  }
  async tierExplanation(n: 1 | 2) {
    await this.page.locator(`[data-qa="tier-${n}"] summary`).click()
    return (await this.page.locator(`[data-qa="tier-${n}"] [data-qa="tier-explanation"]`).textContent()) ?? ''
  }
  async predictorScore(name: string) {
    return (await this.page.locator(`[data-qa="predictor-${name}"] [data-qa="score"]`).textContent())?.trim()
  }
  async predictorExplanation(name: string) {
    await this.page.locator(`[data-qa="predictor-${name}"] summary`).first().click()
    return (
      (await this.page.locator(`[data-qa="predictor-${name}"] [data-qa="explanation"]`).first().textContent()) ?? ''
    )
  }
  async follow(qa: string) {
    await this.page.locator(`[data-qa="${qa}"]`).click()
    await this.page.waitForLoadState()
  }
}

export class RoshFormPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Record a RoSH assessment')
    return new RoshFormPage(page)
  }
  async level(group: string, level: string) {
    await this.page.locator(`input[name="level-${group}"][value="${level}"]`).check()
  }
  async save() {
    await this.page.locator('[data-qa="save-rosh"]').click()
    await this.page.waitForLoadState()
  }
}

export class ItemsFormPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Record assessment items')
    return new ItemsFormPage(page)
  }
  async select(id: string, value: string) {
    await this.page.locator(`select#${id}`).selectOption(value)
  }
  async fill(id: string, value: string) {
    await this.page.locator(`input#${id}`).fill(value)
  }
  async date(name: string, day: string, month: string, year: string) {
    await this.page.locator(`input[name="${name}-day"]`).fill(day)
    await this.page.locator(`input[name="${name}-month"]`).fill(month)
    await this.page.locator(`input[name="${name}-year"]`).fill(year)
  }
  async check(name: string, value: string) {
    await this.page.locator(`input[name="${name}"][value="${value}"]`).check()
  }
  async save() {
    await this.page.locator('[data-qa="save-items"]').click()
    await this.page.waitForLoadState()
  }
}

export class RegistrationFormPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('h1').textContent()).toContain('Add a registration')
    return new RegistrationFormPage(page)
  }
  async addMappa(category: string, level: string) {
    await this.page.locator('select#typeCode').selectOption('MAPP')
    await this.page.locator(`input[name="mappaCategory"][value="${category}"]`).check()
    await this.page.locator(`input[name="mappaLevel"][value="${level}"]`).check()
    await this.page.locator('[data-qa="save-registration"]').click()
    await this.page.waitForLoadState()
  }
}
