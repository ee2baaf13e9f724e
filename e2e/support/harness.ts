import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { systemClock, type Clock } from '../../src/clock.ts'
import { loadConfig } from '../../src/config.ts'
import { createTestDatabase } from '../../src/db/testing.ts'
import { seedDemoIfEmpty } from '../../src/seed/demo.ts'
import { buildApp } from '../../src/web/app.ts'
import { SignInPage } from './pages.ts'

const require = createRequire(import.meta.url)
const axeSource = require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') as string

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface Harness {
  baseUrl: string
  browser: Browser
  page: Page
  /** The server's database, for setting up what a journey starts from (not for checking what a user would see). */
  db: Awaited<ReturnType<typeof createTestDatabase>>['db']
  /** Runs axe-core on the current page and fails on any serious or critical violation. */
  checkAccessibility(): Promise<void>
  /** axe-core (no serious or critical finding) and no sideways scrolling, at 1280 and 375 px; back to 1280 after. */
  checkAtBothWidths(): Promise<void>
  /**
   * Signs out (clears the cookies) and signs in as `username` with the demo password, landing on the home page (a
   * partner organisation's user on their portal).
   */
  signInAs(username: string): Promise<void>
  /**
   * Serves /assets/ from the first answer for each file: a browser revalidates every stylesheet, script and font on
   * every page, which only slows a long journey; the pages themselves still come from the server every time.
   */
  cacheAssets(): Promise<void>
  close(): Promise<void>
}

/**
 * Starts the real server on a free port over a fresh seeded database, and headless Chromium.
 * Chromium runs with the flags this sandbox needs (no sandbox as root, no background networking).
 */
export async function startHarness(options: { living?: boolean; clock?: Clock } = {}): Promise<Harness> {
  const handle = await createTestDatabase()
  const clock = options.clock ?? systemClock
  // `living`: the living demo region on top (src/seed/living), dated from today, as `npm start` seeds it.
  await seedDemoIfEmpty(handle.db, options.living ? { living: true, clock } : {})
  const config = loadConfig({ NODE_ENV: 'test', PROBITY_SEED_DEMO: 'false' })
  const app = await buildApp({ config, db: handle.db, databaseKind: handle.kind, logger: false, clock })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  // bypassCSP lets the test inject axe-core; the app's own pages still send their CSP.
  const context = await browser.newContext({
    timezoneId: 'Europe/London',
    bypassCSP: true,
    baseURL: `http://127.0.0.1:${port}`,
  })
  const page = await context.newPage()
  const visited = new Set<string>()
  const harness: Harness = {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    page,
    db: handle.db,
    async checkAccessibility() {
      await page.evaluate(axeSource)
      const results = (await page.evaluate(() =>
        (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(document, {
          resultTypes: ['violations'],
        }),
      )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }
      const serious = results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
      visited.add(page.url())
      expect(
        serious.map(
          v =>
            `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')} on ${page.url()}`,
        ),
      ).toEqual([])
    },
    async checkAtBothWidths() {
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 })
        await harness.checkAccessibility()
        const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth)
        expect(overflow, `${page.url()} is wider than ${width} px`).toBeLessThanOrEqual(0)
      }
      await page.setViewportSize({ width: 1280, height: 900 })
    },
    async signInAs(username: string) {
      await page.context().clearCookies()
      await (await SignInPage.open(page)).signIn(username)
      // Everyone lands on the home page; a partner organisation's user on their portal (issue 18).
      expect(['/', '/partner']).toContain(new URL(page.url()).pathname)
    },
    async cacheAssets() {
      const cache = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>()
      await page.context().route('**/assets/**', async route => {
        const url = route.request().url()
        let hit = cache.get(url)
        if (!hit) {
          const response = await route.fetch()
          hit = { status: response.status(), headers: response.headers(), body: await response.body() }
          if (response.ok()) cache.set(url, hit)
        }
        await route.fulfill(hit)
      })
    },
    async close() {
      await browser.close()
      await app.close()
      await handle.close()
    },
  }
  return harness
}
