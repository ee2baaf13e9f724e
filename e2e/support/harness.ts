import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { systemClock, type Clock } from '../../src/clock.ts'
import { loadConfig } from '../../src/config.ts'
import { createTestDatabase } from '../../src/db/testing.ts'
import { seedDemoIfEmpty } from '../../src/seed/demo.ts'
import { buildApp } from '../../src/web/app.ts'

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
  return {
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
    async close() {
      await browser.close()
      await app.close()
      await handle.close()
    },
  }
}
