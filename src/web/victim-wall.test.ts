import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadeSentence } from '../../test/factories/index.ts'
import { pdfText } from '../../test/support/pdf-text.ts'
import { fixedClock } from '../clock.ts'
import { apiClient, issueTestToken } from '../features/api/testing.ts'
import { cookieHeader, createTestApp, type TestApp, type TestBrowser } from './testing.ts'

/**
 * The victim wall (issue 15): a victim's identity and whereabouts never reach the offender's side. A violent case
 * with a victim in the Victim Contact Scheme, a victim-related licence condition requested and a note shared with the
 * offender manager; then every page and API answer on the offender's side that each role can reach — every GET route
 * of the app with the case's CRN, and every link those pages give within the record (documents and PDFs read back
 * as text) — is searched for the victim's name, address, postcode, telephone and email, as are the offender's audit
 * rows and every outbox event.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
const VICTIM = {
  forename: 'Philippa',
  surname: 'Quennevais',
  address: '14 Larkspur Mews',
  postcode: 'ZX9 8QW',
  phone: '07700 900461',
  email: 'pq.victim@example.org',
}
const NEEDLES = Object.values(VICTIM)

let t: TestApp
let c: MadeSentence
const browsers: Record<string, TestBrowser> = {}

beforeAll(async () => {
  t = await createTestApp({ clock })
  const make = createFactories(t.handle.db, { clock })
  c = await make.sentenced('custodial', {}, { offence: '00101', length: { value: 2, unit: 'years' } })
  for (const u of ['pat.practitioner', 'sam.senior', 'auditor', 'admin', 'casey.admin', 'val.vlo'])
    browsers[u] = await t.signIn(u)
  await putVictimInTheScheme()
}, 120_000)
afterAll(() => t.close())

/** The victim, their details, referral and opt-in, a requested condition and a shared note, as the victims feature keeps them. */
async function putVictimInTheScheme() {
  const db = t.handle.db
  const val = await db.selectFrom('users').select('id').where('username', '=', 'val.vlo').executeTakeFirstOrThrow()
  const victim = await db
    .insertInto('victims')
    .values({
      person_id: c.personId,
      event_id: c.eventId,
      forename: VICTIM.forename,
      surname: VICTIM.surname,
      created_by: val.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const own = { victim_id: victim.id, person_id: c.personId }
  await db
    .insertInto('victim_details')
    .values({
      ...own,
      address_line1: VICTIM.address,
      postcode: VICTIM.postcode,
      phone: VICTIM.phone,
      email: VICTIM.email,
      preferred_method: 'letter',
      recorded_by: val.id,
    })
    .execute()
  await db
    .insertInto('victim_referrals')
    .values({
      ...own,
      referred_on: '2026-11-01',
      referred_by: 'Northshire Witness Care Unit',
      source: 'form',
      recorded_by: val.id,
    })
    .execute()
  await db
    .insertInto('victim_scheme_decisions')
    .values({ ...own, decision: 'opt_in', decided_on: '2026-11-05', recorded_by: val.id })
    .execute()
  await db
    .insertInto('victim_condition_requests')
    .values({
      ...own,
      condition_code: 'exclusion_zone',
      wording: 'Not to enter the exclusion zone shown on the map attached',
      requested_on: '2026-11-06',
      recorded_by: val.id,
    })
    .execute()
  await db
    .insertInto('victim_shared_notes')
    .values({ person_id: c.personId, note: 'Victim-related licence conditions requested', shared_by: val.id })
    .execute()
}

/** The text a reader would see: a PDF's text, or the body as it is. */
async function readable(response: LightMyRequestResponse): Promise<string> {
  if (String(response.headers['content-type']).startsWith('application/pdf')) return pdfText(response.rawPayload)
  return response.body
}

const leaks = (text: string) => NEEDLES.filter(n => text.includes(n))

/** Every GET route of the offender's side with this CRN; routes with other parameters are reached by following links. */
function startingPages(crn: string): string[] {
  return t.app.routeTable
    .filter(r => r.method === 'GET' && !r.url.startsWith('/victims') && !r.url.startsWith('/api/v1/victims'))
    .filter(r => !r.url.startsWith('/assets') && !r.url.replace(':crn', '').includes(':') && !r.url.includes('*'))
    .map(r => r.url.replace(':crn', crn))
}

/** The record's own links in a page (same site, GET, about this person or a document). */
function linksIn(body: string, crn: string): string[] {
  const found = [...body.matchAll(/href="(\/[^"#]*)"/g)].map(m => m[1]!.replace(/&amp;/g, '&'))
  return found.filter(u => u.includes(crn) || u.startsWith('/documents'))
}

describe('the victim wall', () => {
  it.each(['pat.practitioner', 'sam.senior', 'auditor', 'admin', 'casey.admin'])(
    'shows %s nothing of the victim on any page of the offender’s side',
    async username => {
      const browser = browsers[username]!
      // Each reader crawls from an address of its own: every page of the offender's side for five readers is more
      // than the 600 requests a minute one address may make, and the later tests need 127.0.0.1's allowance.
      const cookie = cookieHeader(browser.cookies)
      const remoteAddress = `198.51.100.${10 + Object.keys(browsers).indexOf(username)}`
      const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie }, remoteAddress })
      const seen = new Set<string>()
      const queue = startingPages(c.crn)
      let read = 0
      while (queue.length && seen.size < 400) {
        const url = queue.shift()!
        if (seen.has(url) || /sign-out|\/sign-in/.test(url)) continue
        seen.add(url)
        const response = await get(url)
        if (response.statusCode !== 200) continue
        read++
        const text = await readable(response)
        expect(leaks(text), `${username} GET ${url}`).toEqual([])
        if (String(response.headers['content-type']).startsWith('text/html')) queue.push(...linksIn(text, c.crn))
      }
      // The crawl did read the record: the overview, the licence and custody pages at least.
      expect(read).toBeGreaterThan(15)
    },
  )

  it('answers the offender API with nothing of the victim', async () => {
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const routes = t.app.routeTable.filter(
      r => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.startsWith('/api/v1/victims'),
    )
    let read = 0
    for (const r of routes.filter(r => !r.url.replace(':crn', '').includes(':'))) {
      const response = await api.get(r.url.replace(':crn', c.crn))
      if (response.statusCode === 200) read++
      expect(leaks(response.body), `GET ${r.url}`).toEqual([])
    }
    expect(read).toBeGreaterThan(5)
  })

  it('finds no victim by search, and no victim in the offender’s audit rows or in any event', async () => {
    for (const q of [VICTIM.surname, `${VICTIM.forename} ${VICTIM.surname}`]) {
      const page = await browsers['pat.practitioner']!.get(`/people?q=${encodeURIComponent(q)}`)
      expect(page.statusCode).toBe(200)
      // The page repeats what was typed; it finds nobody: not the offender, and nothing else of the victim.
      expect(page.body).not.toContain(c.crn)
      expect(leaks(page.body.replaceAll(q, ''))).toEqual([])
    }
    const audit = await t.handle.db.selectFrom('audit_events').selectAll().where('person_id', '=', c.personId).execute()
    expect(audit.length).toBeGreaterThan(0)
    expect(leaks(JSON.stringify(audit))).toEqual([])
    const events = await t.handle.db.selectFrom('outbox_events').selectAll().execute()
    expect(leaks(JSON.stringify(events))).toEqual([])
  })
})
