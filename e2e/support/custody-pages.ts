import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/**
 * Page objects for Through the Gate (issue 14): recording a custodial sentence, the custody record and release
 * (src/features/custody), resettlement (src/features/resettlement), the licence (src/features/licences), the first
 * appointment after release on the caseload, and the recall decision (src/features/recall).
 */

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

/** Fills a GOV.UK date input whose boxes are `#<id>-day`, `#<id>-month` and `#<id>-year`. */
export async function fillDate(page: Page, id: string, iso: string) {
  const [year, month, day] = iso.split('-')
  await page.locator(`#${id}-day`).fill(String(Number(day)))
  await page.locator(`#${id}-month`).fill(String(Number(month)))
  await page.locator(`#${id}-year`).fill(year)
}

async function submit(page: Page, button: ReturnType<Page['locator']>) {
  await button.click()
  await page.waitForLoadState()
}

async function errorSummary(page: Page) {
  return (await page.locator('.govuk-error-summary__list li').allTextContents()).map(squash)
}

/** The sentence form (sentencing's "Record a sentence"), filled for a custodial sentence on an existing event. */
export class CustodialSentenceForm {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/sentences`)
    await submit(page, page.locator('[data-qa="record-sentence"]'))
    expect(squash(await page.locator('h1').textContent())).toBe('Record a sentence')
    return new CustodialSentenceForm(page)
  }
  async fill(s: {
    eventNumber: number
    sentenceDate: string
    length: { value: number; unit: 'days' | 'weeks' | 'months' | 'years' }
    custodialType: string
  }) {
    await this.page.locator(`input[name="eventNumber"][value="${s.eventNumber}"]`).check()
    await this.page.getByLabel('Custodial sentence', { exact: true }).check()
    await fillDate(this.page, 'sentenceDate', s.sentenceDate)
    await this.page.locator('#lengthValue').fill(String(s.length.value))
    await this.page.locator('#lengthUnit').selectOption(s.length.unit)
    await this.page.getByLabel('Type', { exact: true }).selectOption({ label: s.custodialType })
  }
  async save() {
    await submit(this.page, this.page.locator('[data-qa="save"]'))
  }
  errors() {
    return errorSummary(this.page)
  }
}

/** The Custody page: key dates, licence period, the custody record, releases and the first appointment's clock. */
export class CustodyPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/custody`)
    return CustodyPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Custody')
    return new CustodyPage(page)
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"] .govuk-notification-banner__content').textContent())
  }
  /** The key dates shown, by key (CRD, SLED …), as the page writes them. */
  async keyDates(): Promise<Record<string, string>> {
    const spans = this.page.locator('[data-qa^="key-date-"]')
    const keys = await spans.evaluateAll(ss => ss.map(s => s.getAttribute('data-qa')!.replace('key-date-', '')))
    const texts = await spans.allTextContents()
    return Object.fromEntries(keys.map((k, i) => [k, squash(texts[i])]))
  }
  async licencePeriod() {
    return squash(await this.page.locator('[data-qa="licence-period"]').first().textContent())
  }
  /** The custody record's rows, "Prison" → "HMP Moorland (MDI)". */
  async record(): Promise<Record<string, string>> {
    const rows = this.page.locator('[data-qa="custody-record"] .govuk-summary-list__row')
    const keys = (await rows.locator('.govuk-summary-list__key').allTextContents()).map(squash)
    const values = (await rows.locator('.govuk-summary-list__value').allTextContents()).map(squash)
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]))
  }
  async releases() {
    return (await this.page.locator('[data-qa="releases"] li').allTextContents()).map(squash)
  }
  async firstAppointmentDue() {
    const due = this.page.locator('[data-qa="first-appointment-due"]')
    return (await due.count()) ? squash(await due.textContent()) : null
  }
  async createRecord() {
    await submit(this.page, this.page.locator('[data-qa="create-record"]').first())
    expect(squash(await this.page.locator('h1').textContent())).toBe('Create the custody record')
    return new CustodyRecordForm(this.page)
  }
  async recordRelease() {
    await submit(this.page, this.page.locator('a[data-qa="record-release"]'))
    expect(squash(await this.page.locator('h1').textContent())).toBe('Record a release')
    return new ReleaseForm(this.page)
  }
}

export class CustodyRecordForm {
  constructor(readonly page: Page) {}
  async fill(r: { prisonNumber: string; prisonCode: string; prisonName: string; receptionDate: string }) {
    await this.page.getByLabel('Prison number').fill(r.prisonNumber)
    await this.page.getByLabel('Prison code').fill(r.prisonCode)
    await this.page.getByLabel('Prison name').fill(r.prisonName)
    await fillDate(this.page, 'receptionDate', r.receptionDate)
  }
  async save() {
    await submit(this.page, this.page.locator('[data-qa="save"]'))
    return CustodyPage.verifyOnPage(this.page)
  }
}

export class ReleaseForm {
  constructor(readonly page: Page) {}
  async release(r: { date: string; type: string }) {
    await fillDate(this.page, 'releaseDate', r.date)
    await this.page.getByLabel(r.type, { exact: true }).check()
    await submit(this.page, this.page.locator('button[data-qa="record-release"]'))
  }
  errors() {
    return errorSummary(this.page)
  }
}

/** The Resettlement (Through the Gate) page: screening, needs, the plan and the release-day plan, all on one page. */
export class ResettlementPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/resettlement`)
    return ResettlementPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Resettlement (Through the Gate)')
    return new ResettlementPage(page)
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"] .govuk-notification-banner__content').textContent())
  }
  errors() {
    return errorSummary(this.page)
  }
  /** A screening part's row: due, done on, by, status. */
  async screening(part: 1 | 2) {
    const cells = (await this.page.locator(`[data-qa="screening-part${part}"] td`).allTextContents()).map(squash)
    return { due: cells[0], doneOn: cells[1], by: cells[2], status: cells[3] }
  }
  /** Opens the screening part's form (folded away under "Record screening part n") and records it. */
  async recordScreening(part: 1 | 2, s: { on: string; by: string; notes?: string }) {
    await this.page.locator('summary', { hasText: `Record screening part ${part}` }).click()
    const form = this.page.locator(`[data-qa="screening-form-${part}"]`)
    await fillDate(this.page, `part${part}-completedOn`, s.on)
    await form.getByLabel('Who did it').fill(s.by)
    if (s.notes) await form.getByLabel('Notes (optional)').fill(s.notes)
    await submit(this.page, this.page.locator(`[data-qa="save-screening-${part}"]`))
    return ResettlementPage.verifyOnPage(this.page)
  }
  /** Answers pathways (by their words on the page): a need with its notes, or `null` for no need. */
  async recordNeeds(answers: Record<string, string | null>) {
    const form = this.page.locator('[data-qa="needs-form"]')
    for (const [pathway, notes] of Object.entries(answers)) {
      const group = form.locator('fieldset', { has: this.page.locator('legend', { hasText: pathway }) }).first()
      await group.getByLabel(notes === null ? 'No need' : 'Need', { exact: true }).check()
      if (notes !== null) await form.getByLabel(`What the need is (${pathway})`).fill(notes)
    }
    await submit(this.page, this.page.locator('[data-qa="save-needs"]'))
    return ResettlementPage.verifyOnPage(this.page)
  }
  /** The needs table: pathway → "Yes" / "No" / "Not recorded". */
  async needs(): Promise<Record<string, string>> {
    const rows = this.page.locator('[data-qa="needs-table"] tbody tr')
    const pathways = (await rows.locator('th').allTextContents()).map(squash)
    const answers = (await rows.locator('td:nth-of-type(1)').allTextContents()).map(squash)
    return Object.fromEntries(pathways.map((p, i) => [p, answers[i]]))
  }
  async addAction(a: { pathway: string; what: string; partner?: string; staff?: string; due: string }) {
    const form = this.page.locator('[data-qa="action-form"]')
    await form.getByLabel('Pathway').selectOption({ label: a.pathway })
    await form.getByLabel('What is to be done').fill(a.what)
    if (a.partner) {
      await form.getByLabel('A partner organisation', { exact: true }).check()
      await form.getByLabel('Partner organisation (if a partner owns it)').fill(a.partner)
    } else {
      await form.getByLabel('A member of staff', { exact: true }).check()
      await form.getByLabel('Member of staff (if a member of staff owns it)').selectOption({ label: a.staff! })
    }
    await fillDate(this.page, 'actionDue', a.due)
    await submit(this.page, this.page.locator('[data-qa="add-action"]'))
    return ResettlementPage.verifyOnPage(this.page)
  }
  /** The plan's actions as the table shows them. */
  async actions() {
    const rows = this.page.locator('[data-qa="plan-table"] tbody tr')
    const out: { pathway: string; what: string; owner: string; due: string; status: string }[] = []
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = (await rows.nth(i).locator('td').allTextContents()).map(squash)
      out.push({ pathway: cells[0], what: cells[1], owner: cells[2], due: cells[3], status: cells[4] })
    }
    return out
  }
  async writeReleaseDayPlan(p: {
    firstNight: string
    metBy: string
    travel: string
    firstAppointmentDate: string
    firstAppointmentPlace: string
    medication?: string
    id?: string
  }) {
    const form = this.page.locator('[data-qa="release-day-form"]')
    await form.getByLabel('Address for the first night').fill(p.firstNight)
    await form.getByLabel('Who meets them at the gate').fill(p.metBy)
    await form.getByLabel('Travel from the prison').fill(p.travel)
    await fillDate(this.page, 'firstAppointmentDate', p.firstAppointmentDate)
    await form.getByLabel('First appointment place').fill(p.firstAppointmentPlace)
    if (p.medication) await form.getByLabel('Medication (optional)').fill(p.medication)
    if (p.id) await form.getByLabel('ID (optional)').fill(p.id)
    await submit(this.page, this.page.locator('[data-qa="save-release-day"]'))
    return ResettlementPage.verifyOnPage(this.page)
  }
  /** The release-day plan's rows, "Who meets them" → text. */
  async releaseDayPlan(): Promise<Record<string, string>> {
    const rows = this.page.locator('[data-qa="release-day-plan"] .govuk-summary-list__row')
    const keys = (await rows.locator('.govuk-summary-list__key').allTextContents()).map(squash)
    const values = (await rows.locator('.govuk-summary-list__value').allTextContents()).map(squash)
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]))
  }
  async preReleaseWindow() {
    return squash(await this.page.locator('[data-qa="pre-release-window"]').textContent())
  }
}

/** The Licence page: its period, the version being worked on, the licence in force and every version. */
export class LicencePage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/licence`)
    return LicencePage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Licence')
    return new LicencePage(page)
  }
  async banner() {
    return squash(
      await this.page.locator('.govuk-notification-banner--success .govuk-notification-banner__content').textContent(),
    )
  }
  async summary(): Promise<Record<string, string>> {
    const rows = this.page.locator('[data-qa="licence-summary"] .govuk-summary-list__row')
    const keys = (await rows.locator('.govuk-summary-list__key').allTextContents()).map(squash)
    const values = (await rows.locator('.govuk-summary-list__value').allTextContents()).map(squash)
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]))
  }
  async openVersionHeading() {
    return squash(await this.page.locator('[data-qa="open-version"] h2').textContent())
  }
  /** The additional conditions of a section (`open-version` or `licence-in-force`): category → wording. */
  async additionalConditions(section: 'open-version' | 'licence-in-force'): Promise<Record<string, string>> {
    const rows = this.page.locator(`[data-qa="${section}"] [data-qa="additional-conditions"] .govuk-summary-list__row`)
    const keys = (await rows.locator('dt').allTextContents()).map(squash)
    const values = (await rows.locator('dd p:first-child').allTextContents()).map(squash)
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]))
  }
  async write() {
    await submit(this.page, this.page.locator('[data-qa="write"]'))
    return LicenceConditionsForm.verifyOnPage(this.page)
  }
  async submitForApproval() {
    await submit(this.page, this.page.locator('[data-qa="submit"]'))
    return LicencePage.verifyOnPage(this.page)
  }
  async approve() {
    await submit(this.page, this.page.locator('[data-qa="approve"]'))
    return LicencePage.verifyOnPage(this.page)
  }
  async pdfHref(section: 'open-version' | 'licence-in-force') {
    return this.page.locator(`[data-qa="${section}"] a[href$="/pdf"]`).first().getAttribute('href')
  }
}

export class LicenceConditionsForm {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toMatch(/^(Write|Vary) the licence$/)
    return new LicenceConditionsForm(page)
  }
  async standardTicked() {
    return this.page.locator('input[name="standard"]:checked').count()
  }
  async curfew(c: { address: string; from: string; to: string; justification: string }) {
    await this.page.getByLabel('Curfew arrangement', { exact: true }).check()
    await this.page.locator('#curfew-address').fill(c.address)
    await this.page.locator('#curfew-startTime').fill(c.from)
    await this.page.locator('#curfew-endTime').fill(c.to)
    await this.page.locator('#curfew-justification').fill(c.justification)
  }
  async exclusionZone(z: { description: string; mapReference?: string; justification: string }) {
    await this.page.getByLabel('Freedom of movement (exclusion zone)', { exact: true }).check()
    await this.page.locator('#exclusion_zone-description').fill(z.description)
    if (z.mapReference) await this.page.locator('#exclusion_zone-mapReference').fill(z.mapReference)
    await this.page.locator('#exclusion_zone-justification').fill(z.justification)
  }
  async save() {
    await submit(this.page, this.page.locator('[data-qa="save"]'))
  }
  errors() {
    return errorSummary(this.page)
  }
  /** The error shown at a field, by its input's id. */
  async fieldError(id: string) {
    return squash(await this.page.locator(`#${id}-error`).textContent())
  }
}

/** The practitioner's caseload row of a released case: the first appointment's clock and its link. */
export async function firstAppointmentOnCaseload(page: Page, crn: string) {
  const row = page.locator(`[data-qa="caseload-row-${crn}"]`)
  if ((await row.count()) === 0) return null
  const block = row.locator('[data-qa="first-appointment"]')
  if ((await block.count()) === 0) return { shown: true, dueBy: null, clock: null }
  return {
    shown: true,
    dueBy: squash(await block.locator('[data-qa="first-appointment-due"]').textContent()),
    clock: squash(await block.locator('.govuk-tag').textContent()),
  }
}

/** The recall decision page: the steps so far, and the form for the next one. */
export class RecallPage {
  constructor(readonly page: Page) {}
  static async open(page: Page, crn: string) {
    await page.goto(`/people/${crn}/recall`)
    return RecallPage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Recall')
    return new RecallPage(page)
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"] .govuk-notification-banner__content').textContent())
  }
  errors() {
    return errorSummary(this.page)
  }
  async next() {
    const h = this.page.locator('h2', { hasText: /^Next: / })
    return (await h.count()) ? squash(await h.textContent()).replace(/^Next: /, '') : null
  }
  /** The summary of the recall being considered: "Grounds" → text. */
  async summary(): Promise<Record<string, string>> {
    const rows = this.page.locator('[data-qa="recall-summary"] .govuk-summary-list__row')
    const keys = (await rows.locator('dt').allTextContents()).map(squash)
    const values = (await rows.locator('dd').allTextContents()).map(squash)
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]))
  }
  private form(step: string) {
    return this.page.locator(`[data-qa="recall-form-${step}"]`)
  }
  private async send(step: string) {
    await submit(this.page, this.form(step).locator('button'))
    return RecallPage.verifyOnPage(this.page)
  }
  async raiseConcern(grounds: string[], concern: string) {
    for (const g of grounds) await this.form('concern').getByLabel(g, { exact: true }).check()
    await this.form('concern').getByLabel('Your concern').fill(concern)
    return this.send('concern')
  }
  async consult(senior: string, on: string, notes: string) {
    await this.form('consultation').getByLabel('Senior you consulted').fill(senior)
    await fillDate(this.page, 'consultedOn', on)
    await this.form('consultation').getByLabel('What the senior advised (optional)').fill(notes)
    return this.send('consultation')
  }
  async rationale(rationale: string, alternatives: string) {
    await this.form('rationale').getByLabel('Rationale').fill(rationale)
    await this.form('rationale').getByLabel('Alternatives to recall tried').fill(alternatives)
    return this.send('rationale')
  }
  async decide(decision: string, extendedSentence: boolean, reason: string) {
    await this.form('decision').getByLabel(decision, { exact: true }).check()
    await this.form('decision')
      .locator(`input[name="extendedSentence"][value="${extendedSentence ? 'yes' : 'no'}"]`)
      .check()
    await this.form('decision').getByLabel('Reason for the decision (optional)').fill(reason)
    return this.send('decision')
  }
  async produce(step: 'part_a' | 'senior_countersignature' | 'aco_countersignature') {
    return this.send(step)
  }
  async sentToPpcs(on: string) {
    await fillDate(this.page, 'sentOn', on)
    return this.send('sent_to_ppcs')
  }
  async returnedToCustody(on: string) {
    await fillDate(this.page, 'returnedOn', on)
    return this.send('custody_return')
  }
  async partAHref() {
    return this.page.locator('[data-qa="recall-summary"] a', { hasText: 'Part A report (PDF)' }).getAttribute('href')
  }
  /** The history of the recalls, one line per step. */
  async history() {
    return (await this.page.locator('h2:has-text("History") ~ ul.govuk-list li').allTextContents()).map(squash)
  }
}

/** The enforcement page's open actions of one type, each as its row's words (title, what to do, due date). */
export async function openActionTexts(page: Page, crn: string, type: string) {
  await page.goto(`/people/${crn}/enforcement`)
  const rows = page.locator(`[data-qa="open-actions"] [data-qa="action"][data-type="${type}"]`)
  return (await rows.allTextContents()).map(squash)
}
