import { LocalDate } from '@js-joda/core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../src/clock.ts'
import {
  errorsOn,
  FollowNominationPage,
  NominatePage,
  NominationsPage,
  PhotosToCheckPage,
  PublicWorkPage,
  SessionPage,
  StaffProjectPage,
  type PhotoFile,
} from './support/community-payback-pages.ts'
import { startHarness, type Harness } from './support/harness.ts'

// Issue 17, "How we will know": a member of the public (not signed in) nominates work with a pin on the map inside
// the demo Northtown area and a photo, and gets a reference; the nomination reaches that area's provider (sam.senior,
// PS) and not another (alex.crc); staff acknowledge and accept it, make a project from it with a session today
// supervised by una.upw, and allocate a person on an unpaid work requirement managed by PS; una records the session
// on a phone-sized screen (worked, 6 hours); staff upload an "after" photo and approve it; the project is completed;
// the public map shows its pin, the list its hours, the project page the photo; the nominator's status page says
// completed. Every public page and the new staff pages pass axe at 1280 and 375 px.

const CRN = 'X100005' // Michael Walker: a PS case with a 180-hour unpaid work requirement in the demo seed
const NOMINATION = {
  organisation: 'Northtown Friends of the Canal',
  contactName: 'Nia Nominator',
  email: 'nia@example.org',
  title: 'Clear the canal towpath',
  whatNeedsDoing: 'Cut back brambles and pick up litter along the towpath.',
  communityBenefit: 'Walkers and cyclists can use the towpath again.',
  address: 'Canal towpath by Lock 4, Northtown',
  postcode: 'NT1 4AB',
}
const PROJECT = 'Clear the canal towpath'

// The harness runs on the real clock (not before 01:00 UTC, so "today" is the same day in London and UTC).
const today = LocalDate.parse(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()))
const oneAm = new Date(`${today.toString()}T01:00:00Z`).getTime()
const notBeforeOneAm = clockFrom(() => new Date(Math.max(Date.now(), oneAm)))
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

async function jpeg(name: string, colour: { r: number; g: number; b: number }): Promise<PhotoFile> {
  const buffer = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .jpeg()
    .toBuffer()
  return { name, mimeType: 'image/jpeg', buffer }
}

let h: Harness
let reference = ''
let projectUrl = ''
let sessionUrl = ''
beforeAll(async () => {
  h = await startHarness({ clock: notBeforeOneAm })
  await h.cacheAssets()
})
afterAll(() => h?.close())

/** The public site sends none of the staff frame: no staff navigation, no sign-in or sign-out. */
async function expectNoStaffFrame() {
  expect(await h.page.locator('[data-qa="navigation"]').count()).toBe(0)
  expect(await h.page.locator('[data-qa="header-sign-out"], [data-qa="header-user"]').count()).toBe(0)
  const header = squash(await h.page.locator('header').first().textContent())
  expect(header).toContain('Community Payback')
  expect(header).not.toMatch(/Sign (in|out)|Probity/)
  // Every link and image of the site's own stays on the public face: Community Payback and the open outcomes
  // dashboard (a staff photo address would need a sign-in).
  const links = await h.page
    .locator('a[href], img[src]')
    .evaluateAll(els => els.map(e => e.getAttribute('href') ?? e.getAttribute('src') ?? ''))
  const isPublic = (l: string) => /^\/(community-payback|outcomes)(\/|\.csv|$|\?|#)/.test(l) || l === '#main-content'
  expect(links.filter(l => l.startsWith('/') && !isPublic(l))).toEqual([])
}

describe('Community Payback: from a public nomination to completed work on the map', () => {
  it('a member of the public nominates work with a pin and a photo, without signing in, and gets a reference', async () => {
    await h.page.context().clearCookies()
    await h.page.goto('/community-payback')
    await expectNoStaffFrame()
    await h.checkAtBothWidths()

    const form = await NominatePage.open(h.page)
    await expectNoStaffFrame()
    await h.checkAtBothWidths()
    await form.fill(NOMINATION)
    await form.dropPin()
    const pin = await form.pin()
    // Inside the demo Northtown area (src/features/community-payback/demo-areas.geojson).
    expect(pin.latitude).toBeGreaterThan(53.7)
    expect(pin.latitude).toBeLessThan(53.9)
    expect(pin.longitude).toBeGreaterThan(-2.95)
    expect(pin.longitude).toBeLessThan(-2.45)
    await form.attach([await jpeg('towpath.jpg', { r: 40, g: 120, b: 40 })])
    // A person takes more than the form's minimum few seconds (src/features/community-payback/forms.ts).
    await h.page.waitForTimeout(3500)
    await form.send()
    expect(await errorsOn(h.page)).toEqual([])
    reference = await form.reference()
    expect(reference).toMatch(/^CP-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    await expectNoStaffFrame()
    await h.checkAtBothWidths()

    const follow = await FollowNominationPage.open(h.page)
    await h.checkAtBothWidths()
    await h.page.waitForTimeout(3500)
    await follow.follow(reference, NOMINATION.email)
    expect(await follow.status()).toMatch(/received/i)
    await h.checkAtBothWidths()
  })

  it('it reaches the provider of the area it is pinned in, and no other', async () => {
    await h.signInAs('sam.senior')
    const list = await NominationsPage.open(h.page)
    expect(await list.has(reference)).toBe(true)
    await h.checkAtBothWidths()
    const nomination = await list.open(reference)
    const nominationUrl = new URL(h.page.url()).pathname
    expect(squash(await h.page.locator('main').textContent())).toContain('Provider: Probation Service (demo)')
    expect(await nomination.pin()).toMatch(/^Pin: 53\.\d+, -2\.\d+/)
    expect(await nomination.photoCount()).toBe(1)
    await h.checkAtBothWidths()

    // Another provider's practitioner: not in their list, and "not found" at its address.
    await h.signInAs('alex.crc')
    const theirs = await NominationsPage.open(h.page)
    expect(await theirs.has(reference)).toBe(false)
    const response = await h.page.goto(nominationUrl)
    expect(response?.status()).toBe(404)
    expect(squash(await h.page.locator('main').textContent())).not.toContain(NOMINATION.title)
  })

  it('staff acknowledge and accept it, and make the project from it', async () => {
    await h.signInAs('sam.senior')
    const nomination = await (await NominationsPage.open(h.page)).open(reference)
    await nomination.acknowledge()
    expect(await errorsOn(h.page)).toEqual([])
    expect(await nomination.banner()).toBe('Nomination acknowledged')
    await nomination.accept()
    expect(await errorsOn(h.page)).toEqual([])
    expect(await nomination.status()).toMatch(/Accepted/i)

    const form = await nomination.createProject()
    expect(await form.fromNomination()).toContain(reference)
    expect(await form.value('name')).toBe(NOMINATION.title)
    expect(await form.value('latitude')).toMatch(/^53\./)
    await h.checkAtBothWidths()
    await form.complete({
      projectType: 'clearing',
      supervisor: 'Una Payback',
      capacity: 6,
      start: today.toString(),
      description: 'Clearing brambles and litter from the canal towpath.',
    })
    await form.save()
    expect(await errorsOn(h.page)).toEqual([])
    await StaffProjectPage.verifyOnPage(h.page, PROJECT)
    projectUrl = new URL(h.page.url()).pathname
    expect(projectUrl).toMatch(/^\/unpaid-work\/projects\/\d+$/)
    await h.checkAtBothWidths()
  })

  it('a session today with una.upw supervising; a PS person on unpaid work is allocated to it', async () => {
    await h.signInAs('sam.senior')
    await h.page.goto(projectUrl)
    const project = await StaffProjectPage.verifyOnPage(h.page, PROJECT)
    await project.newSession()
    await h.checkAtBothWidths()
    await project.createSession({
      date: today.toString(),
      start: '09:00',
      end: '16:00',
      supervisor: 'Una Payback',
      capacity: 6,
    })
    expect(await errorsOn(h.page)).toEqual([])
    const session = await SessionPage.verifyOnPage(h.page)
    sessionUrl = new URL(h.page.url()).pathname
    expect(await session.details()).toContain('Supervisor: Una Payback')

    await session.openAllocate()
    await h.checkAtBothWidths()
    await session.allocate(CRN)
    if ((await h.page.locator('input[name="requirement"]').count()) > 0) await session.chooseFirstRequirement()
    expect(await errorsOn(h.page)).toEqual([])
    await SessionPage.verifyOnPage(h.page)
    expect((await session.register()).join(' ')).toContain(CRN)
    await h.checkAtBothWidths()
  })

  it('una.upw records the session on a phone: worked, 6 hours', async () => {
    await h.signInAs('una.upw')
    await h.page.setViewportSize({ width: 375, height: 812 })
    try {
      await h.page.goto(sessionUrl)
      const session = await SessionPage.verifyOnPage(h.page)
      const recording = await session.openRecording()
      await h.checkAtBothWidths()
      await h.page.setViewportSize({ width: 375, height: 812 })
      const overflow = await h.page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await recording.worked('09:00', '15:00')
      expect(await errorsOn(h.page)).toEqual([])
      const register = (await new SessionPage(h.page).register()).join(' ')
      expect(register).toMatch(/Worked/i)
      expect(register).toMatch(/6 hours?/)
    } finally {
      await h.page.setViewportSize({ width: 1280, height: 900 })
    }
  })

  it('staff upload an "after" photo and approve it; the project is completed', async () => {
    await h.signInAs('sam.senior')
    await h.page.goto(projectUrl)
    const photos = await (await StaffProjectPage.verifyOnPage(h.page, PROJECT)).openPhotos()
    await h.checkAtBothWidths()
    await photos.upload('after', [await jpeg('after.jpg', { r: 200, g: 180, b: 120 })], 'The cleared towpath')
    expect(await errorsOn(h.page)).toEqual([])
    expect(await photos.banner()).toMatch(/Photos uploaded/)
    expect((await photos.photos()).join(' ')).toMatch(/After the work: The cleared towpath/)

    const check = await PhotosToCheckPage.open(h.page)
    await h.checkAtBothWidths()
    const waiting = (await check.waiting()).filter(w => w.project.includes(PROJECT))
    expect(waiting).toHaveLength(1)
    await check.approve(waiting[0]!.id)
    expect(await check.banner()).toBe('Photo approved for publication')

    await h.page.goto(projectUrl)
    const project = await StaffProjectPage.verifyOnPage(h.page, PROJECT)
    await project.complete()
    expect(await errorsOn(h.page)).toEqual([])
    expect(await project.isComplete()).toBe(true)
  })

  it('the public map shows the pin, the list the hours, the project page the photo; the nominator sees it completed', async () => {
    await h.page.context().clearCookies()
    const map = await PublicWorkPage.openMap(h.page)
    await expectNoStaffFrame()
    expect(await map.markers()).toBeGreaterThanOrEqual(1)
    await h.checkAtBothWidths()
    const popup = await map.firstPopup()
    expect(popup).toContain(PROJECT)
    expect(popup).toMatch(/6 hours/)

    const list = await PublicWorkPage.openList(h.page)
    await expectNoStaffFrame()
    expect(await list.hours(PROJECT)).toBe('6 hours worked')
    expect(squash(await list.project(PROJECT).textContent())).toMatch(/completed/)
    await h.checkAtBothWidths()

    await list.openProject(PROJECT)
    await expectNoStaffFrame()
    const sources = await list.photoSources()
    expect(sources).toHaveLength(1)
    expect(sources[0]).toMatch(/^\/community-payback\/photos\/\d+$/)
    const photo = await h.page.request.get(sources[0]!)
    expect(photo.status()).toBe(200)
    expect(photo.headers()['content-type']).toMatch(/^image\//)
    await h.checkAtBothWidths()

    const follow = await FollowNominationPage.open(h.page)
    await h.page.waitForTimeout(3500)
    await follow.follow(reference, NOMINATION.email)
    expect(await follow.status()).toMatch(/completed/i)
    await expectNoStaffFrame()
    await h.checkAtBothWidths()
  })

  it('the map without JavaScript still lists the work (the list is the page)', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false, baseURL: h.baseUrl })
    try {
      const page = await context.newPage()
      await page.goto('/community-payback/map')
      expect(await page.locator('#cp-work-map').isHidden()).toBe(true)
      expect(squash(await page.locator('[data-qa="projects"]').textContent())).toContain(PROJECT)
    } finally {
      await context.close()
    }
  })
})
