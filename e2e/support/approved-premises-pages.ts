import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { fillDate } from './custody-pages.ts'

/**
 * Page objects for approved premises (issue 16, src/features/approved-premises): the premises list, a premises with
 * its beds, the "Book a bed" form, a booking's page and the bed plan.
 */

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

export class PremisesListPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Approved premises')
    return new PremisesListPage(page)
  }
  async open(name: string) {
    await this.page.getByRole('link', { name, exact: true }).click()
    await this.page.waitForLoadState()
    return PremisesPage.verifyOnPage(this.page, name)
  }
}

export class PremisesPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page, name: string) {
    expect(squash(await page.locator('h1').textContent())).toBe(name)
    return new PremisesPage(page)
  }
  /** The beds' labels with their characteristics, e.g. "NTAP-01 (room 1)" → "Single room Wheelchair accessible …". */
  async beds(): Promise<Record<string, string>> {
    const rows = this.page.locator('[data-qa="beds"] tbody tr')
    const labels = (await rows.locator('th').allInnerTexts()).map(squash)
    const features = (await rows.locator('td:nth-of-type(1)').allInnerTexts()).map(squash)
    return Object.fromEntries(labels.map((l, i) => [l, features[i]!]))
  }
  async book(bedLabel: string) {
    await this.page.getByRole('link', { name: `Book bed ${bedLabel}` }).click()
    await this.page.waitForLoadState()
    return new BookingForm(this.page)
  }
}

export class BookingForm {
  constructor(readonly page: Page) {}
  async fill(b: { crn: string; arrival: string; departure: string }) {
    await this.page.getByLabel('CRN of the person').fill(b.crn)
    await fillDate(this.page, 'arrival', b.arrival)
    await fillDate(this.page, 'departure', b.departure)
  }
  async save() {
    await this.page.locator('[data-qa="save-booking"]').click()
    await this.page.waitForLoadState()
  }
  async errors() {
    return (await this.page.locator('.govuk-error-summary__list li').allInnerTexts()).map(squash)
  }
}

export class BookingPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toMatch(/^Booking/)
    return new BookingPage(page)
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"]').textContent())
  }
  async person() {
    return squash(await this.page.locator('[data-qa="booked-person"]').textContent())
  }
  async openBedPlan() {
    await this.page.getByRole('link', { name: 'Bed plan', exact: true }).click()
    await this.page.waitForLoadState()
    return BedPlanPage.verifyOnPage(this.page)
  }
}

export class BedPlanPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toMatch(/^Bed plan/)
    return new BedPlanPage(page)
  }
  /** What a screen reader hears for the cell holding a bed's night, e.g. "Booked, 7 nights" (a cell spans a run). */
  async night(bedLabel: string, date: string): Promise<string> {
    return this.page.evaluate(
      ([label, day]) => {
        const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`)
        for (const row of document.querySelectorAll('table.probity-bed-plan tbody tr')) {
          if (row.querySelector('th')?.textContent?.trim() !== label) continue
          for (const cell of row.querySelectorAll<HTMLTableCellElement>('td[data-from]')) {
            const from = at(cell.dataset.from!)
            if (at(day!) >= from && at(day!) < from + cell.colSpan * 86_400_000)
              return cell.querySelector('.govuk-visually-hidden')?.textContent?.trim() ?? ''
          }
        }
        return ''
      },
      [bedLabel, date],
    )
  }
  async weeks() {
    return this.page.locator('table.probity-bed-plan').count()
  }
}
