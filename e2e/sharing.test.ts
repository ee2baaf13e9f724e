import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.ts'
import { SignInPage } from './support/pages.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

// Demo person index 2: managed by pat.practitioner's team (Team A, whose senior is sam.senior).
const CRN = 'X100003'

/** Checks the page with axe at desktop and at phone width. */
async function checkBothWidths() {
  for (const width of [1280, 375]) {
    await h.page.setViewportSize({ width, height: 900 })
    await h.checkAccessibility()
  }
  await h.page.setViewportSize({ width: 1280, height: 900 })
}

async function signInAs(username: string) {
  await (await SignInPage.open(h.page)).signIn(username)
}

async function signOut() {
  await h.page.goto('/account')
  await h.page.locator('[data-qa="sign-out"]').click()
  await h.page.waitForLoadState()
}

describe('need-to-know sharing in a browser', () => {
  it('another provider is refused, asks for access, the senior grants it from needs attention, and the asker reads', async () => {
    await signInAs('alex.crc')
    const refused = await h.page.goto(`/people/${CRN}`)
    expect(refused?.status()).toBe(403)
    await checkBothWidths()
    await h.page.locator('[data-qa="ask-for-access"]').click()
    await h.page.waitForLoadState()
    expect(await h.page.locator('h1').textContent()).toContain('Ask for access')
    await checkBothWidths()
    await h.page.locator('[data-qa="send-request"]').click()
    await h.page.waitForLoadState()
    expect(await h.page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter why you need to see this record',
    )
    await checkBothWidths()
    await h.page.getByLabel('Why do you need to see this record?').fill('Joint MAPPA case with our team')
    await h.page.locator('[data-qa="send-request"]').click()
    await h.page.waitForLoadState()
    expect(await h.page.locator('[data-qa="my-requests"]').textContent()).toContain('Waiting for a decision')
    await checkBothWidths()
    await signOut()

    await signInAs('sam.senior')
    await h.page.goto(`/people/${CRN}`)
    await h.page.locator('[data-qa="attention-access-request"] a').click()
    await h.page.waitForLoadState()
    expect(await h.page.locator('[data-qa="request"]').textContent()).toContain('Joint MAPPA case with our team')
    await checkBothWidths()
    await h.page.getByLabel('Grant access').check()
    await h.page.locator('[data-qa="save-decision"]').click()
    await h.page.waitForLoadState()
    expect(await h.page.locator('[data-qa="grants"]').textContent()).toContain('Alex Contracted')
    await checkBothWidths()
    await signOut()

    await signInAs('alex.crc')
    const read = await h.page.goto(`/people/${CRN}`)
    expect(read?.status()).toBe(200)
    expect(await h.page.locator('[data-qa="crn"]').textContent()).toContain(CRN)
    await checkBothWidths()
  })
})
