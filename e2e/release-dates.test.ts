import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.ts'
import { ReleaseDatesPage, SignInPage } from './support/pages.ts'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(() => h?.close())

describe('release-date calculator in a browser', () => {
  it('calculates a booking of three consecutive sentences entered one block at a time', async () => {
    const signIn = await SignInPage.open(h.page)
    await signIn.signIn('pat.practitioner')
    await h.page.locator('.govuk-service-navigation').getByRole('link', { name: 'Release dates' }).click()
    const calculator = await ReleaseDatesPage.verifyOnPage(h.page)
    await h.checkAccessibility()

    // Reference case custom-crs-1008-consec-week-years: 1 week, then 1 month, then 1 month, consecutive.
    await calculator.fillDate('dateOfBirth', '1990-01-01')
    await calculator.fillDate('calculationDate', '2026-03-01')
    await h.page.getByLabel('Standard release at one half (before SDS40)').check()
    await h.page.getByLabel('No, PSS still applies').check()
    await calculator.fillSentence(1, { sentenceDate: '2022-01-23', offenceDate: '2022-01-22', weeks: 1 })
    await calculator.addSentence()
    await ReleaseDatesPage.verifyOnPage(h.page)
    // What was typed survives the round trip that adds a sentence block.
    expect(await h.page.locator('#sentence1-weeks').inputValue()).toBe('1')
    await calculator.fillSentence(2, {
      sentenceDate: '2022-01-23',
      offenceDate: '2022-01-22',
      months: 1,
      consecutiveTo: 1,
    })
    await calculator.addSentence()
    await calculator.fillSentence(3, {
      sentenceDate: '2022-01-23',
      offenceDate: '2022-01-22',
      months: 1,
      consecutiveTo: 2,
    })
    await h.checkAccessibility()
    await calculator.calculate()

    expect(await calculator.dates()).toEqual({
      CRD: '2022-02-24',
      SLED: '2022-03-29',
      TUSED: '2023-02-24',
      ESED: '2022-03-29',
    })
    const results = h.page.locator('[data-qa="results"]')
    expect(await results.textContent()).toContain('Conditional release date')
    expect(await results.textContent()).toContain('24 February 2022')
    expect(await h.page.locator('[data-qa="regime-why"]').textContent()).toContain('You chose this law on the form.')
    await h.checkAccessibility()
  })

  it('shows the error summary for an impossible date, then calculates when corrected', async () => {
    const calculator = await ReleaseDatesPage.open(h.page)
    await calculator.fillSentence(1, { sentenceDate: '2022-10-15', offenceDate: '2022-10-10', months: 18 })
    await h.page.locator('#sentence1-sentenceDate-day').fill('31')
    await h.page.locator('#sentence1-sentenceDate-month').fill('2')
    await calculator.calculate()
    const summary = h.page.locator('.govuk-error-summary')
    expect(await summary.textContent()).toContain('Sentence date for sentence 1 must be a real date')
    await h.checkAccessibility()
    // The summary links to the field at fault.
    await summary.getByRole('link', { name: 'Sentence date for sentence 1 must be a real date' }).click()
    expect(await h.page.evaluate(() => document.activeElement?.id)).toBe('sentence1-sentenceDate-day')

    await calculator.fillDate('sentence1-sentenceDate', '2022-10-15')
    await calculator.calculate()
    expect(await h.page.locator('.govuk-error-summary').count()).toBe(0)
    const dates = await calculator.dates()
    // 15 July 2023 is a Saturday: the date stands, the hint says what happens in practice.
    expect(dates.CRD).toBe('2023-07-15')
    expect(await h.page.locator('[data-qa="hint-CRD"]').textContent()).toContain(
      'Falls on Saturday: release would normally happen on Friday 14 July 2023',
    )
    await h.checkAccessibility()
  })

  it('calculates when Enter is pressed in a field, rather than adding a sentence', async () => {
    const calculator = await ReleaseDatesPage.open(h.page)
    await calculator.fillSentence(1, { sentenceDate: '2022-10-11', offenceDate: '2022-10-10', months: 18 })
    await h.page.locator('#sentence1-months').press('Enter')
    await h.page.waitForLoadState()
    expect((await calculator.dates()).CRD).toBe('2023-07-11')
    expect(await h.page.locator('#sentence2-sentenceDate-day').count()).toBe(0)
  })
})
