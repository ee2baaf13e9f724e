import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { loadConfig, type Config } from '../config.ts'
import type { DatabaseHandle } from '../db/connect.ts'
import { createTestDatabase } from '../db/testing.ts'
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../seed/demo.ts'
import type { Clock } from '../clock.ts'
import { buildApp } from './app.ts'

/** A signed-in browser for `app.inject()`: keeps its cookies and knows its CSRF token. */
export interface TestBrowser {
  cookies: Record<string, string>
  csrfToken: string
  get(url: string): Promise<LightMyRequestResponse>
  /** Posts a form (URL-encoded), adding the CSRF token unless `_csrf` is given. */
  post(url: string, form?: Record<string, string | string[]>): Promise<LightMyRequestResponse>
}

export interface TestApp {
  app: FastifyInstance
  handle: DatabaseHandle
  config: Config
  /** Signs in as a demo user (see `seed/demo.ts`). */
  signIn(username: string, password?: string): Promise<TestBrowser>
  /** A browser that has not signed in. */
  anonymous(): Promise<TestBrowser>
  close(): Promise<void>
}

export function cookieHeader(cookies: Record<string, string>) {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ')
}

function absorbCookies(cookies: Record<string, string>, response: LightMyRequestResponse) {
  for (const c of response.cookies as { name: string; value: string; expires?: Date }[]) {
    if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) delete cookies[c.name]
    else cookies[c.name] = c.value
  }
}

export const csrfFrom = (html: string) => /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1] ?? ''

/**
 * Builds the real app over a fresh test database seeded with the demo region.
 *
 * @example
 * const t = await createTestApp()
 * const pat = await t.signIn('pat.practitioner')
 * const page = await pat.get('/people?q=smith')
 */
export async function createTestApp(
  options: {
    seed?: boolean
    config?: Partial<Record<string, string>>
    clock?: Clock
    /** Pino logger options (e.g. a `stream` to capture what would be logged); no logging by default. */
    logger?: object
  } = {},
): Promise<TestApp> {
  const handle = await createTestDatabase()
  if (options.seed !== false) await seedDemoIfEmpty(handle.db)
  const config = loadConfig({ NODE_ENV: 'test', PROBITY_SEED_DEMO: 'false', ...options.config })
  const app = await buildApp({
    config,
    db: handle.db,
    databaseKind: handle.kind,
    logger: options.logger ?? false,
    clock: options.clock,
  })

  function browser(cookies: Record<string, string>, csrfToken: string): TestBrowser {
    const b: TestBrowser = {
      cookies,
      csrfToken,
      async get(url) {
        const response = await app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(b.cookies) } })
        absorbCookies(b.cookies, response)
        const token = csrfFrom(response.body)
        if (token) b.csrfToken = token
        return response
      },
      async post(url, form = {}) {
        const payload = new URLSearchParams()
        for (const [k, v] of Object.entries({ _csrf: b.csrfToken, ...form })) {
          for (const value of Array.isArray(v) ? v : [v]) payload.append(k, value)
        }
        const response = await app.inject({
          method: 'POST',
          url,
          headers: { cookie: cookieHeader(b.cookies), 'content-type': 'application/x-www-form-urlencoded' },
          payload: payload.toString(),
        })
        absorbCookies(b.cookies, response)
        return response
      },
    }
    return b
  }

  async function anonymous() {
    const b = browser({}, '')
    await b.get('/sign-in')
    return b
  }

  return {
    app,
    handle,
    config,
    anonymous,
    async signIn(username, password = DEMO_PASSWORD) {
      const b = await anonymous()
      const response = await b.post('/sign-in', { username, password })
      if (response.statusCode !== 302) throw new Error(`Could not sign in as ${username}: ${response.statusCode}`)
      await b.get('/')
      return b
    },
    async close() {
      await app.close()
      await handle.close()
    },
  }
}
