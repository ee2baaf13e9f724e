import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { allocate, findStaffPlacement } from '../../../test/factories/queries.ts'
import { hashPassword } from '../../access/passwords.ts'
import { fixedClock } from '../../clock.ts'
import { DEMO_PASSWORD } from '../../seed/demo.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import { dateFields } from './testing.ts'
import { workList } from './work-list.ts'

/**
 * The Victim Contact Scheme's core as its users would check it, on Monday 7 December 2026: a referral from the witness
 * care unit by form and API, refused (nothing written) without a way of contacting the victim or for an unknown CRN;
 * the victim's page (details with their history, decisions, officer, contacts, the offender facts, eligibility); the
 * wall (only victim liaison roles, never the offender's who-has-looked page, no victim's name in audit or events);
 * conflict of interest; the work list's overdue referrals.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let val: TestBrowser
let manager: TestBrowser
const db = () => t.handle.db

/** A violent offence (00101) with 2 years in custody, sentenced 60 days ago: eligible, its referral overdue. */
const eligibleCase = (): Promise<MadeSentence> =>
  make.sentenced('custodial', {}, { offence: '00101', length: { value: 2, unit: 'years' } })

let victimCount = 0
/** A referral form's fields, for a victim with a unique surname. */
function referralForm(crn: string, extra: Record<string, string> = {}) {
  return {
    crn,
    forename: 'Vera',
    surname: `Victimname${++victimCount}x`,
    addressLine1: '1 Secret Lane',
    town: 'Hiddenton',
    postcode: 'NE1 4XY',
    phone: '0191 000 0000',
    preferredMethod: 'letter',
    wishes: 'To be told of release',
    ...dateFields('referredOn', '2026-11-20'),
    referredBy: 'Northtown Witness Care Unit',
    ...extra,
  }
}

async function refer(crn: string, extra: Record<string, string> = {}) {
  const form = referralForm(crn, extra)
  const response = await val.post('/victims/referrals', form)
  expect(response.statusCode, response.body.slice(0, 500)).toBe(303)
  const victimId = Number(/\/victims\/(\d+)/.exec(response.headers.location as string)![1])
  return { victimId, surname: form.surname, form }
}

const countRows = async (table: 'victims' | 'victim_details' | 'victim_referrals' | 'victim_scheme_decisions') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select(eb => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const counts = async () => Promise.all((['victims', 'victim_details', 'victim_referrals'] as const).map(countRows))

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  // A victim liaison manager of the public provider (the demo's has no staff record, so no provider).
  const vlo = await findStaffPlacement(db(), 'NWS005')
  const staff = await db()
    .insertInto('staff')
    .values({
      code: 'NWS095',
      forename: 'Mo',
      surname: 'Manager',
      grade: 'VLO',
      provider_id: vlo.provider_id,
      team_id: vlo.team_id,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('users')
    .values({
      username: 'mo.vlmanager',
      display_name: 'Mo Manager',
      roles: ['victim_liaison_manager'],
      staff_id: staff.id,
      password_hash: await hashPassword(DEMO_PASSWORD),
    })
    .execute()
  ;[val, manager] = await Promise.all([t.signIn('val.vlo'), t.signIn('mo.vlmanager')])
}, 120_000)
afterAll(() => t.close())

describe('a referral from the witness care unit', () => {
  it('shows the offender’s name for the CRN, records the referral and shows the victim’s page', async () => {
    const c = await eligibleCase()
    await db()
      .insertInto('addresses')
      .values({
        person_id: c.personId,
        status: 'main',
        street: '9 Offender Street',
        postcode: 'NE9 9ZZ',
        start_date: '2026-01-01',
      })
      .execute()
    const find = await val.get(`/victims/referrals/new?crn=${c.crn}`)
    expect(find.statusCode).toBe(200)
    expect(plain(find.body)).toContain(`Offender: ${c.forename} ${c.surname} (${c.crn})`)

    const before = await counts()
    const { victimId, surname } = await refer(c.crn)
    expect(await counts()).toEqual(before.map(n => n + 1))
    const referral = await db()
      .selectFrom('victim_referrals')
      .selectAll()
      .where('victim_id', '=', victimId)
      .executeTakeFirstOrThrow()
    expect(referral).toMatchObject({
      source: 'form',
      referred_by: 'Northtown Witness Care Unit',
      person_id: c.personId,
    })

    const page = await val.get(`/victims/${victimId}?done=referral`)
    expect(page.statusCode).toBe(200)
    const text = plain(page.body)
    expect(text).toContain(`Vera ${surname}`)
    expect(text).toContain('Referral recorded')
    expect(text).toContain('1 Secret Lane, Hiddenton, NE1 4XY')
    expect(text).toContain('20 November 2026')
    expect(text).toContain('Northtown Witness Care Unit')
    // The offender facts the victim is entitled to, and eligibility with its reason.
    expect(text).toContain(`${c.forename} ${c.surname}`)
    expect(text).toContain(c.crn)
    expect(text).toContain('Custodial sentence of 2 years, sentenced on 8 October 2026')
    expect(text).toMatch(/Eligible: convicted of a violent offence \(00101/)
    expect(page.body).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    // Never the offender's address, on the referral page or the victim's.
    for (const body of [find.body, page.body]) expect(body).not.toMatch(/Offender Street|NE9 9ZZ/)
  })

  it('takes a referral from the witness care unit’s system through the API (victims scope)', async () => {
    const c = await eligibleCase()
    const token = await issueTestToken(t, 'val.vlo', { scopes: ['victims'] })
    const api = apiClient(t, token)
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/victims/referrals',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `referral-${c.crn}` },
        payload: {
          crn: c.crn,
          forename: 'Ada',
          surname: 'Apivictim',
          email: 'ada@example.com',
          preferredMethod: 'email',
          referredOn: '2026-11-30',
          referredBy: 'Northtown WCU',
        },
      })
    const before = await counts()
    const created = await send()
    expect(created.statusCode, created.body).toBe(201)
    // A retry with the same key gets the same answer and records nothing more.
    const replayed = await send()
    expect([replayed.statusCode, replayed.json()]).toEqual([201, created.json()])
    expect(await counts()).toEqual(before.map(n => n + 1))
    const kept = await db().selectFrom('idempotency_keys').select('response_body').execute()
    expect(kept.filter(k => (k.response_body ?? '').includes('Apivictim'))).toEqual([])
    // The answer names no victim (answers to POSTs may be kept for Idempotency-Key replays).
    expect(created.json()).toEqual({ id: expect.any(Number) })
    expect(created.headers.location).toBe(`/api/v1/victims/${created.json().id}`)
    const read = await api.get(`/api/v1/victims/${created.json().id}`)
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({
      offenderCrn: c.crn,
      forename: 'Ada',
      surname: 'Apivictim',
      details: { email: 'ada@example.com', preferredMethod: 'email', noContactWish: false },
      referrals: [{ referredOn: '2026-11-30', referredBy: 'Northtown WCU', source: 'api' }],
      decisions: [],
    })
  })

  it('takes a victim who does not want to be contacted, with no contact details', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn, {
      addressLine1: '',
      town: '',
      postcode: '',
      phone: '',
      preferredMethod: '',
      noContactWish: 'yes',
    })
    const text = plain((await val.get(`/victims/${victimId}`)).body)
    expect(text).toContain('Yes: the victim asked not to be contacted')
  })

  it('refuses a victim with no way of contacting them and no wish not to be contacted, naming the field', async () => {
    const c = await eligibleCase()
    const before = await counts()
    const form = await val.post(
      '/victims/referrals',
      referralForm(c.crn, { addressLine1: '', town: '', postcode: '', phone: '', preferredMethod: '' }),
    )
    expect(form.statusCode).toBe(400)
    expect(form.body).toContain('govuk-error-summary')
    expect(form.body).toContain('href="#contact"')
    expect(form.body).toContain('Enter a way to contact the victim')

    const api = apiClient(t, await issueTestToken(t, 'val.vlo', { scopes: ['victims'] }))
    const refused = await api.post('/api/v1/victims/referrals', {
      crn: c.crn,
      forename: 'No',
      surname: 'Way',
      referredOn: '2026-11-30',
      referredBy: 'WCU',
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.fields).toEqual([expect.objectContaining({ field: 'contact' })])
    expect(await counts()).toEqual(before)
  })

  it('refuses an unknown CRN and a referral date in the future on their fields, saving nothing', async () => {
    const before = await counts()
    const unknown = await val.post('/victims/referrals', referralForm('Z999999'))
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toContain('There is no person with this CRN')
    expect(unknown.body).toContain('href="#crn"')
    const c = await eligibleCase()
    const future = await val.post('/victims/referrals', referralForm(c.crn, dateFields('referredOn', '2026-12-08')))
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('href="#referredOn-day"')
    const api = apiClient(t, await issueTestToken(t, 'val.vlo', { scopes: ['victims'] }))
    const refused = await api.post('/api/v1/victims/referrals', {
      crn: 'Z999999',
      forename: 'A',
      surname: 'B',
      phone: '0191 000 0000',
      referredOn: '2026-11-30',
      referredBy: 'WCU',
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error.fields).toEqual([{ field: 'crn', message: 'There is no person with this CRN' }])
    expect(await counts()).toEqual(before)
  })
})

describe('the victim’s record', () => {
  it('keeps every decision: opted out, then opted in, the latest first', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn)
    const out = await val.post(`/victims/${victimId}/decisions`, {
      decision: 'opt_out',
      ...dateFields('decidedOn', '2026-11-25'),
      notes: 'Does not want updates for now',
    })
    expect(out.statusCode).toBe(303)
    expect(plain((await val.get(`/victims/${victimId}`)).body)).toMatch(/Opted out .*Opted out 25 November 2026/)
    await val.post(`/victims/${victimId}/decisions`, { decision: 'opt_in', ...dateFields('decidedOn', '2026-12-02') })
    const page = await val.get(`/victims/${victimId}`)
    const rows = [...page.body.matchAll(/<tr[^>]*data-qa="decision-row"[\s\S]*?<\/tr>/g)].map(m => plain(m[0]))
    expect(rows).toEqual([
      expect.stringMatching(/^Opted in 2 December 2026/),
      expect.stringMatching(/^Opted out 25 November 2026 Does not want updates for now/),
    ])
    expect(page.body).toMatch(/data-qa="decision">\s*Opted in/)
  })

  it('refuses a decision without a choice or with a date in the future, saving nothing', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn)
    const before = await countRows('victim_scheme_decisions')
    const bad = await val.post(`/victims/${victimId}/decisions`, dateFields('decidedOn', '2026-12-07'))
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Choose whether the victim opted in or out')
    const future = await val.post(`/victims/${victimId}/decisions`, {
      decision: 'opt_in',
      ...dateFields('decidedOn', '2027-01-01'),
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('href="#decidedOn-day"')
    expect(await countRows('victim_scheme_decisions')).toBe(before)
  })

  it('keeps the earlier contact details when they change, and records contacts', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn)
    const form = await val.get(`/victims/${victimId}/details`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('value="1 Secret Lane"')
    const changed = await val.post(`/victims/${victimId}/details`, {
      addressLine1: '2 New Road',
      town: 'Elsewhere',
      postcode: 'NE2 1AB',
      preferredMethod: 'letter',
      wishes: 'Also to make representations about licence conditions',
    })
    expect(changed.statusCode).toBe(303)
    const refused = await val.post(`/victims/${victimId}/details`, { preferredMethod: 'phone' })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('Enter a way to contact the victim')
    await val.post(`/victims/${victimId}/contacts`, {
      ...dateFields('contactOn', '2026-12-03'),
      method: 'phone',
      summary: 'Explained the scheme',
    })
    const page = await val.get(`/victims/${victimId}`)
    const current = plain(/data-qa="details"[\s\S]*?<\/dl>/.exec(page.body)![0])
    expect(current).toContain('2 New Road, Elsewhere, NE2 1AB')
    expect(current).not.toContain('Secret Lane')
    expect(plain(/data-qa="earlier-details"[\s\S]*?<\/details>/.exec(page.body)![0])).toContain('1 Secret Lane')
    expect(plain(page.body)).toContain('3 December 2026 Phone Explained the scheme')
    const versions = await db().selectFrom('victim_details').select('id').where('victim_id', '=', victimId).execute()
    expect(versions).toHaveLength(2)
  })

  it('assigns an officer, who then sees the victim in their list', async () => {
    const c = await eligibleCase()
    const { victimId, surname } = await refer(c.crn)
    const listBefore = await manager.get('/victims')
    expect(plain(/data-qa="unassigned"[\s\S]*?<\/table>/.exec(listBefore.body)?.[0] ?? '')).toContain(surname)
    const valId = (
      await db().selectFrom('users').select('id').where('username', '=', 'val.vlo').executeTakeFirstOrThrow()
    ).id
    const assigned = await manager.post(`/victims/${victimId}/officer`, { officer: String(valId) })
    expect(assigned.statusCode).toBe(303)
    expect(plain((await val.get(`/victims/${victimId}`)).body)).toContain('Val Liaison, since 7 December 2026')
    const mine = await val.get('/victims')
    expect(plain(/data-qa="mine"[\s\S]*?<\/table>/.exec(mine.body)![0])).toContain(`Vera ${surname}`)
    expect(mine.body).not.toContain('data-qa="unassigned"')
    const listAfter = await manager.get('/victims')
    expect(listAfter.body).not.toContain(`data-qa="unassigned-${victimId}"`)
  })
})

describe('conflict of interest', () => {
  it('refuses a victim liaison officer who manages the offender: referral, opening the record and assignment', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn)
    // The case moves to val (NWS005) as well: val now manages it.
    const valStaff = await findStaffPlacement(db(), 'NWS005')
    const other = await eligibleCase()
    await allocate(db(), other.personId, valStaff)
    const before = await counts()
    const referral = await val.post('/victims/referrals', referralForm(other.crn))
    expect(referral.statusCode).toBe(400)
    expect(referral.body).toContain('conflict of interest: you manage this person’s case')
    expect(await counts()).toEqual(before)

    await allocate(db(), c.personId, valStaff)
    const page = await val.get(`/victims/${victimId}`)
    expect(page.statusCode).toBe(403)
    expect(page.body).toContain('conflict of interest: you manage this person’s case')
    const change = await val.post(`/victims/${victimId}/contacts`, {
      ...dateFields('contactOn', '2026-12-03'),
      method: 'phone',
      summary: 'Should not be saved',
    })
    expect(change.statusCode).toBe(403)

    const valId = (
      await db().selectFrom('users').select('id').where('username', '=', 'val.vlo').executeTakeFirstOrThrow()
    ).id
    const assign = await manager.post(`/victims/${victimId}/officer`, { officer: String(valId) })
    expect(assign.statusCode).toBe(400)
    expect(assign.body).toContain('conflict of interest: Val Liaison manages this person’s case')
    const assignments = await db()
      .selectFrom('victim_officer_assignments')
      .select('id')
      .where('victim_id', '=', victimId)
      .execute()
    expect(assignments).toHaveLength(0)
    const refusals = await db()
      .selectFrom('audit_events')
      .select(['person_id', 'subject'])
      .where('action', '=', 'VICTIM_ACCESS_REFUSED')
      .where('subject', '=', `victim:${victimId}`)
      .execute()
    expect(refusals.length).toBeGreaterThan(0)
    expect(refusals.every(r => r.person_id === null)).toBe(true)
  })
})

describe('another provider’s victims', () => {
  it('refuses a referral for, and the record of a victim of, a case another provider manages', async () => {
    const crc = await make.sentenced('custodial', { allocatedTo: 'CRC001' }, { offence: '00101' })
    const before = await counts()
    const referral = await val.post('/victims/referrals', referralForm(crc.crn))
    expect(referral.statusCode).toBe(400)
    expect(referral.body).toContain('managed by another provider')
    expect(await counts()).toEqual(before)

    const moved = await eligibleCase()
    const { victimId } = await refer(moved.crn)
    await allocate(db(), moved.personId, await findStaffPlacement(db(), 'CRC001'))
    const page = await val.get(`/victims/${victimId}`)
    expect(page.statusCode).toBe(403)
    expect(page.body).toContain('managed by another provider')
    const api = apiClient(t, await issueTestToken(t, 'val.vlo', { scopes: ['victims'] }))
    expect((await api.get(`/api/v1/victims/${victimId}`)).statusCode).toBe(403)
    expect((await api.get('/api/v1/victims/999999999')).statusCode).toBe(404)
  })
})

describe('the work list', () => {
  it('shows an eligible case with no referral 20 working days after sentence, until a referral is recorded', async () => {
    const c = await eligibleCase()
    const notEligible = await make.sentenced('custodial', {}, { offence: '11800', length: { value: 2, unit: 'years' } })
    const list = await val.get('/victims')
    expect(list.statusCode).toBe(200)
    const row = plain(new RegExp(`<tr[^>]*data-qa="overdue-${c.crn}"[\\s\\S]*?</tr>`).exec(list.body)?.[0] ?? '')
    // Sentenced 60 days before 7 December 2026; 20 working days later is 5 November 2026.
    expect(row).toContain(`${c.forename} ${c.surname} ${c.crn}`)
    expect(row).toContain('8 October 2026 5 November 2026')
    expect(list.body).not.toContain(`overdue-${notEligible.crn}`)
    await refer(c.crn)
    expect((await val.get('/victims')).body).not.toContain(`overdue-${c.crn}`)
  })

  it('lists the longest overdue first and, when it shows fewer than are overdue, says there are more', async () => {
    const older = await eligibleCase()
    const newer = await eligibleCase()
    // Sentenced 300 days ago: its referral has been due the longest.
    await db()
      .updateTable('sentences')
      .set({ sentence_date: clock.today().minusDays(300).toString() })
      .where('id', '=', older.sentenceId)
      .execute()
    const body = (await val.get('/victims')).body
    expect(body.indexOf(`overdue-${older.crn}`)).toBeGreaterThan(-1)
    expect(body.indexOf(`overdue-${older.crn}`)).toBeLessThan(body.indexOf(`overdue-${newer.crn}`))
    expect(body).not.toContain('data-qa="more-overdue"')

    const valId = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'val.vlo')
      .executeTakeFirstOrThrow()
    const user = await loadCurrentUser(db(), valId.id, 'session')
    const ctx = { user, requestId: 'test', ip: null }
    const all = await workList({ db: db(), clock }, ctx)
    expect(all.moreOverdue).toBe(false)
    const firstTwo = await workList({ db: db(), clock }, ctx, 2)
    expect(firstTwo.overdue.map(o => o.crn)).toEqual(all.overdue.slice(0, 2).map(o => o.crn))
    expect(firstTwo.moreOverdue).toBe(true)
  })
})

describe('the wall', () => {
  it('refuses every victim page and API route to a practitioner, a senior and an auditor', async () => {
    const c = await eligibleCase()
    const { victimId } = await refer(c.crn)
    const decisionsBefore = await countRows('victim_scheme_decisions')
    const routes = t.app.routeTable.filter(r => r.url.startsWith('/victims') || r.url.startsWith('/api/v1/victims'))
    expect(routes.length).toBeGreaterThanOrEqual(9)
    for (const username of ['pat.practitioner', 'sam.senior', 'auditor']) {
      const browser = await t.signIn(username)
      const api = apiClient(t, await issueTestToken(t, username))
      for (const r of routes) {
        const url = r.url.replace(':victimId', String(victimId))
        const response = url.startsWith('/api/')
          ? r.method === 'GET'
            ? await api.get(url)
            : await api.post(url, {})
          : r.method === 'GET'
            ? await browser.get(url)
            : await browser.post(url, { decision: 'opt_in' })
        expect(response.statusCode, `${username} ${r.method} ${url}`).toBe(403)
      }
    }
    // val.vlo with a token for the offender record ('case') cannot read a victim either.
    const caseToken = apiClient(t, await issueTestToken(t, 'val.vlo', { scopes: ['case'] }))
    expect((await caseToken.get(`/api/v1/victims/${victimId}`)).statusCode).toBe(403)
    expect(await countRows('victim_scheme_decisions')).toBe(decisionsBefore)
  })

  it('writes no victim’s name or address into any audit row or outbox event, and none against the offender', async () => {
    const c = await eligibleCase()
    const { victimId, surname } = await refer(c.crn)
    await val.post(`/victims/${victimId}/contacts`, {
      ...dateFields('contactOn', '2026-12-01'),
      method: 'letter',
      summary: 'Sent the leaflet',
    })
    await val.get(`/victims/${victimId}`)
    const audits = await db()
      .selectFrom('audit_events')
      .select(['action', 'person_id', 'detail', 'subject'])
      .where('action', 'like', 'VICTIM_%')
      .execute()
    expect(audits.map(a => a.action)).toEqual(
      expect.arrayContaining(['VICTIM_REFERRAL_RECORD', 'VICTIM_CONTACT_RECORD', 'VICTIM_VIEW']),
    )
    expect(audits.every(a => a.person_id === null)).toBe(true)
    const all = await db().selectFrom('audit_events').select(['detail', 'subject']).execute()
    const events = await db().selectFrom('outbox_events').select(['event_type', 'person_id', 'payload']).execute()
    expect(events.some(e => e.event_type === 'victim.referral-recorded')).toBe(true)
    for (const leak of [surname, 'Secret Lane', 'NE1 4XY', '0191 000 0000']) {
      expect(all.filter(a => JSON.stringify(a).includes(leak))).toEqual([])
      expect(events.filter(e => JSON.stringify(e).includes(leak))).toEqual([])
    }
    expect(events.filter(e => e.event_type.startsWith('victim.')).every(e => e.person_id === null)).toBe(true)
    // Nothing victim-side is on the offender's who-has-looked trail.
    const offenderRows = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('person_id', '=', c.personId)
      .execute()
    expect(offenderRows.filter(r => r.action.startsWith('VICTIM'))).toEqual([])
  })
})
