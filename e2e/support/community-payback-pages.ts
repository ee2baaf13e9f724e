import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { fillDate } from './custody-pages.ts'

/**
 * Page objects for Community Payback (issue 17): the public site a member of the public uses without signing in
 * (nominate with a pin and photos, follow a nomination, the map and the list of work), and the staff pages behind it
 * (nominations, a project made from one, its sessions and register, the supervisor's recording page, photos).
 */

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

/** The text of the GOV.UK error summary's list on any page (empty when there is none). */
export const errorsOn = async (page: Page) =>
  (await page.locator('.govuk-error-summary__list li').allTextContents()).map(squash)

async function press(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click()
  await page.waitForLoadState()
}

/** A photo as a browser sends it from a file input. */
export interface PhotoFile {
  name: string
  mimeType: string
  buffer: Buffer
}

export interface Nomination {
  organisation: string
  contactName: string
  email: string
  title: string
  whatNeedsDoing: string
  communityBenefit: string
  address: string
  postcode: string
}

export class NominatePage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/community-payback/nominate')
    return NominatePage.verifyOnPage(page)
  }
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toBe('Nominate work for Community Payback')
    return new NominatePage(page)
  }
  async fill(n: Nomination) {
    await this.page.getByLabel('Name of your organisation or group').fill(n.organisation)
    await this.page.getByLabel('Your name').fill(n.contactName)
    await this.page.getByLabel('Email address').fill(n.email)
    await this.page.getByLabel('A short title for the work').fill(n.title)
    await this.page.getByLabel('What needs doing').fill(n.whatNeedsDoing)
    await this.page.getByLabel('How would the work benefit the community?').fill(n.communityBenefit)
    await this.page.getByLabel('Address or description of the place').fill(n.address)
    await this.page.getByLabel('Postcode').fill(n.postcode)
    await this.page.getByLabel('Toilets').check()
    await this.page.locator('input[name="consentToContact"][value="yes"]').check()
  }
  /** The Leaflet map the page's script shows (hidden without JavaScript). */
  map() {
    return this.page.locator('#cp-pin-map')
  }
  /**
   * Drops the pin by clicking the map at a fraction of its width and height (the map opens centred on 53.85, -2.6,
   * inside the demo "Northtown" area); the script writes the pin into the hidden latitude and longitude fields.
   */
  async dropPin(x = 0.5, y = 0.5) {
    await this.map().waitFor({ state: 'visible' })
    const box = (await this.map().boundingBox())!
    await this.map().click({ position: { x: box.width * x, y: box.height * y } })
    await this.page.locator('#cp-pin-map .leaflet-marker-icon').waitFor()
  }
  async pin() {
    return {
      latitude: Number(await this.page.locator('#latitude').inputValue()),
      longitude: Number(await this.page.locator('#longitude').inputValue()),
    }
  }
  async attach(files: PhotoFile[]) {
    await this.page.locator('input#photos').setInputFiles(files)
  }
  /** Sends the form; on success the confirmation page follows. */
  async send() {
    await this.page.locator('[data-qa="nominate-submit"]').click()
    await this.page.waitForLoadState()
  }
  /** The reference shown on the confirmation page. */
  async reference() {
    return squash(await this.page.locator('[data-qa="reference"]').textContent())
  }
}

export class FollowNominationPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/community-payback/status')
    expect(squash(await page.locator('h1').textContent())).toBe('Follow a nomination')
    return new FollowNominationPage(page)
  }
  async follow(reference: string, email: string) {
    await this.page.getByLabel('Nomination reference').fill(reference)
    await this.page.getByLabel('Email address you gave with the nomination').fill(email)
    await this.page.locator('[data-qa="status-submit"]').click()
    await this.page.waitForLoadState()
  }
  async status() {
    return squash(await this.page.locator('[data-qa="status"]').textContent())
  }
  async history() {
    return (await this.page.locator('[data-qa="status-history"] li').allTextContents()).map(squash)
  }
}

export class PublicWorkPage {
  constructor(readonly page: Page) {}
  static async openMap(page: Page) {
    await page.goto('/community-payback/map')
    expect(squash(await page.locator('h1').textContent())).toBe('Map of Community Payback work')
    return new PublicWorkPage(page)
  }
  static async openList(page: Page) {
    await page.goto('/community-payback/projects')
    expect(squash(await page.locator('h1').textContent())).toBe('Community Payback projects')
    return new PublicWorkPage(page)
  }
  /** The Leaflet markers the map script drew from the GeoJSON, once drawn. */
  async markers() {
    await this.page.locator('#cp-work-map .leaflet-marker-icon').first().waitFor()
    return this.page.locator('#cp-work-map .leaflet-marker-icon').count()
  }
  /** Opens the first marker's pop-up and returns its text. */
  async firstPopup() {
    await this.page.locator('#cp-work-map .leaflet-marker-icon').first().click()
    return squash(await this.page.locator('.leaflet-popup-content').textContent())
  }
  project(name: string) {
    return this.page.locator('[data-qa^="project-"]', { has: this.page.getByRole('link', { name, exact: true }) })
  }
  async hours(name: string) {
    return squash(await this.project(name).locator('[data-qa="project-hours"]').textContent())
  }
  async openProject(name: string) {
    await this.page.getByRole('link', { name, exact: true }).click()
    await this.page.waitForLoadState()
    expect(squash(await this.page.locator('h1').textContent())).toBe(name)
  }
  /** On a public project page: the photos' addresses. */
  async photoSources() {
    return this.page.locator('.cp-photos img').evaluateAll(imgs => imgs.map(i => i.getAttribute('src') ?? ''))
  }
}

export class NominationsPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/unpaid-work/nominations')
    expect(squash(await page.locator('h1').textContent())).toBe('Community Payback nominations')
    return new NominationsPage(page)
  }
  async has(reference: string) {
    return (await this.page.locator(`[data-qa="nomination-${reference}"]`).count()) > 0
  }
  async open(reference: string) {
    await this.page.locator(`[data-qa="nomination-${reference}"] a`).first().click()
    await this.page.waitForLoadState()
    return StaffNominationPage.verifyOnPage(this.page, reference)
  }
}

export class StaffNominationPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page, reference: string) {
    expect(squash(await page.locator('h1').textContent())).toContain(`Nomination ${reference}`)
    return new StaffNominationPage(page)
  }
  async status() {
    return squash(await this.page.locator('[data-qa="status"]').textContent())
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"] .govuk-notification-banner__content').textContent())
  }
  async pin() {
    return squash(await this.page.locator('[data-qa="pin"]').textContent())
  }
  async photoCount() {
    return this.page.locator('[data-qa="photos"] img').count()
  }
  async acknowledge() {
    await press(this.page, 'Acknowledge')
  }
  async accept() {
    await press(this.page, 'Accept the work')
  }
  async createProject() {
    await this.page.locator('[data-qa="create-project"]').click()
    await this.page.waitForLoadState()
    return ProjectForm.verifyOnPage(this.page)
  }
}

export class ProjectForm {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(await page.locator('[data-qa="project-form"]').count()).toBe(1)
    return new ProjectForm(page)
  }
  async fromNomination() {
    return squash(await this.page.locator('[data-qa="from-nomination"]').textContent())
  }
  async value(id: string) {
    return this.page.locator(`#${id}`).inputValue()
  }
  /** Completes what a nomination cannot say: the type, placement, supervisor, capacity, travel and start date. */
  async complete(p: { projectType: string; supervisor: string; capacity: number; start: string; description: string }) {
    await this.page.locator('select#projectType').selectOption(p.projectType)
    await this.page.locator('input[name="placementKind"][value="group"]').check()
    await this.page.getByLabel(p.supervisor, { exact: true }).check()
    await this.page.locator('#capacity').fill(String(p.capacity))
    await this.page.locator('input[name="travelTimeCredited"][value="no"]').check()
    await fillDate(this.page, 'start', p.start)
    await this.page.locator('#publicDescription').fill(p.description)
  }
  async save() {
    await this.page.locator('[data-qa="save-project"]').click()
    await this.page.waitForLoadState()
  }
}

export class StaffProjectPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page, name: string) {
    expect(squash(await page.locator('h1').textContent())).toMatch(new RegExp(`^${name}`))
    return new StaffProjectPage(page)
  }
  async isComplete() {
    return (await this.page.locator('[data-qa="complete"]').count()) > 0
  }
  async newSession() {
    await this.page.locator('[data-qa="new-session"]').click()
    await this.page.waitForLoadState()
    expect(await this.page.locator('[data-qa="session-form"]').count()).toBe(1)
  }
  async createSession(s: { date: string; start: string; end: string; supervisor: string; capacity: number }) {
    await fillDate(this.page, 'date', s.date)
    await this.page.locator('#startTime').fill(s.start)
    await this.page.locator('#endTime').fill(s.end)
    await this.page.locator('select#supervisor').selectOption({ label: s.supervisor })
    await this.page.locator('#capacity').fill(String(s.capacity))
    await this.page.locator('[data-qa="save-session"]').click()
    await this.page.waitForLoadState()
  }
  async openPhotos() {
    await this.page.locator('[data-qa="photos"]').click()
    await this.page.waitForLoadState()
    return ProjectPhotosPage.verifyOnPage(this.page)
  }
  async complete() {
    await this.page.locator('[data-qa="complete-project"]').click()
    await this.page.waitForLoadState()
  }
}

export class SessionPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toMatch(/Session on /)
    return new SessionPage(page)
  }
  async details() {
    return squash(await this.page.locator('[data-qa="session-details"]').textContent())
  }
  async openAllocate() {
    await this.page.locator('[data-qa="allocate"]').click()
    await this.page.waitForLoadState()
    expect(squash(await this.page.locator('h1').textContent())).toContain('Allocate a person')
  }
  /** On the allocation form: allocates the person by CRN (not education, training or employment). */
  async allocate(crn: string) {
    await this.page.locator('#crn').fill(crn)
    await this.page.locator('input[name="ete"][value="no"]').check()
    await this.page.locator('[data-qa="save-allocation"]').click()
    await this.page.waitForLoadState()
  }
  /** Chooses the requirement when the person has more than one, then allocates again. */
  async chooseFirstRequirement() {
    await this.page.locator('input[name="requirement"]').first().check()
    await this.page.locator('[data-qa="save-allocation"]').click()
    await this.page.waitForLoadState()
  }
  async register() {
    return (await this.page.locator('[data-qa="register"] > li').allInnerTexts()).map(squash)
  }
  async openRecording() {
    await this.page.locator('[data-qa="record-link"]').first().click()
    await this.page.waitForLoadState()
    expect(await this.page.locator('[data-qa="record-form"]').count()).toBe(1)
    return new RecordingPage(this.page)
  }
}

export class RecordingPage {
  constructor(readonly page: Page) {}
  async worked(timeIn: string, timeOut: string) {
    await this.page.locator('input[name="outcome"][value="worked"]').check()
    await this.page.locator('#timeIn').fill(timeIn)
    await this.page.locator('#timeOut').fill(timeOut)
    await this.page.locator('input[name="hiVisWorn"][value="yes"]').check()
    await this.page.locator('[data-qa="save-record"]').click()
    await this.page.waitForLoadState()
  }
}

export class ProjectPhotosPage {
  constructor(readonly page: Page) {}
  static async verifyOnPage(page: Page) {
    expect(squash(await page.locator('h1').textContent())).toMatch(/^Photos/)
    return new ProjectPhotosPage(page)
  }
  async upload(kind: 'before' | 'during' | 'after', files: PhotoFile[], caption: string) {
    await this.page.locator(`input[name="kind"][value="${kind}"]`).check()
    await this.page.locator('input#photos').setInputFiles(files)
    await this.page.locator('#caption').fill(caption)
    await press(this.page, 'Upload photos')
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"] .govuk-notification-banner__content').textContent())
  }
  async photos() {
    return (await this.page.locator('[data-qa="project-photos"] > li').allInnerTexts()).map(squash)
  }
}

export class PhotosToCheckPage {
  constructor(readonly page: Page) {}
  static async open(page: Page) {
    await page.goto('/unpaid-work/photos')
    expect(squash(await page.locator('h1').textContent())).toBe('Photos to check')
    return new PhotosToCheckPage(page)
  }
  /** The ids of the photos waiting, with the project each belongs to. */
  async waiting() {
    return this.page
      .locator('[data-qa^="photo-"]')
      .evaluateAll(els =>
        els.map(e => ({ id: e.getAttribute('data-qa')!.slice(6), project: e.querySelector('h2')?.textContent ?? '' })),
      )
  }
  async approve(id: string) {
    await this.page.locator(`[data-qa="approve-${id}"]`).click()
    await this.page.waitForLoadState()
  }
  async banner() {
    return squash(await this.page.locator('[data-qa="done"] .govuk-notification-banner__content').textContent())
  }
}
