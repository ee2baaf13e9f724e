import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadeSentence } from '../../../test/factories/index.ts'
import { approvePlan, insertReferral } from '../../../test/support/partner-referrals.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { referVictim } from '../victims/testing.ts'

/**
 * The partner wall (issue 18, "How we will know": a test searches every partner-facing response for data that was
 * not shared). Two cases: one referred to Northtown Housing Trust without its address, with a PNC, an address and a
 * victim on the record; another referred to Westbury Women's Centre. As pip.partner (NHT), every page under
 * `/partner` and every partner API response — the referral's pages and forms once it has a plan, sessions and an
 * incident, the forms sent back with errors, and every route tried with the other organisation's reference — is
 * searched for the CRNs, the PNC, the unshared address, the other case's name, the victim's name and address, and
 * the record's offence. None may appear.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let pip: TestBrowser
let shared: MadeSentence
let other: MadeSentence
let victimSurname = ''
const refs = { shared: '', other: '' }
const db = () => t.handle.db

const PNC = '2019/0456789Q'
const ADDRESS = { street: '14 Unshared Road', town: 'Leakton', postcode: 'LK9 9ZZ' }

beforeAll(async () => {
  t = await createTestApp({ clock })
  const make = createFactories(db(), { clock })
  shared = await make.sentenced('community', { forename: 'Morgan' })
  other = await make.sentenced('community', { forename: 'Hollis' })
  await db().updateTable('people').set({ pnc: PNC }).where('id', '=', shared.personId).execute()
  await db()
    .insertInto('addresses')
    .values({ person_id: shared.personId, status: 'main', ...ADDRESS, start_date: '2026-01-01' })
    .execute()
  victimSurname = (await referVictim(await t.signIn('val.vlo'), shared.crn, { surnamePrefix: 'Hiddenvictim' })).surname
  const a = await insertReferral(db(), {
    personId: shared.personId,
    eventId: shared.eventId,
    service: 'Accommodation support',
    name: `Morgan ${shared.surname}`,
  })
  const b = await insertReferral(db(), {
    personId: other.personId,
    eventId: other.eventId,
    service: 'Women’s centre',
    name: `Hollis ${other.surname}`,
  })
  Object.assign(refs, { shared: a.reference, other: b.reference })
  pip = await t.signIn('pip.partner')
  await pip.get('/partner') // '/' redirects a partner here: the page carries the session's CSRF token
  // The referral gets everything a partner page can show: accepted, a plan approved, a session, an incident.
  const accepted = await pip.post(`/partner/referrals/${a.reference}/accept`)
  expect(accepted.statusCode, accepted.body.slice(0, 3000)).toBe(303)
  await pip.post(`/partner/referrals/${a.reference}/action-plan`, { activities: ['Housing'], numberOfSessions: '3' })
  await approvePlan(db(), a.id)
  const session = { 'date-day': '7', 'date-month': '12', 'date-year': '2026', startTime: '10:00', endTime: '11:00' }
  expect(
    (await pip.post(`/partner/referrals/${a.reference}/sessions/new`, { ...session, attended: 'no' })).statusCode,
  ).toBe(303)
  await pip.post(`/partner/referrals/${a.reference}/incidents/new`, {
    ...session,
    time: '09:00',
    description: 'Shouted',
  })
}, 120_000)
afterAll(() => t?.close())

/** What must never reach the partner. */
function forbidden(): [string, string][] {
  return [
    ['the CRN', shared.crn],
    ['the other case’s CRN', other.crn],
    ['the PNC', PNC],
    ['the unshared address', ADDRESS.street],
    ['the unshared postcode', ADDRESS.postcode],
    ['the other case’s name', other.surname],
    ['the victim’s name', victimSurname],
    ['the victim’s address', 'Secret Lane'],
    ['the record’s offence', 'Burglary'],
  ]
}

function expectClean(label: string, response: LightMyRequestResponse) {
  for (const [what, value] of forbidden()) expect(response.body, `${label}: ${what}`).not.toContain(value)
}

const fill = (url: string, reference: string) => url.replace(':reference', reference).replace(':n', '1')

describe('the partner wall: nothing that was not shared', () => {
  it('has partner routes to search, pages and API', () => {
    const urls = t.app.routeTable.filter(r => r.access === 'referral:partner').map(r => r.url)
    expect(urls).toEqual(
      expect.arrayContaining(['/partner', '/partner/referrals/:reference', '/api/v1/partner/referrals']),
    )
    expect(urls.length).toBeGreaterThan(15)
  })

  it('shows nothing of the record but the summary on every partner page', async () => {
    const gets = t.app.routeTable.filter(
      r => r.access === 'referral:partner' && r.method === 'GET' && !r.url.startsWith('/api/'),
    )
    for (const route of gets) {
      const response = await pip.get(fill(route.url, refs.shared))
      const label = `GET ${route.url}`
      expect(response.statusCode, label).toBe(200)
      expect(response.body, label).toContain(`Morgan ${shared.surname}`)
      expectClean(label, response)
    }
  })

  it('sends forms back with errors and nothing of the record', async () => {
    const posts = t.app.routeTable.filter(
      r => r.access === 'referral:partner' && r.method === 'POST' && !r.url.startsWith('/api/'),
    )
    for (const route of posts) {
      const response = await pip.post(fill(route.url, refs.shared), { caseworker: 'x' })
      const label = `POST ${route.url}`
      expect(response.statusCode, label).toBeLessThan(500)
      expectClean(label, response)
    }
  })

  it('answers the other organisation’s referral on every route as unknown, without its name', async () => {
    const token = await issueTestToken(t, 'pip.partner', { scopes: ['partner'] })
    for (const route of t.app.routeTable.filter(r => r.access === 'referral:partner' && r.url.includes(':reference'))) {
      const url = fill(route.url, refs.other)
      const response = url.startsWith('/api/')
        ? await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: { authorization: `Bearer ${token}` },
            ...(route.method === 'GET' ? {} : { payload: {} }),
          })
        : route.method === 'GET'
          ? await pip.get(url)
          : await pip.post(url, {})
      const label = `${route.method} ${route.url}`
      expect(response.statusCode, label).toBe(404)
      expect(response.body, label).not.toContain(`Hollis`)
      expectClean(label, response)
    }
    expect(
      await db().selectFrom('referrals').select('status').where('reference', '=', refs.other).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'sent' })
  })

  it('answers the partner API with nothing of the record but the summary', async () => {
    const api = apiClient(t, await issueTestToken(t, 'pip.partner', { scopes: ['partner'] }))
    for (const url of ['/api/v1/partner/referrals', `/api/v1/partner/referrals/${refs.shared}`]) {
      const response = await api.get(url)
      expect(response.statusCode, url).toBe(200)
      expect(response.body, url).toContain(`Morgan ${shared.surname}`)
      expectClean(url, response)
    }
    for (const action of ['accept', 'decline', 'action-plans', 'sessions', 'end-of-service-report', 'incidents']) {
      const response = await api.post(`/api/v1/partner/referrals/${refs.shared}/${action}`, {})
      expect(response.statusCode, action).toBeLessThan(500)
      expectClean(action, response)
    }
  })
})
