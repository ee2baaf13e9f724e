import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { createTestApp, type TestApp, type TestBrowser } from './testing.ts'
import { SESSION_COOKIE } from './plugins/authentication.ts'
import { createFactories } from '../../test/factories/index.ts'

/**
 * The access matrix: every registered route that concerns a person, against an anonymous visitor, a user of
 * the wrong provider, an excluded user, a user outside a restricted record's list, and an allowed user.
 * Routes are read from the app itself, so a new route is covered the day it is added.
 *
 * The people are made for this test (test/factories) on the demo region's organisation: a case managed by
 * pat.practitioner (staff NWS001) at the public provider, with a sentence and appointments; one that excludes
 * pat.practitioner; one restricted to sam.senior. alex.crc works for the contracted provider.
 */

/** The CRNs of the people made in `beforeAll`, by kind. */
const cases = { own: '', excluded: '', restricted: '' }

let t: TestApp
const browsers: Record<string, TestBrowser> = {}
const surnames: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestApp()
  for (const u of ['pat.practitioner', 'sam.senior', 'alex.crc', 'auditor', 'admin']) browsers[u] = await t.signIn(u)
  const make = createFactories(t.handle.db)
  const own = await make.caseWithAppointments()
  const excluded = await make.person({ allocatedTo: 'NWS001', excluding: 'pat.practitioner' })
  const restricted = await make.person({ allocatedTo: 'NWS001', restrictedTo: 'sam.senior' })
  Object.assign(cases, { own: own.crn, excluded: excluded.crn, restricted: restricted.crn })
  for (const p of [own, excluded, restricted]) surnames[p.crn] = p.surname
}, 120_000)
afterAll(() => t.close())

function fill(url: string, crn: string) {
  return url.replace(':crn', crn).replace(/:[a-zA-Z]+/g, '1')
}

async function call(method: string, url: string, browser?: TestBrowser): Promise<LightMyRequestResponse> {
  const isApi = url.startsWith('/api/')
  const headers: Record<string, string> = {}
  if (browser) {
    headers.cookie = `${SESSION_COOKIE}=${browser.cookies[SESSION_COOKIE]}`
    headers['x-csrf-token'] = browser.csrfToken
  }
  if (method === 'GET') return t.app.inject({ method: 'GET', url, headers })
  if (isApi)
    return t.app.inject({
      method: method as 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{}',
    })
  return t.app.inject({
    method: method as 'POST',
    url,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: browser ? `_csrf=${encodeURIComponent(browser.csrfToken)}` : '',
  })
}

function personRoutes() {
  return t.app.routeTable.filter(r => r.url.includes(':crn'))
}

describe('access matrix', () => {
  it('covers the person routes of every capability', () => {
    const urls = personRoutes().map(r => r.url)
    expect(urls).toContain('/people/:crn')
    expect(urls).toContain('/api/v1/people/:crn')
    expect(urls.length).toBeGreaterThan(20)
  })

  it('refuses anonymous visitors on every route that is not public', async () => {
    for (const route of t.app.routeTable.filter(r => r.access !== 'public' && !r.url.startsWith('/assets'))) {
      const response = await call(route.method, fill(route.url, cases.own))
      const label = `${route.method} ${route.url}`
      if (route.url.startsWith('/api/')) expect(response.statusCode, label).toBe(401)
      else if (route.method === 'GET')
        expect([response.statusCode, response.headers.location], label).toEqual([
          302,
          expect.stringMatching(/^\/sign-in/),
        ])
      else expect([302, 403], label).toContain(response.statusCode)
    }
  })

  const refusals: [string, string, keyof typeof cases][] = [
    ['a practitioner at another provider', 'alex.crc', 'own'],
    ['an excluded user', 'pat.practitioner', 'excluded'],
    ['a user outside a restricted record', 'pat.practitioner', 'restricted'],
  ]

  it.each(refusals)('refuses %s on every person route, without showing the name', async (_label, username, kind) => {
    const crn = cases[kind]
    for (const route of personRoutes()) {
      const response = await call(route.method, fill(route.url, crn), browsers[username])
      const label = `${username} ${route.method} ${route.url} ${crn}`
      const extraParams = route.url.replace(':crn', '').includes(':')
      expect(extraParams ? [403, 404] : [403], label).toContain(response.statusCode)
      expect(response.body, label).not.toContain(surnames[crn])
    }
  })

  it('lets the allowed user use every person route', async () => {
    for (const route of personRoutes()) {
      // Allocating is a senior's task (src/features/allocation): the allowed user there is the team's senior.
      const seniorOnly = route.method === 'POST' && /^(\/api\/v1)?\/allocations\//.test(route.url)
      const who =
        route.access === 'admin'
          ? 'admin'
          : route.access === 'person:audit'
            ? 'auditor'
            : seniorOnly
              ? 'sam.senior'
              : 'pat.practitioner'
      const response = await call(route.method, fill(route.url, cases.own), browsers[who])
      const label = `${who} ${route.method} ${route.url}`
      expect([401, 403], label).not.toContain(response.statusCode)
      expect(response.statusCode, label).toBeLessThan(500)
      const extraParams = route.url.replace(':crn', '').includes(':')
      if (route.method === 'GET' && !extraParams) expect(response.statusCode, label).toBe(200)
    }
  })

  it('records refusals in the audit trail', async () => {
    const denied = await t.handle.db
      .selectFrom('audit_events')
      .select(['username', 'action'])
      .where('action', '=', 'ACCESS_DENIED')
      .execute()
    expect(denied.map(d => d.username)).toEqual(expect.arrayContaining(['alex.crc', 'pat.practitioner']))
  })
})
