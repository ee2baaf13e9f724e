import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../../../test/support/pdf-text.ts'
import { createFactories } from '../../../test/factories/index.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

// A custodial case managed by pat.practitioner (Northtown Team A): pat writes the licence, sam.senior (the team's
// senior) approves it. References: rules-and-outcomes.md §3.2; reference-systems.md §2.6, §6 rows 12 and 45.

let t: TestApp
let pat: TestBrowser
let sam: TestBrowser
let crn: string
let personId: number

const STANDARD = [
  'good_behaviour',
  'no_offence',
  'keep_in_touch',
  'receive_visits',
  'reside_approved_address',
  'approved_work',
  'no_travel_outside_uk',
]

const curfewAndZone = (over: Record<string, string | string[]> = {}) => ({
  standard: STANDARD,
  additional: ['curfew', 'exclusion_zone'],
  'curfew-address': '12 Mill Lane, Northtown',
  'curfew-startTime': '19:00',
  'curfew-endTime': '07:00',
  'curfew-justification': 'Burglaries at night',
  'exclusion_zone-description': 'Southam town centre',
  'exclusion_zone-mapReference': 'EZ-1',
  'exclusion_zone-justification': 'The victim lives in Southam',
  ...over,
})

const db = () => t.handle.db
const versions = () =>
  db().selectFrom('licence_versions').selectAll().where('person_id', '=', personId).orderBy('version_number').execute()
const events = (type: string) =>
  db()
    .selectFrom('outbox_events')
    .selectAll()
    .where('person_id', '=', personId)
    .where('event_type', '=', type)
    .execute()
const page = (crnToRead = crn) => pat.get(`/people/${crnToRead}/licence`)
const latestId = async () => (await versions()).at(-1)!.id

beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
  sam = await t.signIn('sam.senior')
  const made = await createFactories(t.handle.db).sentenced('custodial')
  crn = made.crn
  personId = made.personId
}, 120_000)
afterAll(() => t.close())

describe('writing a licence (issue 14 item 3)', () => {
  it('shows the licence period from the key dates, before any licence is written', async () => {
    const sentence = await db()
      .selectFrom('sentences')
      .select('key_dates')
      .where('person_id', '=', personId)
      .where('sentence_type', '=', 'custodial')
      .executeTakeFirstOrThrow()
    const keyDates = sentence.key_dates as Record<string, string>
    expect(keyDates.CRD).toBeTruthy()
    const response = await page()
    expect(response.statusCode).toBe(200)
    const summary = /data-qa="licence-summary"[\s\S]*?<\/dl>/.exec(response.body)![0]
    const day = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      )
    expect(summary).toContain(`${day(keyDates.CRD!)} to ${day((keyDates.SLED ?? keyDates.LED)!)}`)
    expect(summary).toContain('None approved yet')
    expect(response.body).toContain('Write the licence')
  })

  it('offers every standard condition ticked by default, and every additional category', async () => {
    const response = await pat.get(`/people/${crn}/licence/conditions`)
    expect(response.statusCode).toBe(200)
    for (const code of STANDARD)
      expect(response.body).toMatch(new RegExp(`name="standard" type="checkbox" value="${code}" checked`))
    expect(response.body).toContain('Freedom of movement (exclusion zone)')
    expect(response.body).toContain('Polygraph')
    expect(response.body).toContain('no more than 16 hours a day')
  })

  it('refuses conditions without a justification, a curfew over the limit and a zone without a description, saving nothing', async () => {
    const response = await pat.post(
      `/people/${crn}/licence/conditions`,
      curfewAndZone({
        'curfew-startTime': '18:00',
        'curfew-endTime': '12:00',
        'exclusion_zone-description': '',
        'exclusion_zone-justification': '',
        additional: ['curfew', 'exclusion_zone', 'polygraph'],
      }),
    )
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('There is a problem')
    expect(response.body).toContain(
      'href="#curfew-endTime">The curfew is 18 hours a day: it must be no more than 16 hours a day',
    )
    expect(response.body).toContain('href="#exclusion_zone-description">Enter the description of the exclusion zone')
    expect(response.body).toContain('href="#exclusion_zone-justification">Give the justification')
    expect(response.body).toContain(
      'href="#polygraph-justification">Give the justification for the polygraph condition',
    )
    expect(await versions()).toEqual([])
    expect(await db().selectFrom('licences').selectAll().where('person_id', '=', personId).execute()).toEqual([])
  })

  it('saves a draft, which the manager submits and only a senior approves', async () => {
    const saved = await pat.post(`/people/${crn}/licence/conditions`, curfewAndZone())
    expect(saved.statusCode, saved.body.slice(0, 400)).toBe(303)
    const [draft] = await versions()
    expect(draft).toMatchObject({ version_number: 1, kind: 'initial', status: 'draft' })

    expect((await pat.post(`/people/${crn}/licence/versions/${draft!.id}/submit`)).statusCode).toBe(303)
    const refused = await pat.post(`/people/${crn}/licence/versions/${draft!.id}/approve`)
    expect(refused.statusCode).toBe(403)
    expect((await versions())[0]!.status).toBe('submitted')
    expect(await events('licence.approved')).toEqual([])

    const approved = await sam.post(`/people/${crn}/licence/versions/${draft!.id}/approve`)
    expect(approved.statusCode, approved.body.slice(0, 400)).toBe(303)
    const [v1] = await versions()
    expect(v1).toMatchObject({ status: 'approved', period_basis: 'CRD to SLED' })
    expect(v1!.period_start).toBeTruthy()
    const [event] = await events('licence.approved')
    expect(event!.payload).toMatchObject({ crn, versionNumber: 1, additional: ['curfew', 'exclusion_zone'] })

    const body = (await page()).body
    expect(body).toContain('The licence in force (version 1)')
    expect(body).toContain('You must be at 12 Mill Lane, Northtown between 19:00 and 07:00 every day')
    expect(body).toContain('Justification:</strong> The victim lives in Southam')
  })

  it('prints the licence as a PDF that reads back with its conditions', async () => {
    const [v1] = await versions()
    const response = await pat.get(`/people/${crn}/licence/versions/${v1!.id}/pdf`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('application/pdf')
    const text = (await pdfText(response.rawPayload)).replace(/\s+/g, ' ')
    expect(text).toContain('Licence')
    expect(text).toContain(crn)
    expect(text).toContain('Not commit any offence.')
    expect(text).toContain('Curfew arrangement')
    expect(text).toContain('Southam town centre (shown on map EZ-1)')
    expect(text).not.toContain('DRAFT')
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('subject', '=', crn)
      .where('action', '=', 'LICENCE_DOWNLOAD')
      .execute()
    expect(audit.length).toBeGreaterThan(0)
  })
})

describe('the licence page on a phone', () => {
  it('keeps the table of every version in its own scrolling region, so the page is never wider than a phone', async () => {
    const body = (await page()).body
    expect(body).toContain('data-qa="history"')
    expect(body).toMatch(
      /<div class="probity-table-scroll" role="region" aria-label="[^"]+" tabindex="0">\s*<table class="govuk-table" data-qa="history">/,
    )
  })
})

describe('varying a licence (reference-systems.md §6 row 12)', () => {
  it('refuses a variation without its reason, saving nothing', async () => {
    const response = await pat.post(`/people/${crn}/licence/conditions`, curfewAndZone({ 'curfew-startTime': '21:00' }))
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('href="#variationReason">Give the reason for varying the licence')
    expect(await versions()).toHaveLength(1)
  })

  it('returns a variation with a reason, and approves the next one, keeping every version', async () => {
    const vary = (over: Record<string, string>) =>
      pat.post(`/people/${crn}/licence/conditions`, curfewAndZone({ variationReason: 'Has found night work', ...over }))
    expect((await vary({ 'curfew-startTime': '23:00' })).statusCode).toBe(303)
    const v2 = await latestId()
    expect((await pat.post(`/people/${crn}/licence/versions/${v2}/submit`)).statusCode).toBe(303)

    const blank = await sam.post(`/people/${crn}/licence/versions/${v2}/return`, { returnReason: ' ' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('href="#returnReason">Give the reason for returning the licence')
    expect((await versions()).at(-1)!.status).toBe('submitted')
    const returned = await sam.post(`/people/${crn}/licence/versions/${v2}/return`, {
      returnReason: 'Check the hours with the employer',
    })
    expect(returned.statusCode).toBe(303)

    expect((await vary({ 'curfew-startTime': '22:00', 'curfew-endTime': '06:00' })).statusCode).toBe(303)
    const v3 = await latestId()
    await pat.post(`/people/${crn}/licence/versions/${v3}/submit`)
    expect((await sam.post(`/people/${crn}/licence/versions/${v3}/approve`)).statusCode).toBe(303)

    const all = await versions()
    expect(all.map(v => [v.version_number, v.kind, v.status])).toEqual([
      [1, 'initial', 'approved'],
      [2, 'variation', 'returned'],
      [3, 'variation', 'approved'],
    ])
    // Nothing overwritten: the first licence keeps its curfew, the returned variation its reason.
    expect(JSON.stringify(all[0]!.conditions)).toContain('"startTime":"19:00"')
    expect(all[1]!.return_reason).toBe('Check the hours with the employer')
    const [varied] = await events('licence.varied')
    expect(varied!.payload).toMatchObject({
      versionNumber: 3,
      reason: 'Has found night work',
      changes: { added: [], removed: [], changed: ['Curfew arrangement'] },
    })

    const body = (await page()).body
    expect(body).toContain('The licence in force (version 3)')
    expect(body).toContain('between 22:00 and 06:00')
    const history = /data-qa="history"[\s\S]*?<\/table>/.exec(body)![0]
    expect(history).toContain('Variation 3')
    expect(history).toContain('Check the hours with the employer')
    expect(history).toContain('Licence 1')
  })
})

describe('a case with no custodial sentence', () => {
  it('has no licence to write, and a draft is refused naming the sentence', async () => {
    const community = await createFactories(t.handle.db).sentenced('community')
    expect((await page(community.crn)).body).toContain('There is no current custodial sentence')
    const response = await pat.post(`/people/${community.crn}/licence/conditions`, curfewAndZone())
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('href="#sentence">There is no current custodial sentence to write a licence for')
    const saved = await db().selectFrom('licences').select('id').where('person_id', '=', community.personId).execute()
    expect(saved).toEqual([])
  })
})

describe('the API (GET /api/v1/people/:crn/licences)', () => {
  it('lists the licence in force, its period and every version, and is in the OpenAPI document', async () => {
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const response = await api.get(`/api/v1/people/${crn}/licences`)
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.current.versionNumber).toBe(3)
    expect(body.period.start).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(body.versions.map((v: { status: string }) => v.status)).toEqual(['approved', 'returned', 'approved'])
    expect(body.current.additional.map((a: { type: string }) => a.type)).toEqual(['curfew', 'exclusion_zone'])
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
    expect(openapi.paths['/api/v1/people/{crn}/licences'].get.tags).toEqual(['licences'])
    expect(openapi.components.schemas.LicenceVersion).toBeTruthy()
  })

  it('refuses another provider', async () => {
    const api = apiClient(t, await issueTestToken(t, 'alex.crc'))
    expect((await api.get(`/api/v1/people/${crn}/licences`)).statusCode).toBe(403)
  })
})
