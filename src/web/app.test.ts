import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { createTestDatabase } from '../db/testing.ts'
import { buildApp } from './app.ts'
import { createTestApp, type TestApp } from './testing.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

describe('the web application', () => {
  it('reports database health', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ status: 'UP', database: { status: 'UP' } })
  })

  it('sends security headers and a request id, and never caches pages', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/sign-in',
      headers: { 'x-request-id': 'trace-abc-12345' },
    })
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['x-frame-options']).toBeDefined()
    expect(response.headers['cache-control']).toBe('no-store')
    expect(response.headers['x-request-id']).toBe('trace-abc-12345')
  })

  it('shows a GOV.UK not-found page, and JSON for the API', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/no/such/page' })
    expect(page.statusCode).toBe(404)
    expect(page.body).toContain('Page not found')
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })
    expect(api.statusCode).toBe(404)
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('serves GOV.UK Frontend assets', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/assets/govuk-frontend.min.css' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/assets/images/favicon.ico' })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/assets/moj/moj-frontend.min.css' })).statusCode).toBe(200)
  })

  it('counts pages, not the stylesheets and scripts they pull, against the per-address limit', async () => {
    const remoteAddress = '198.51.100.77'
    for (let i = 0; i < 620; i++) {
      const asset = await t.app.inject({ method: 'GET', url: '/assets/probity.css', remoteAddress })
      expect(asset.statusCode).toBe(200)
    }
    expect((await t.app.inject({ method: 'GET', url: '/sign-in', remoteAddress })).statusCode).toBe(200)
  })

  it('refuses to start when a route has no access rule', async () => {
    const handle = await createTestDatabase()
    try {
      const app = await buildApp({
        config: loadConfig({ NODE_ENV: 'test' }),
        db: handle.db,
        databaseKind: handle.kind,
        logger: false,
      })
      expect(() => app.get('/forgotten', async () => 'oops')).toThrow(/no access rule/)
      await app.close()
    } finally {
      await handle.close()
    }
  })
})

describe('behind a proxy', () => {
  async function appBehind(trustProxy: string | undefined) {
    const handle = await createTestDatabase()
    const config = loadConfig({ NODE_ENV: 'test', ...(trustProxy ? { TRUST_PROXY: trustProxy } : {}) })
    const app = await buildApp({ config, db: handle.db, databaseKind: handle.kind, logger: false })
    app.get('/whoami', { config: { access: 'public' } }, async request => ({ ip: request.ip }))
    return { app, close: async () => (await app.close(), await handle.close()) }
  }

  // Security review finding 9.
  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const { app, close } = await appBehind('127.0.0.1')
    const spoofed = await app.inject({
      method: 'GET',
      url: '/whoami',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-for': '198.51.100.1' },
    })
    expect(spoofed.json()).toEqual({ ip: '203.0.113.9' })
    const proxied = await app.inject({
      method: 'GET',
      url: '/whoami',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '198.51.100.1' },
    })
    expect(proxied.json()).toEqual({ ip: '198.51.100.1' })
    await close()
  })

  // Security review finding 15: HSTS was sent only when secure cookies were forced.
  it('sends Strict-Transport-Security whenever the request came over TLS, and not over plain HTTP', async () => {
    const { app, close } = await appBehind('127.0.0.1')
    const tls = await app.inject({
      method: 'GET',
      url: '/sign-in',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(tls.headers['strict-transport-security']).toMatch(/max-age=\d{8}/)
    const plain = await app.inject({ method: 'GET', url: '/sign-in', remoteAddress: '127.0.0.1' })
    expect(plain.headers['strict-transport-security']).toBeUndefined()
    // A client cannot claim TLS itself.
    const claimed = await app.inject({
      method: 'GET',
      url: '/sign-in',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-proto': 'https' },
    })
    expect(claimed.headers['strict-transport-security']).toBeUndefined()
    await close()
  })
})

describe('error pages', () => {
  async function appThatFails(env: Record<string, string>) {
    const handle = await createTestDatabase()
    const app = await buildApp({ config: loadConfig(env), db: handle.db, databaseKind: handle.kind, logger: false })
    const explode = async () => {
      throw new Error('secret internal detail')
    }
    app.get('/explode', { config: { access: 'public' } }, explode)
    app.get('/api/v1/explode', { config: { access: 'public' } }, explode)
    return { app, close: async () => (await app.close(), await handle.close()) }
  }

  it('hides the detail of a failure in production', async () => {
    const { app, close } = await appThatFails({ NODE_ENV: 'production' })
    const response = await app.inject({ method: 'GET', url: '/explode' })
    expect(response.statusCode).toBe(500)
    expect(response.body).toContain('Sorry, there is a problem with the service')
    expect(response.body).not.toContain('secret internal detail')
    await close()
  })

  // Security review finding 7: `npm start` (development) showed the stack to any browser.
  it.each<Record<string, string>>([{ NODE_ENV: 'development' }, { NODE_ENV: 'production' }, {}])(
    'never sends a stack to a browser or API client unless the operator turned it on (%o)',
    async env => {
      const { app, close } = await appThatFails(env)
      for (const url of ['/explode', '/api/v1/explode']) {
        const response = await app.inject({ method: 'GET', url })
        expect(response.statusCode).toBe(500)
        expect(response.body).not.toContain('secret internal detail')
        expect(response.body).not.toMatch(/at .*\.ts:\d+/)
      }
      await close()
    },
  )

  it('logs no database error detail (it holds key values, such as a PNC)', async () => {
    const handle = await createTestDatabase()
    const lines: string[] = []
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: 'production' }),
      db: handle.db,
      databaseKind: handle.kind,
      logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } },
    })
    for (const code of ['23505', 'XX000']) {
      app.get(`/fails-${code}`, { config: { access: 'public' } }, async () => {
        throw Object.assign(new Error('duplicate key value violates unique constraint "people_pnc_key"'), {
          code,
          constraint: 'people_pnc_key',
          detail: 'Key (pnc)=(2001/0012345X) already exists.',
        })
      })
    }
    expect((await app.inject({ method: 'GET', url: '/fails-23505' })).statusCode).toBe(409)
    expect((await app.inject({ method: 'GET', url: '/fails-XX000' })).statusCode).toBe(500)
    expect(lines.join('\n')).toContain('people_pnc_key')
    expect(lines.join('\n')).not.toContain('0012345X')
    await app.close()
    await handle.close()
  })

  it('shows the stack on the error page when PROBITY_SHOW_ERROR_DETAIL is on (a developer setting)', async () => {
    const { app, close } = await appThatFails({ NODE_ENV: 'development', PROBITY_SHOW_ERROR_DETAIL: 'true' })
    const response = await app.inject({ method: 'GET', url: '/explode' })
    expect(response.statusCode).toBe(500)
    expect(response.body).toContain('secret internal detail')
    const api = await app.inject({ method: 'GET', url: '/api/v1/explode' })
    expect(api.body).not.toContain('secret internal detail')
    await close()
  })
})
