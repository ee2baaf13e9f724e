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

describe('error pages', () => {
  async function appThatFails(env: 'production' | 'development') {
    const handle = await createTestDatabase()
    const app = await buildApp({
      config: loadConfig({ NODE_ENV: env }),
      db: handle.db,
      databaseKind: handle.kind,
      logger: false,
    })
    app.get('/explode', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail')
    })
    return { app, close: async () => (await app.close(), await handle.close()) }
  }

  it('hides the detail of a failure in production', async () => {
    const { app, close } = await appThatFails('production')
    const response = await app.inject({ method: 'GET', url: '/explode' })
    expect(response.statusCode).toBe(500)
    expect(response.body).toContain('Sorry, there is a problem with the service')
    expect(response.body).not.toContain('secret internal detail')
    await close()
  })

  it('shows the stack outside production', async () => {
    const { app, close } = await appThatFails('development')
    const response = await app.inject({ method: 'GET', url: '/explode' })
    expect(response.statusCode).toBe(500)
    expect(response.body).toContain('secret internal detail')
    await close()
  })
})
