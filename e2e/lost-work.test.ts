import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.ts'
import { SignInPage } from './support/pages.ts'

// Issue 13, item 7: work is never lost at a time-out. Demo person X100003 is managed by pat.practitioner's team.
const CRN = 'X100003'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

describe('work is never lost at a time-out', () => {
  it('a contact note sent after the session ended is submitted once the practitioner signs in again', async () => {
    const page = h.page
    await (await SignInPage.open(page)).signIn('pat.practitioner')
    await page.goto(`/people/${CRN}/activity/new`)
    await page.getByLabel('Phone call').check()
    await page.locator('#time').fill('00:01')
    const note = 'Rang about the hostel: moving in on Monday, curfew explained again.'
    await page.locator('#notes').fill(note)

    // The session times out (the browser has lost its session cookie), then the note is sent.
    await page.context().clearCookies()
    await page.locator('[data-qa="save-contact"]').click()
    await page.waitForLoadState()
    const signIn = await SignInPage.verifyOnPage(page)
    expect(await page.locator('[data-qa="kept-changes"]').textContent()).toContain(
      'You were signed out, so your changes have not been saved yet',
    )
    await h.checkAccessibility()
    await signIn.signIn('pat.practitioner')

    expect(await page.locator('h1').textContent()).toContain('Submit your changes now?')
    await page.locator('[data-qa="kept-fields"] summary').click()
    expect(await page.locator('[data-qa="kept-fields"]').textContent()).toContain(note)
    await h.checkAccessibility()
    await page.locator('[data-qa="resume-submit"]').click()
    await page.waitForLoadState()

    expect(new URL(page.url()).pathname).toBe(`/people/${CRN}/activity`)
    expect(await page.locator('main').textContent()).toContain(note)
  })

  it('a long form keeps a draft in the browser and offers it back after a reload', async () => {
    const page = h.page
    await page.goto(`/people/${CRN}/activity/new`)
    expect(await page.locator('[data-qa="local-draft-banner"]').count()).toBe(0)
    const draft = 'A long note typed before the page was reloaded.\nWith a second paragraph.'
    await page.locator('#notes').fill(draft)
    await page.waitForTimeout(1500)

    await page.reload()
    const banner = page.locator('[data-qa="local-draft-banner"]')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/You have unsaved changes from \d\d:\d\d/)
    expect(await page.locator('#notes').inputValue()).toBe('')
    await h.checkAccessibility()
    await page.locator('[data-qa="local-draft-restore"]').click()
    expect(await page.locator('#notes').inputValue()).toBe(draft)
    expect(await banner.textContent()).toContain('restored')

    // Saved: the draft is gone, and the form comes back empty with no offer.
    await page.getByLabel('Phone call').check()
    await page.locator('#time').fill('00:02')
    await page.locator('[data-qa="save-contact"]').click()
    await page.waitForLoadState()
    expect(await page.locator('main').textContent()).toContain('With a second paragraph.')
    await page.goto(`/people/${CRN}/activity/new`)
    expect(await page.locator('[data-qa="local-draft-banner"]').count()).toBe(0)
    expect(await page.evaluate(() => Object.keys(localStorage).filter(k => k.startsWith('probity-draft:')))).toEqual([])
  })
})
