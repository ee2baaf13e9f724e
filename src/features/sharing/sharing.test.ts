import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clockFrom } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { createFactories, type Factories } from '../../../test/factories/index.ts'

/**
 * Need-to-know sharing through the pages, as the people involved would use them: alex.crc (the contracted
 * provider) asks about a case pat.practitioner manages; pat or sam.senior (Team A's senior) decides. The app's clock
 * is one the test moves, so grants can run out and former managers' periods can end.
 */

const DAY = 86_400_000
let now = new Date()
const clock = clockFrom(() => new Date(now))

let t: TestApp
let make: Factories
const b: Record<string, TestBrowser> = {}

async function signInAll() {
  for (const u of ['pat.practitioner', 'sam.senior', 'alex.crc', 'auditor', 'casey.admin']) b[u] = await t.signIn(u)
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  await signInAll()
}, 120_000)
afterAll(() => t.close())

const auditRows = (action: string, subject: string) =>
  t.handle.db
    .selectFrom('audit_events')
    .select(['username', 'detail'])
    .where('action', '=', action)
    .where('subject', '=', subject)
    .execute()

const grantsOf = (personId: number) =>
  t.handle.db.selectFrom('access_grants').selectAll().where('person_id', '=', personId).orderBy('id').execute()

describe('asking for access', () => {
  it('offers another provider an "Ask for access" button on the refusal, and the manager grants it from needs attention', async () => {
    const c = await make.caseWithAppointments()
    const refused = await b['alex.crc'].get(`/people/${c.crn}`)
    expect(refused.statusCode).toBe(403)
    expect(refused.body).not.toContain(c.surname)
    expect(refused.body).toContain(`href="/sharing/requests/new?crn=${c.crn}"`)

    const form = await b['alex.crc'].get(`/sharing/requests/new?crn=${c.crn}`)
    expect(form.statusCode).toBe(200)
    expect(form.body).not.toContain(c.surname)

    const blank = await b['alex.crc'].post('/sharing/requests', { crn: c.crn, reason: '' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('govuk-error-summary')
    expect(blank.body).toContain('href="#reason"')
    expect(await grantsOf(c.personId)).toHaveLength(0)

    const sent = await b['alex.crc'].post('/sharing/requests', { crn: c.crn, reason: 'Joint MAPPA case' })
    expect([sent.statusCode, sent.headers.location]).toEqual([303, '/sharing/mine?done=asked'])
    expect(await grantsOf(c.personId)).toMatchObject([{ status: 'pending', reason: 'Joint MAPPA case' }])
    expect(await auditRows('ACCESS_REQUESTED', c.crn)).toMatchObject([{ username: 'alex.crc' }])
    expect((await b['alex.crc'].get(`/people/${c.crn}`)).statusCode).toBe(403)

    // The case manager and the team's senior see it in needs attention; a case administrator does not.
    for (const who of ['pat.practitioner', 'sam.senior']) {
      expect((await b[who].get(`/people/${c.crn}`)).body, who).toContain(
        'Decide on Alex Contracted’s request for access',
      )
    }
    expect((await b['casey.admin'].get(`/people/${c.crn}`)).body).not.toContain('request for access')
    const [request] = await grantsOf(c.personId)
    const decisionUrl = `/people/${c.crn}/access/requests/${request!.id}`
    expect((await b['casey.admin'].get(decisionUrl)).statusCode).toBe(403)

    const page = await b['sam.senior'].get(decisionUrl)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Joint MAPPA case')
    const noReason = await b['sam.senior'].post(decisionUrl, { decision: 'refuse', reason: '' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why you are refusing access')
    const granted = await b['sam.senior'].post(decisionUrl, { decision: 'grant', reason: 'Shared MAPPA case' })
    expect([granted.statusCode, granted.headers.location]).toEqual([303, `/people/${c.crn}/access?done=granted`])
    expect(await auditRows('ACCESS_GRANTED', c.crn)).toMatchObject([{ username: 'sam.senior' }])

    const read = await b['alex.crc'].get(`/people/${c.crn}`)
    expect(read.statusCode).toBe(200)
    expect(read.body).toContain(c.surname)
    const views = await auditRows('PERSON_VIEW', c.crn)
    expect(views.filter(v => v.username === 'alex.crc').map(v => v.detail)).toContainEqual(
      expect.objectContaining({ basis: 'access granted', grantId: request!.id }),
    )
    // Read, not change.
    expect((await b['alex.crc'].get(`/people/${c.crn}/personal-details`)).statusCode).toBe(403)

    // The access page shows who may see the record and why.
    const access = await b['pat.practitioner'].get(`/people/${c.crn}/access`)
    expect(access.statusCode).toBe(200)
    expect(access.body).toContain('Pat Practitioner')
    expect(access.body).toMatch(/Alex Contracted \(.*\) until \d+ \w+ \d{4}/)
  })

  it('lets the manager withdraw a grant, after which the reader is refused', async () => {
    const c = await make.caseWithAppointments()
    const id = await make.accessGrant(c.personId, { to: 'alex.crc' })
    expect((await b['alex.crc'].get(`/people/${c.crn}`)).statusCode).toBe(200)
    expect((await b['alex.crc'].post(`/people/${c.crn}/access/grants/${id}/withdraw`)).statusCode).toBe(403)
    const withdrawn = await b['pat.practitioner'].post(`/people/${c.crn}/access/grants/${id}/withdraw`)
    expect(withdrawn.statusCode).toBe(303)
    expect((await b['alex.crc'].get(`/people/${c.crn}`)).statusCode).toBe(403)
    expect(await auditRows('ACCESS_WITHDRAWN', c.crn)).toMatchObject([{ username: 'pat.practitioner' }])
  })

  it('refuses a request with its reason, and the asker stays refused', async () => {
    const c = await make.caseWithAppointments()
    const id = await make.accessGrant(c.personId, { to: 'alex.crc', status: 'pending' })
    const refused = await b['pat.practitioner'].post(`/people/${c.crn}/access/requests/${id}`, {
      decision: 'refuse',
      reason: 'Not needed',
    })
    expect(refused.statusCode).toBe(303)
    expect(await grantsOf(c.personId)).toMatchObject([{ status: 'refused', decision_reason: 'Not needed' }])
    expect(await auditRows('ACCESS_REQUEST_REFUSED', c.crn)).toHaveLength(1)
    expect((await b['alex.crc'].get(`/people/${c.crn}`)).statusCode).toBe(403)
  })

  it('does not let an excluded user ask, and a grant to them is no use (exclusions win)', async () => {
    const c = await make.caseWithAppointments(3, 7, { excluding: 'alex.crc' })
    expect((await b['alex.crc'].get(`/sharing/requests/new?crn=${c.crn}`)).statusCode).toBe(403)
    expect((await b['alex.crc'].post('/sharing/requests', { crn: c.crn, reason: 'Please' })).statusCode).toBe(403)
    await make.accessGrant(c.personId, { to: 'alex.crc', kind: 'urgent', expiresInDays: 1 })
    const page = await b['alex.crc'].get(`/people/${c.crn}`)
    expect(page.statusCode).toBe(403)
    expect(page.body).not.toContain('ask-for-access')
  })

  it('names a malformed CRN as the field at fault', async () => {
    const response = await b['alex.crc'].post('/sharing/requests', { crn: 'nope', reason: 'x' })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('Enter a CRN')
  })
})

describe('urgent access', () => {
  it('opens the record at once for 24 hours, flags it to the senior and lists it for auditors', async () => {
    const c = await make.caseWithAppointments()
    const missing = await b['alex.crc'].post('/sharing/urgent', { crn: c.crn, reason: 'Child at risk' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('href="#confirm"')
    const urgent = await b['alex.crc'].post('/sharing/urgent', { crn: c.crn, reason: 'Child at risk', confirm: 'yes' })
    expect([urgent.statusCode, urgent.headers.location]).toEqual([303, `/people/${c.crn}`])
    expect((await b['alex.crc'].get(`/people/${c.crn}`)).statusCode).toBe(200)
    expect(await auditRows('URGENT_ACCESS', c.crn)).toMatchObject([{ username: 'alex.crc' }])
    const views = await auditRows('PERSON_VIEW', c.crn)
    expect(views.map(v => v.detail)).toContainEqual(expect.objectContaining({ basis: 'urgent access' }))

    const overview = await b['sam.senior'].get(`/people/${c.crn}`)
    expect(overview.body).toContain('Alex Contracted used urgent access')
    const decisions = await b['sam.senior'].get('/sharing/decisions')
    expect(decisions.body).toContain(`Alex Contracted used urgent access to ${c.crn}`)

    const list = await b.auditor!.get('/sharing/urgent')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain(c.crn)
    expect(list.body).toContain('Child at risk')
    expect((await b['pat.practitioner'].get('/sharing/urgent')).statusCode).toBe(403)

    const [grant] = await grantsOf(c.personId)
    await b['sam.senior'].post(`/people/${c.crn}/access/grants/${grant!.id}/acknowledge`)
    expect((await b['sam.senior'].get(`/people/${c.crn}`)).body).not.toContain('used urgent access')
    expect(await auditRows('URGENT_ACCESS_ACKNOWLEDGED', c.crn)).toHaveLength(1)
  })
})

describe('former case managers', () => {
  it('see what was recorded while they managed the case for six months, then must ask', async () => {
    const c = await make.transferred({ from: 'CRC001', to: 'NWS001', transferredDaysAgo: 30 })
    const staff = await t.handle.db
      .selectFrom('staff')
      .select('id')
      .where('code', '=', 'CRC001')
      .executeTakeFirstOrThrow()
    const contact = (notes: string, daysAgo: number) => ({
      person_id: c.personId,
      contact_type: 'PHONE',
      starts_at: new Date(now.getTime() - daysAgo * DAY),
      created_at: new Date(now.getTime() - daysAgo * DAY),
      staff_id: staff.id,
      notes,
    })
    await t.handle.db
      .insertInto('contacts')
      .values([contact('Before the move', 60), contact('After the move', 5)])
      .execute()
    await t.handle.db
      .insertInto('addresses')
      .values({ person_id: c.personId, status: 'main', town: 'Newtownshire', start_date: '2026-01-01' })
      .execute()

    const overview = await b['alex.crc'].get(`/people/${c.crn}`)
    expect(overview.statusCode).toBe(200)
    expect(overview.body).toContain('data-qa="former-manager"')
    expect(overview.body).not.toContain('Newtownshire')
    const activity = await b['alex.crc'].get(`/people/${c.crn}/activity`)
    expect(activity.statusCode).toBe(200)
    expect(activity.body).toContain('Before the move')
    expect(activity.body).not.toContain('After the move')
    expect((await b['alex.crc'].get(`/people/${c.crn}/risk`)).statusCode).toBe(200)
    const addresses = await b['alex.crc'].get(`/people/${c.crn}/addresses`)
    expect(addresses.statusCode).toBe(403)
    expect(addresses.body).toContain('ask-for-access')
    const views = await auditRows('PERSON_VIEW', c.crn)
    expect(views.map(v => v.detail)).toContainEqual(expect.objectContaining({ basis: 'former manager' }))

    // Another member of the former provider who did not manage it is refused.
    // (alex is the contracted provider's only practitioner in the demo; the policy table covers the rest.)
    const access = await b['pat.practitioner'].get(`/people/${c.crn}/access`)
    expect(access.body).toMatch(/Alex Contracted, [^<]*can read until/)

    now = new Date(now.getTime() + 160 * DAY)
    await signInAll()
    const after = await b['alex.crc'].get(`/people/${c.crn}`)
    expect(after.statusCode).toBe(403)
    expect(after.body).toContain('ask-for-access')
  })
})

describe('expiry', () => {
  it('ends a grant after 30 days and audits the expiry once', async () => {
    const c = await make.caseWithAppointments()
    const id = await make.accessGrant(c.personId, { to: 'alex.crc' })
    expect((await b['alex.crc'].get(`/people/${c.crn}`)).statusCode).toBe(200)
    now = new Date(now.getTime() + 31 * DAY)
    await signInAll()
    expect((await b['alex.crc'].get(`/people/${c.crn}`)).statusCode).toBe(403)
    await b['pat.practitioner'].get(`/people/${c.crn}/access`)
    await b['pat.practitioner'].get(`/people/${c.crn}/access`)
    const expired = await auditRows('ACCESS_EXPIRED', c.crn)
    expect(expired).toHaveLength(1)
    expect(expired[0]!.detail).toMatchObject({ grantId: id })
  })
})
