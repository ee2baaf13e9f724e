import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AllocationQueuePage, CaseloadPage } from './support/allocation-pages.ts'
import { CourtListPage } from './support/court-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'
import { SignInPage } from './support/pages.ts'

// Issue 13, "How we will know": each demo role signs in to the living demo region (what `npm start` seeds, dated
// from today) and finds live work. Content only (rows, names, counts): the header is another change's.

let h: Harness
beforeAll(async () => {
  h = await startHarness({ living: true })
})
afterAll(() => h?.close())

async function signInAs(username: string) {
  await h.page.context().clearCookies()
  const signIn = await SignInPage.open(h.page)
  await signIn.signIn(username)
  expect(new URL(h.page.url()).pathname).toBe('/')
}

const texts = async (selector: string) =>
  (await h.page.locator(selector).allTextContents()).map(t => t.replace(/\s+/g, ' ').trim())

describe('the living demo region, as each role sees it', () => {
  it('gives the practitioner a tiered caseload, appointments today and outcomes to record', async () => {
    await signInAs('pat.practitioner')
    await CaseloadPage.open(h.page)
    const tiers = await texts('[data-qa^="caseload-row-"] [data-qa="tier"]')
    expect(tiers.length).toBeGreaterThanOrEqual(20)
    expect(tiers.filter(t => t === 'Not tiered')).toEqual([])
    expect(tiers.every(t => /^[A-D][0-3]/.test(t))).toBe(true)
    const rosh = await texts('[data-qa^="caseload-row-"] [data-qa="rosh"]')
    expect(rosh.filter(r => r === 'Not recorded')).toEqual([])
    expect(await h.page.locator('[data-qa="breach"]').count()).toBeGreaterThanOrEqual(1)

    await h.page.goto('/my-day')
    expect(await h.page.locator('[data-qa="today"] [data-qa="appointment"]').count()).toBeGreaterThanOrEqual(5)
    expect(await h.page.locator('[data-qa="needing-outcome"] [data-qa="appointment"]').count()).toBeGreaterThanOrEqual(
      2,
    )
    expect(await h.page.locator('[data-qa="upcoming"] [data-qa="appointment"]').count()).toBeGreaterThan(0)
  })

  it("gives the practitioner the team's Through the Gate work list: screening due, plan actions late and due", async () => {
    await signInAs('pat.practitioner')
    const response = await h.page.goto('/resettlement')
    expect(response?.status()).toBe(200)
    // X500006 (src/seed/living/custody.ts): in custody near release, screening part 1 done, part 2 due.
    expect(await texts('[data-qa="screening-X500006-2"] .govuk-tag')).toEqual(['Due'])
    const actions = await texts('[data-qa="action-X500006"]')
    expect(actions).toHaveLength(3)
    expect(actions.filter(a => a.endsWith('Late'))).toHaveLength(1)
    expect(actions.some(a => a.includes('Refer to the council’s housing options team'))).toBe(true)
  })

  it('gives the senior an allocation queue with cases inside and past their clock', async () => {
    await signInAs('sam.senior')
    const queue = await AllocationQueuePage.open(h.page)
    const rows = queue.page.locator('[data-qa^="queue-row-"]')
    expect(await rows.count()).toBeGreaterThanOrEqual(4)
    const clocks = await texts('[data-qa^="queue-row-"] [data-qa="clock"]')
    expect(clocks.some(c => c.includes('Overdue by'))).toBe(true)
    expect(clocks.some(c => !c.includes('Overdue by'))).toBe(true)
  })

  it("gives the court officer today's court list, with records matched and defendants to match", async () => {
    await signInAs('chris.court')
    const list = await CourtListPage.open(h.page, 'NTMC')
    const names = await list.listedNames()
    expect(names.length).toBeGreaterThanOrEqual(5)
    expect(names).toContain('Tyler Hargreaves')
    const records = await texts('[data-qa="hearing"] [data-qa="record"]')
    expect(records.some(r => r.startsWith('Not matched'))).toBe(true)
    expect(records.some(r => /X\d{6}/.test(r))).toBe(true)
  })
})
