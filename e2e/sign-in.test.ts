import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.ts'
import { SignInPage } from './support/pages.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

describe('signing in and out in a browser', () => {
  it('shows the error summary for a wrong password, then signs in and out', async () => {
    const signIn = await SignInPage.open(h.page)
    await h.checkAccessibility()
    await signIn.signIn('pat.practitioner', 'this is not my password')
    expect(await h.page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter a correct username and password',
    )
    await h.checkAccessibility()

    await signIn.signIn('pat.practitioner')
    expect(new URL(h.page.url()).pathname).toBe('/')
    expect(await h.page.locator('h1').textContent()).toContain('Probity')
    await h.checkAccessibility()

    await h.page.goto('/account')
    await h.checkAccessibility()
    await h.page.locator('[data-qa="sign-out"]').click()
    await h.page.waitForLoadState()
    expect(new URL(h.page.url()).pathname).toBe('/sign-in')
    await h.page.goto('/')
    expect(new URL(h.page.url()).pathname).toBe('/sign-in')
  })
})
