import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.ts'
import { AppHeader, DEMO_PASSWORD } from './support/pages.ts'

/**
 * The frame of a staff tool on the main pages of each role: header (organisation, user, Sign out), navigation by role,
 * no page wider than a phone, and axe-core's landmark and heading findings gone. Screenshots of every main page at
 * 1280 and 375 px go to e2e/screenshots/ (not committed); the folder's listing is printed at the end of the run.
 */

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

// Demo region (src/seed/demo.ts): X100003 is managed by pat.practitioner (Northtown Team A, Probation Service).
// `living`: pages of the living region on top (src/seed/living, as `npm start` seeds it, on a server of its own), where
// pat.practitioner's Through the Gate cases have stable CRNs (src/seed/living/living.test.ts checks them): X500006 in
// custody near release (custody record, resettlement, a licence waiting for approval), X500003 on licence with a
// recall decided.
const MAIN_PAGES: { user: string; name: string; url: string; section: string; living?: boolean }[] = [
  { user: 'pat.practitioner', name: 'home', url: '/', section: 'Home' },
  { user: 'pat.practitioner', name: 'search', url: '/people?q=hughes', section: 'Search' },
  { user: 'pat.practitioner', name: 'overview', url: '/people/X100003', section: 'Search' },
  { user: 'pat.practitioner', name: 'sentences', url: '/people/X100003/sentences', section: 'Search' },
  { user: 'pat.practitioner', name: 'risk', url: '/people/X100003/risk', section: 'Search' },
  { user: 'pat.practitioner', name: 'activity', url: '/people/X100003/activity', section: 'Search' },
  { user: 'pat.practitioner', name: 'enforcement', url: '/people/X100003/enforcement', section: 'Search' },
  { user: 'pat.practitioner', name: 'caseload', url: '/caseload', section: 'Caseload' },
  { user: 'pat.practitioner', name: 'my-day', url: '/my-day', section: 'My day' },
  { user: 'sam.senior', name: 'team', url: '/team', section: 'Team' },
  { user: 'sam.senior', name: 'allocations', url: '/allocations', section: 'Allocations' },
  { user: 'chris.court', name: 'court-list', url: '/court-lists', section: 'Court lists' },
  { user: 'admin', name: 'admin', url: '/admin', section: 'Admin' },
  { user: 'admin', name: 'admin-users', url: '/admin/users', section: 'Admin' },
  { user: 'admin', name: 'admin-team-contact', url: '/admin/organisations/teams/1/contact', section: 'Admin' },
  { user: 'auditor', name: 'who-has-looked', url: '/people/X100003/audit', section: 'Search' },
  { user: 'amy.ap', name: 'approved-premises', url: '/approved-premises', section: 'Approved premises' },
  { user: 'amy.ap', name: 'bed-plan', url: '/approved-premises/1/bed-plan', section: 'Approved premises' },
  { user: 'amy.ap', name: 'ap-applications', url: '/approved-premises/applications', section: 'Applications' },
  { user: 'una.upw', name: 'unpaid-work', url: '/unpaid-work', section: 'Unpaid work' },
  { user: 'una.upw', name: 'upw-orders-at-risk', url: '/unpaid-work/orders-at-risk', section: 'Unpaid work' },
  { user: 'pat.practitioner', name: 'upw-person', url: '/people/X100003/unpaid-work', section: 'Search' },
  { user: 'pat.practitioner', name: 'referrals', url: '/people/X100003/referrals', section: 'Search' },
  // The demo directory's first service, "Accommodation support": the form with its preview of what is shared.
  { user: 'pat.practitioner', name: 'new-referral', url: '/people/X100003/referrals/new?service=1', section: 'Search' },
  {
    user: 'pat.practitioner',
    name: 'upw-commitments',
    url: '/people/X100003/unpaid-work/commitments',
    section: 'Search',
  },
  { user: 'una.upw', name: 'upw-projects', url: '/unpaid-work/projects', section: 'Unpaid work' },
  { user: 'admin', name: 'upw-areas', url: '/unpaid-work/areas', section: 'Unpaid work' },
  { user: 'pat.practitioner', name: 'partner-directory', url: '/partner-services', section: 'Partner services' },
  { user: 'pip.partner', name: 'partner-portal', url: '/partner', section: 'Referrals' },
  // The directory's own pages (issue 18): the demo's organisations (NHT is id 2) and "Accommodation support" (id 1).
  {
    user: 'morgan.contracts',
    name: 'partner-organisations',
    url: '/partner-services/organisations',
    section: 'Partner services',
  },
  {
    user: 'morgan.contracts',
    name: 'partner-organisation',
    url: '/partner-services/organisations/2',
    section: 'Partner services',
  },
  {
    user: 'morgan.contracts',
    name: 'partner-organisation-new',
    url: '/partner-services/organisations/new',
    section: 'Partner services',
  },
  {
    user: 'pat.practitioner',
    name: 'partner-service',
    url: '/partner-services/services/1',
    section: 'Partner services',
  },
  {
    user: 'morgan.contracts',
    name: 'partner-service-change',
    url: '/partner-services/services/1/change',
    section: 'Partner services',
  },
  {
    user: 'morgan.contracts',
    name: 'partner-service-accepting',
    url: '/partner-services/services/1/accepting',
    section: 'Partner services',
  },
  {
    user: 'morgan.contracts',
    name: 'partner-monitoring',
    url: '/partner-services/monitoring',
    section: 'Partner services',
  },
  { user: 'sam.senior', name: 'performance', url: '/performance', section: 'Performance' },
  { user: 'sam.senior', name: 'performance-workload', url: '/performance/workload', section: 'Performance' },
  {
    user: 'sam.senior',
    name: 'performance-reductions',
    url: '/performance/workload/staff/NWS001/reductions',
    section: 'Performance',
  },
  {
    user: 'morgan.contracts',
    name: 'performance-provider',
    url: '/performance?level=provider&from-day=1&from-month=1&from-year=2026&to-day=30&to-month=11&to-year=2026',
    section: 'Performance',
  },
  {
    user: 'morgan.contracts',
    name: 'performance-misses',
    url: '/performance/service-levels/allocation?level=provider&group=1&from-day=1&from-month=1&from-year=2026&to-day=30&to-month=11&to-year=2026',
    section: 'Performance',
  },
  {
    user: 'morgan.contracts',
    name: 'performance-settings',
    url: '/performance/workload/settings',
    section: 'Performance',
  },
  { user: 'morgan.contracts', name: 'contracts', url: '/contracts', section: 'Contracts' },
  { user: 'morgan.contracts', name: 'contract-new', url: '/contracts/new', section: 'Contracts' },
  // The living demo's contract (src/seed/living/contracts.ts), its terms form and a quarter's statement.
  { user: 'morgan.contracts', name: 'contract', url: '/contracts/1', section: 'Contracts', living: true },
  {
    user: 'morgan.contracts',
    name: 'contract-pbr-terms',
    url: '/contracts/1/terms/payment-by-results',
    section: 'Contracts',
    living: true,
  },
  {
    user: 'morgan.contracts',
    name: 'contract-subcontractor-new',
    url: '/contracts/1/subcontractors/new',
    section: 'Contracts',
    living: true,
  },
  {
    user: 'morgan.contracts',
    name: 'contract-statement',
    url: '/contracts/1/statements/2025-Q1',
    section: 'Contracts',
    living: true,
  },
  {
    user: 'morgan.contracts',
    name: 'contract-cohort',
    url: '/contracts/1/statements/2025-Q1/cohort',
    section: 'Contracts',
    living: true,
  },
  { user: 'morgan.contracts', name: 'pnc-imports', url: '/contracts/convictions', section: 'Contracts' },
  {
    user: 'morgan.contracts',
    name: 'pnc-import-report',
    url: '/contracts/convictions/imports/1',
    section: 'Contracts',
    living: true,
  },
  {
    user: 'amy.ap',
    name: 'ap-back-in-service',
    url: '/approved-premises/1/out-of-service/1/end',
    section: 'Approved premises',
    living: true,
  },
  {
    user: 'pat.practitioner',
    name: 'ap-application-form',
    url: '/people/X500006/approved-premises/applications',
    section: 'Search',
    living: true,
  },
  { user: 'pat.practitioner', name: 'custody', url: '/people/X500006/custody', section: 'Search', living: true },
  {
    user: 'pat.practitioner',
    name: 'resettlement',
    url: '/people/X500006/resettlement',
    section: 'Search',
    living: true,
  },
  { user: 'pat.practitioner', name: 'licence', url: '/people/X500006/licence', section: 'Search', living: true },
  { user: 'pat.practitioner', name: 'recall', url: '/people/X500003/recall', section: 'Search', living: true },
  {
    user: 'pat.practitioner',
    name: 'resettlement-work-list',
    url: '/resettlement',
    section: 'Resettlement',
    living: true,
  },
  { user: 'sam.senior', name: 'licence-to-approve', url: '/people/X500006/licence', section: 'Search', living: true },
]

let h: Harness
let living: Harness
beforeAll(async () => {
  rmSync(SCREENSHOTS, { recursive: true, force: true })
  mkdirSync(SCREENSHOTS, { recursive: true })
  h = await startHarness()
  await h.cacheAssets()
  living = await startHarness({ living: true })
  await living.cacheAssets()
})
afterAll(async () => {
  await h?.close()
  await living?.close()
  // CI keeps its log: list what was written, so the screenshots can be found and compared.
  const files = readdirSync(SCREENSHOTS).sort()
  console.log(`Screenshots in e2e/screenshots/ (${files.length}):\n${files.map(f => `  ${f}`).join('\n')}`)
})

/** axe-core's findings of the given rules on the current page, whatever their impact. */
async function axeFindings(page: Page, rules: string[]) {
  await page.evaluate(axeSource)
  const results = (await page.evaluate(
    only =>
      (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'rule', values: only },
        resultTypes: ['violations'],
      }),
    rules,
  )) as { violations: { id: string; nodes: { target: string[] }[] }[] }
  return results.violations.map(v => `${v.id} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
}

/** How far the page is wider than the window (0 when nothing pushes it sideways). */
const overflow = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth)

describe('the frame of a staff tool', () => {
  it('shows each main page at 1280 and 375 px with one current section, no sideways scrolling and no landmark or heading finding', async () => {
    let signedInAs = ''
    for (const p of MAIN_PAGES) {
      const x = p.living ? living : h
      if (`${x.baseUrl} ${p.user}` !== signedInAs) {
        await x.page.setViewportSize({ width: 1280, height: 900 })
        await x.signInAs(p.user)
        signedInAs = `${x.baseUrl} ${p.user}`
      }
      for (const width of [1280, 375]) {
        await x.page.setViewportSize({ width, height: 900 })
        const response = await x.page.goto(p.url)
        expect(response?.status(), p.url).toBe(200)
        await x.checkAccessibility()
        expect(await axeFindings(x.page, ['region', 'page-has-heading-one', 'landmark-one-main']), p.url).toEqual([])
        expect(await overflow(x.page), `${p.url} is wider than ${width} px`).toBeLessThanOrEqual(0)
        const isoDate = (await x.page.locator('main').innerText()).match(/.{0,60}\b\d{4}-\d{2}-\d{2}\b/)
        expect(isoDate?.[0], `${p.url} prints an ISO date`).toBeUndefined()
        await x.page.screenshot({ path: join(SCREENSHOTS, `${p.name}-${width}.png`), fullPage: true })
        if (width === 1280) expect(await new AppHeader(x.page).currentSections(), p.url).toEqual([p.section])
      }
    }
    expect(readdirSync(SCREENSHOTS)).toHaveLength(MAIN_PAGES.length * 2)
    // Every page twice, on two servers: longer than the default minute on a loaded machine.
  }, 360_000)

  it('shows each role its own navigation', async () => {
    await h.page.setViewportSize({ width: 1280, height: 900 })
    const expected: Record<string, string[]> = {
      'pat.practitioner': [
        'Home',
        'My day',
        'Caseload',
        'Resettlement',
        'MAPPA',
        'Unpaid work',
        'Partner services',
        'Search',
        'Release dates',
      ],
      'sam.senior': [
        'Home',
        'Team',
        'Allocations',
        'Resettlement',
        'MAPPA',
        'Unpaid work',
        'Partner services',
        'Performance',
        'Search',
      ],
      'val.vlo': ['Home', 'Victims', 'Search'],
      'chris.court': ['Home', 'Court lists', 'Reports', 'Search'],
      admin: [
        'Home',
        'Team',
        'Allocations',
        'Unpaid work',
        'Partner services',
        'Performance',
        'Contracts',
        'Search',
        'Urgent access',
        'Admin',
      ],
      auditor: ['Home', 'Unpaid work', 'Partner services', 'Performance', 'Contracts', 'Search', 'Urgent access'],
      'amy.ap': ['Home', 'Applications', 'Approved premises', 'Release dates'],
      'pip.partner': ['Referrals'],
    }
    for (const [user, sections] of Object.entries(expected)) {
      await h.signInAs(user)
      expect(await new AppHeader(h.page).sections(), user).toEqual(sections)
      // Every section it shows opens for that role.
      for (const href of await h.page
        .locator('[data-qa="navigation"] a')
        .evaluateAll(as => as.map(a => a.getAttribute('href')!))) {
        const response = await h.page.goto(href)
        expect(response?.status(), `${user} ${href}`).toBe(200)
      }
    }
  })

  it("names the user's organisation and signs out from the header, also without JavaScript", async () => {
    await h.page.setViewportSize({ width: 375, height: 900 })
    await h.signInAs('pat.practitioner')
    const header = new AppHeader(h.page)
    expect(await header.organisation()).toBe('Probation Service (demo)')
    expect(await header.userName()).toContain('Pat Practitioner')
    await expect(h.page.locator('[data-qa="header-sign-out"]').isVisible()).resolves.toBe(true)

    const noScript = await h.browser.newContext({ javaScriptEnabled: false, baseURL: h.baseUrl })
    try {
      const page = await noScript.newPage()
      await page.goto('/sign-in')
      await page.getByLabel('Username').fill('alex.crc')
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
      await page.locator('[data-qa="sign-in"]').click()
      await page.waitForLoadState()
      await page.goto('/caseload')
      expect(await new AppHeader(page).organisation()).toBe('Northshire Rehabilitation Company (demo)')
      await new AppHeader(page).signOut()
      expect(new URL(page.url()).pathname).toBe('/sign-in')
      await page.goto('/caseload')
      expect(new URL(page.url()).pathname).toBe('/sign-in')
    } finally {
      await noScript.close()
    }
  })
})
