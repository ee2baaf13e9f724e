import type { Locator, Page } from 'playwright-core'

/**
 * Practitioner time, measured (issue 13, item 8): counts what a task costs a user in the browser. Page loads are
 * documents shown in the main frame (a redirect after a form counts once); form submissions are POST navigations;
 * fields typed are the `fill`/`select` calls made through the meter (a radio or checkbox chosen is counted apart, as
 * a click). Only what happens between `start()` and `stop()` counts.
 */
export interface Figures {
  pageLoads: number
  submissions: number
  fieldsTyped: number
  choices: number
}

export class Meter {
  private counting = false
  private figures: Figures = { pageLoads: 0, submissions: 0, fieldsTyped: 0, choices: 0 }

  constructor(readonly page: Page) {
    page.on('framenavigated', frame => {
      if (this.counting && frame === page.mainFrame()) this.figures.pageLoads++
    })
    page.on('request', request => {
      if (this.counting && request.isNavigationRequest() && request.method() === 'POST') this.figures.submissions++
    })
  }

  start() {
    this.figures = { pageLoads: 0, submissions: 0, fieldsTyped: 0, choices: 0 }
    this.counting = true
  }

  stop(): Figures {
    this.counting = false
    return { ...this.figures }
  }

  /** Opens a page by its address, as a bookmark or a typed URL would. */
  async goto(url: string) {
    await this.page.goto(url)
  }

  /** Follows a link or presses a button, and waits for the page it leads to. */
  async click(locator: Locator) {
    await locator.click()
    await this.page.waitForLoadState()
  }

  /** Types into a field. */
  async fill(locator: Locator, value: string) {
    this.figures.fieldsTyped++
    await locator.fill(value)
  }

  /** Chooses from a drop-down (counted as a field typed). */
  async select(locator: Locator, value: string | { label: string } | { index: number }) {
    this.figures.fieldsTyped++
    await locator.selectOption(value)
  }

  /** Ticks a radio button or checkbox. */
  async choose(locator: Locator) {
    this.figures.choices++
    await locator.check()
  }
}
