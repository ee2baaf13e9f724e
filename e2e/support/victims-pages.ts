import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { fillDate } from './custody-pages.ts'

/**
 * Page objects for the Victim Contact Scheme (issue 15, src/features/victims): adding the event a sentence is for
 * (sentencing's "Add an event"), the victim liaison work list, the referral form, the victim's page, the victim-related
 * licence conditions page, and what the offender's side may show of the scheme (the licence page's panel of requested
 * conditions, the overview's "Victim contact" panel).
 */

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

async function submit(page: Page, button: ReturnType<Page['locator']>) {
  await button.click()
  await page.waitForLoadState()
}

async function errorSummary(page: Page) {
  return (await page.locator('.govuk-error-summary__list li').allInnerTexts()).map(squash)
}

async function summaryRows(page: Page, selector: string): Promise<Record<string, string>> {
  const rows = page.locator(`${selector} .govuk-summary-list__row`)
  const keys = (await rows.locator('.govuk-summary-list__key').allInnerTexts()).map(squash)
  const values = (await rows.locator('.govuk-summary-list__value').allInnerTexts()).map(squash)
  return Object.fromEntries(keys.map((k, i) => [k, values[i]]))
}

/** Sentencing's "Add an event": a conviction awaiting sentence, with its court and main offence. */
export class EventForm {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/events/new`)
    expect(squash(await page.locator('h1').textContent())).toBe('Add an event')
    return new EventForm(page)
  }
  async fill(e: { court: string; convictionDate: string; mainOffenceCode: string; mainOffenceDate: string }) {
    await this.page.getByLabel('Court', { exact: true }).selectOption({ label: e.court })
    await fillDate(this.page, 'convictionDate', e.convictionDate)
    await this.page.getByLabel('Main offence code').fill(e.mainOffenceCode)
    await fillDate(this.page, 'mainOffenceDate', e.mainOffenceDate)
  }
  async save() {
    await submit(this.page, this.page.locator('[data-qa="save"]'))
  }
  errors() {
    return errorSummary(this.page)
  }
}

/**
 * On the sentence form, the open event whose main offence is `code` (the radio reads "Event 3, convicted … – 00802
 * Violence"): its number.
 */
export async function openEventNumberFor(page: Page, code: string) {
  const label = page.locator('label.govuk-radios__label', { hasText: new RegExp(`Event \\d+, .*– ${code}\\b`) })
  expect(await label.count()).toBe(1)
  const id = await label.getAttribute('for')
  return Number(await page.locator(`input#${id}[name="eventNumber"]`).getAttribute('value'))
}

export interface OverdueReferral {
  offender: string
  sentenced: string
  dueBy: string
  reason: string
}

/** The victim liaison work list: tasks, referrals overdue, my victims (and, for a manager, victims with no officer). */
export class VictimsWorkListPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/victims')
    return VictimsWorkListPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Victim liaison work list')
    return new VictimsWorkListPage(page)
  }
  /** The case's row in "Referral overdue", or null when it is not listed. */
  async overdue(crn: string): Promise<OverdueReferral | null> {
    const row = this.page.locator(`[data-qa="overdue"] [data-qa="overdue-${crn}"]`)
    if ((await row.count()) === 0) return null
    const cells = row.locator('td')
    // The first cell is the name, the CRN and the link to refer: the name is its first line.
    const first = (await cells.nth(0).innerText()).split('\n').map(s => s.trim())
    return {
      offender: first[0],
      sentenced: squash(await cells.nth(1).textContent()),
      dueBy: squash(await cells.nth(2).textContent()),
      reason: squash(await cells.nth(3).textContent()),
    }
  }
  /** Follows "Record a referral" on the case's overdue row. */
  async refer(crn: string) {
    await submit(this.page, this.page.locator(`[data-qa="overdue-${crn}"] a`, { hasText: 'Record a referral' }))
    return ReferralForm.verifyOnPage(this.page)
  }
  /** The open tasks: each row's words (task with its dates, victim, offender and CRN, due). */
  async tasks() {
    const rows = this.page.locator('[data-qa="tasks"] tbody tr')
    const out: { task: string; victim: string; offender: string; due: string }[] = []
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = (await rows.nth(i).locator('td').allInnerTexts()).map(squash)
      out.push({ task: cells[0], victim: cells[1], offender: cells[2], due: cells[3] })
    }
    return out
  }
  /** The names in "My victims". */
  async mine() {
    return (await this.page.locator('[data-qa="mine"] tbody tr td:first-child').allInnerTexts()).map(squash)
  }
}

export interface Referral {
  forename: string
  surname: string
  addressLine1: string
  town: string
  postcode: string
  phone?: string
  preferredMethod: 'Letter' | 'Phone' | 'Email' | 'Visit'
  wishes: string
  referredOn: string
  referredBy: string
}

/** Recording a referral from the witness care unit: the offender found by CRN, then the victim and the referral. */
export class ReferralForm {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Record a victim referral')
    return new ReferralForm(page)
  }
  /** "Offender: Kwame Brown (X100035)", as the page confirms the CRN. */
  async offender() {
    return squash(await this.page.locator('[data-qa="offender"]').textContent())
  }
  async fill(r: Referral) {
    const form = this.page.locator('[data-qa="referral-form"]')
    await form.getByLabel('First name').fill(r.forename)
    await form.getByLabel('Last name').fill(r.surname)
    await form.getByLabel('Address line 1').fill(r.addressLine1)
    await form.getByLabel('Town or city').fill(r.town)
    await form.getByLabel('Postcode').fill(r.postcode)
    if (r.phone) await form.getByLabel('Phone number').fill(r.phone)
    await form.getByLabel('Preferred way to be contacted').selectOption({ label: r.preferredMethod })
    await form.getByLabel('The victim’s wishes').fill(r.wishes)
    await fillDate(this.page, 'referredOn', r.referredOn)
    await form.getByLabel('Referring witness care unit').fill(r.referredBy)
  }
  async submit() {
    await submit(this.page, this.page.locator('[data-qa="referral-form"] [data-qa="submit"]'))
  }
  errors() {
    return errorSummary(this.page)
  }
}

/** The victim's page: details and wishes, the referral, opting in or out, the offender facts, eligibility, tasks. */
export class VictimPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, victimId: number) {
    await page.goto(`/victims/${victimId}`)
    return VictimPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('.govuk-caption-l').first().textContent())).toBe('Victim Contact Scheme')
    expect(await page.locator('[data-qa="victim-name"]').count()).toBe(1)
    return new VictimPage(page)
  }
  /** The victim's id, from the page's address. */
  id() {
    return Number(/\/victims\/(\d+)/.exec(new URL(this.page.url()).pathname)![1])
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"] .govuk-notification-banner__content').textContent())
  }
  async name() {
    return squash(await this.page.locator('[data-qa="victim-name"]').textContent())
  }
  async decision() {
    return squash(await this.page.locator('[data-qa="decision"]').first().textContent())
  }
  details() {
    return summaryRows(this.page, '[data-qa="details"]')
  }
  referral() {
    return summaryRows(this.page, '[data-qa="referral"]')
  }
  offender() {
    return summaryRows(this.page, '[data-qa="offender"]')
  }
  async eligibility() {
    return squash(await this.page.locator('[data-qa="eligibility"]').textContent())
  }
  /** The decisions table, the latest first: each row's words. */
  async decisions() {
    return (await this.page.locator('[data-qa="decisions"] [data-qa="decision-row"]').allInnerTexts()).map(squash)
  }
  async recordDecision(d: { decision: 'Opted in' | 'Opted out'; on: string; notes?: string }) {
    const form = this.page.locator('[data-qa="decision-form"]')
    await form.getByLabel(d.decision, { exact: true }).check()
    await fillDate(this.page, 'decidedOn', d.on)
    if (d.notes) await form.getByLabel('Notes (optional)').fill(d.notes)
    await submit(this.page, this.page.locator('[data-qa="decision-submit"]'))
    return VictimPage.verifyOnPage(this.page)
  }
  /** The condition requests listed on the victim's page. */
  async conditionRequests() {
    return (await this.page.locator('[data-qa="condition-requests"] li').allInnerTexts()).map(squash)
  }
  async conditions() {
    await submit(this.page, this.page.locator('[data-qa="conditions-link"]'))
    return VictimConditionsPage.verifyOnPage(this.page)
  }
  /** The open tasks: each as its words (heading, due date and the dates the victim may be told). */
  async openTasks() {
    return (await this.page.locator('[data-qa="open-tasks"] > li').allInnerTexts()).map(squash)
  }
  async openTask(heading: string) {
    await submit(this.page, this.page.locator('[data-qa="open-tasks"] a', { hasText: heading }))
    return VictimTaskPage.verifyOnPage(this.page)
  }
}

/** The victim-related licence conditions the victim liaison officer asks for, with their wording. */
export class VictimConditionsPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Victim-related licence conditions')
    return new VictimConditionsPage(page)
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"] .govuk-notification-banner__content').textContent())
  }
  async request(r: { condition: string; wording: string }) {
    const form = this.page.locator('[data-qa="condition-form"]')
    await form.getByLabel(r.condition, { exact: true }).check()
    await form.getByLabel('Wording for the licence').fill(r.wording)
    await submit(this.page, this.page.locator('[data-qa="request-condition"]'))
    return VictimConditionsPage.verifyOnPage(this.page)
  }
  /** The requests listed: title and wording, then who asked and when. */
  async requests() {
    return (await this.page.locator('[data-qa="requests"] > li').allInnerTexts()).map(squash)
  }
  errors() {
    return errorSummary(this.page)
  }
  async fieldError(id: string) {
    return squash(await this.page.locator(`#${id}-error`).textContent())
  }
  async back() {
    await submit(this.page, this.page.locator('.govuk-back-link'))
    return VictimPage.verifyOnPage(this.page)
  }
}

/** One task for the victim liaison officer: the facts the victim may be told. */
export class VictimTaskPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('[data-qa="task-heading"]').count()).toBe(1)
    return new VictimTaskPage(page)
  }
  async heading() {
    return squash(await this.page.locator('[data-qa="task-heading"]').textContent())
  }
  facts() {
    return summaryRows(this.page, '[data-qa="task-facts"]')
  }
  async notes() {
    return (await this.page.locator('[data-qa="task-note"]').allInnerTexts()).map(squash)
  }
  async conditions() {
    return (await this.page.locator('[data-qa="task-conditions"] li').allInnerTexts()).map(squash)
  }
}

/** The licence page's panel of victim-related conditions requested: each as its words (title, date, wording). */
export async function victimConditionsOnLicence(page: Page) {
  return (await page.locator('[data-qa="victim-conditions"] li').allInnerTexts()).map(squash)
}

/** The person overview's "Victim contact" panel, or null when it is not there. */
export async function victimContactPanel(page: Page) {
  const panel = page.locator('[data-qa="victim-contact"]')
  return (await panel.count()) ? squash(await panel.textContent()) : null
}
