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
