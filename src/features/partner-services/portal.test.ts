import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadeSentence } from '../../../test/factories/index.ts'
import { approvePlan, insertReferral } from '../../../test/support/partner-referrals.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * The partner portal as a partner caseworker (pip.partner of Northtown Housing Trust) and the practitioner would
 * check it, on Monday 7 December 2026: the organisation's referrals only, the shared summary with safety first,
 * accept or decline, a caseworker, an action plan approved before sessions (an approved version never changes),
 * sessions within the referral's dates that reach the record (a RAR day; a non-attendance prompts the case manager
 * today), the end-of-service report once, incidents; bad input changes nothing; every look audited.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let pip: TestBrowser
let pat: TestBrowser
let own: MadeSentence
let other: MadeSentence
const refs = { own: '', other: '', declined: '' }
const ids = { own: 0 }
const db = () => t.handle.db

const status = async (reference: string) =>
  (
    await db()
      .selectFrom('referrals')
      .select(['status', 'version'])
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow()
  ).status
const events = async (type: string) =>
  db().selectFrom('outbox_events').select(['payload', 'person_id']).where('event_type', '=', type).execute()
const errorFor = (body: string, message: string) => expect(body).toContain(message)

beforeAll(async () => {
  t = await createTestApp({ clock })
  const make = createFactories(db(), { clock })
  own = await make.sentenced('community', { forename: 'Robin' })
  other = await make.sentenced('community', { forename: 'Alexa' })
  const a = await insertReferral(db(), {
    personId: own.personId,
    eventId: own.eventId,
    service: 'Accommodation support',
    name: `Robin ${own.surname}`,
  })
  const b = await insertReferral(db(), {
    personId: other.personId,
    eventId: other.eventId,
    service: 'Women’s centre',
    name: `Alexa ${other.surname}`,
  })
  const c = await insertReferral(db(), {
    personId: own.personId,
    eventId: own.eventId,
    service: 'Accommodation support',
    name: `Robin ${own.surname}`,
  })
  Object.assign(refs, { own: a.reference, other: b.reference, declined: c.reference })
  ids.own = a.id
  pip = await t.signIn('pip.partner')
  await pip.get('/partner') // '/' redirects a partner here: the page carries the session's CSRF token
  pat = await t.signIn('pat.practitioner')
}, 120_000)
afterAll(() => t?.close())

describe('the partner portal', () => {
  it('sends a partner user from / to their referrals, with only "Referrals" in the header and no search', async () => {
    const root = await pip.get('/')
    expect([root.statusCode, root.headers.location]).toEqual([302, '/partner'])
    const home = await pip.get('/partner')
    expect(home.statusCode).toBe(200)
    const nav = home.body.slice(
      home.body.indexOf('data-qa="navigation"'),
      home.body.indexOf('</nav>', home.body.indexOf('data-qa="navigation"')),
    )
    expect(nav).toContain('Referrals')
    expect(nav).not.toContain('Search')
    expect(home.body).not.toContain('href="/people')
  })

  it('lists only the organisation’s referrals, new ones first, with the name shared and no CRN', async () => {
    const home = await pip.get('/partner')
    const fresh = home.body.slice(home.body.indexOf('data-qa="referrals-new"'))
    expect(fresh).toContain(refs.own)
    expect(fresh).toContain(`Robin ${own.surname}`)
    expect(fresh).toContain('Accommodation support')
    expect(home.body).not.toContain(refs.other)
    expect(home.body).not.toContain(other.surname)
    expect(home.body).not.toContain(own.crn)
    const row = await db()
      .selectFrom('audit_events')
      .select(['shown_person_ids', 'detail'])
      .where('action', '=', 'PARTNER_REFERRALS_LIST')
      .where('username', '=', 'pip.partner')
      .executeTakeFirstOrThrow()
    expect((row.shown_person_ids ?? []).map(Number)).toContain(own.personId)
    expect((row.shown_person_ids ?? []).map(Number)).not.toContain(other.personId)
    expect(JSON.stringify(row.detail)).toContain('partner referral')
  })

  it('shows a referral with the safety panel first, what was shared and the desired outcomes; audits the look', async () => {
    const page = await pip.get(`/partner/referrals/${refs.own}`)
    expect(page.statusCode).toBe(200)
    const safety = page.body.indexOf('data-qa="safety"')
    expect(safety).toBeGreaterThan(0)
    expect(safety).toBeLessThan(page.body.indexOf('data-qa="shared-summary"'))
    expect(page.body).toContain('This person is a risk to staff')
    expect(page.body).toContain('Home visits in pairs only')
    expect(page.body).toContain('Has a tenancy')
    expect(page.body).toContain('Homeless since release')
    expect(page.body).not.toContain(own.crn)
    const look = await db()
      .selectFrom('audit_events')
      .select(['person_id', 'detail'])
      .where('action', '=', 'PARTNER_REFERRAL_VIEW')
      .where('subject', '=', refs.own)
      .executeTakeFirstOrThrow()
    expect(Number(look.person_id)).toBe(own.personId)
    expect(look.detail).toMatchObject({ basis: 'partner referral', reference: refs.own })
  })

  it('answers another organisation’s referral exactly as an unknown one, and refuses probation staff', async () => {
    const theirs = await pip.get(`/partner/referrals/${refs.other}`)
    const unknown = await pip.get('/partner/referrals/ZZ9999ZZ')
    expect(theirs.statusCode).toBe(404)
    expect(unknown.statusCode).toBe(404)
    expect(theirs.body).toContain('There is no such referral')
    expect(theirs.body).not.toContain(other.surname)
    expect((await pip.post(`/partner/referrals/${refs.other}/accept`)).statusCode).toBe(404)
    expect(await status(refs.other)).toBe('sent')
    expect((await pat.get('/partner')).statusCode).toBe(403)
    expect((await pat.get(`/partner/referrals/${refs.own}`)).statusCode).toBe(403)
  })

  it('declines only with a reason, and only a referral just sent', async () => {
    const blank = await pip.post(`/partner/referrals/${refs.declined}/decline`, { reason: ' ' })
    expect(blank.statusCode).toBe(400)
    errorFor(blank.body, 'Enter why you are declining the referral')
    expect(await status(refs.declined)).toBe('sent')
    const done = await pip.post(`/partner/referrals/${refs.declined}/decline`, {
      reason: 'No rooms in the area until spring',
    })
    expect(done.statusCode).toBe(303)
    expect(await status(refs.declined)).toBe('declined')
    expect((await events('referral.declined')).map(e => (e.payload as { reference: string }).reference)).toContain(
      refs.declined,
    )
    const again = await pip.post(`/partner/referrals/${refs.declined}/accept`)
    expect(again.statusCode).toBe(400)
    expect(await status(refs.declined)).toBe('declined')
  })

  it('accepts a referral just sent, with its history row and event; not twice', async () => {
    expect((await pip.post(`/partner/referrals/${refs.own}/accept`)).statusCode).toBe(303)
    expect(await status(refs.own)).toBe('accepted')
    const history = await db()
      .selectFrom('referral_status_history')
      .select('status')
      .where('referral_id', '=', ids.own)
      .orderBy('id')
      .execute()
    expect(history.map(h => h.status)).toEqual(['sent', 'accepted'])
    const accepted = await events('referral.accepted')
    expect(accepted.map(e => (e.payload as { reference: string }).reference)).toContain(refs.own)
    expect(JSON.stringify(accepted)).not.toContain(own.crn)
    expect((await pip.post(`/partner/referrals/${refs.own}/accept`)).statusCode).toBe(400)
  })

  it('assigns a caseworker among the organisation’s partner users only', async () => {
    const patId = (
      await db().selectFrom('users').select('id').where('username', '=', 'pat.practitioner').executeTakeFirstOrThrow()
    ).id
    const wrong = await pip.post(`/partner/referrals/${refs.own}/caseworker`, { caseworker: String(patId) })
    expect(wrong.statusCode).toBe(400)
    errorFor(wrong.body, 'Select one of your organisation’s caseworkers')
    const pipId = (
      await db().selectFrom('users').select('id').where('username', '=', 'pip.partner').executeTakeFirstOrThrow()
    ).id
    expect(
      (await pip.post(`/partner/referrals/${refs.own}/caseworker`, { caseworker: String(pipId) })).statusCode,
    ).toBe(303)
    const home = await pip.get('/partner')
    expect(home.body.slice(home.body.indexOf('data-qa="referrals-in-progress"'))).toContain('Pip Partner')
  })
})

describe('action plans and sessions', () => {
  const session = (o: Record<string, string> = {}) => ({
    'date-day': '7',
    'date-month': '12',
    'date-year': '2026',
    startTime: '10:00',
    endTime: '11:00',
    attended: 'yes',
    notes: 'Looked at two flats',
    ...o,
  })

  it('refuses a plan without activities, then submits version 1 for approval', async () => {
    const none = await pip.post(`/partner/referrals/${refs.own}/action-plan`, {
      activities: ['', ''],
      numberOfSessions: '6',
    })
    expect(none.statusCode).toBe(400)
    errorFor(none.body, 'Enter at least one activity')
    const ok = await pip.post(`/partner/referrals/${refs.own}/action-plan`, {
      version: '',
      activities: ['Housing application', 'Budgeting for rent', ''],
      numberOfSessions: '6',
    })
    expect(ok.statusCode).toBe(303)
    const plans = await db()
      .selectFrom('referral_action_plans')
      .selectAll()
      .where('referral_id', '=', ids.own)
      .execute()
    expect(plans.map(p => [p.version_number, p.activities, p.approved_at])).toEqual([
      [1, ['Housing application', 'Budgeting for rent'], null],
    ])
  })

  it('records no session before the probation practitioner approved a plan', async () => {
    const early = await pip.post(`/partner/referrals/${refs.own}/sessions/new`, session())
    expect(early.statusCode).toBe(400)
    errorFor(early.body, 'Sessions can be recorded once the probation practitioner has approved an action plan')
    expect(
      await db().selectFrom('referral_sessions').select('id').where('referral_id', '=', ids.own).execute(),
    ).toEqual([])
  })

  it('never changes an approved version: an edit of it is refused, a new version needs approval again', async () => {
    await approvePlan(db(), ids.own)
    const edit = await pip.post(`/partner/referrals/${refs.own}/action-plan`, {
      version: '1',
      activities: ['Changed'],
      numberOfSessions: '4',
    })
    expect(edit.statusCode).toBe(400)
    errorFor(
      edit.body,
      'This plan was approved on 3 December 2026: submit a new version for the probation practitioner to approve',
    )
    const form = await pip.get(`/partner/referrals/${refs.own}/action-plan`)
    expect(form.body).toContain('name="newVersion" value="yes"')
    const v2 = await pip.post(`/partner/referrals/${refs.own}/action-plan`, {
      version: '1',
      newVersion: 'yes',
      activities: ['Housing application', 'Budgeting', 'Landlord mediation'],
      numberOfSessions: '8',
    })
    expect(v2.statusCode).toBe(303)
    const plans = await db()
      .selectFrom('referral_action_plans')
      .select(['version_number', 'activities', 'approved_at'])
      .where('referral_id', '=', ids.own)
      .orderBy('version_number')
      .execute()
    expect(plans.map(p => p.version_number)).toEqual([1, 2])
    expect(plans[0]!.activities).toEqual(['Housing application', 'Budgeting for rent'])
    expect(plans[0]!.approved_at).not.toBeNull()
    expect(plans[1]!.approved_at).toBeNull()
  })

  it('refuses a session outside the referral’s dates, in the future, or ending before it starts', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'date-day': '8' }, 'The session date cannot be in the future'],
      [
        { 'date-day': '30', 'date-month': '11' },
        'The session date must be on or after 7 December 2026, when the referral was accepted',
      ],
      [{ endTime: '09:30' }, 'The end time must be after the start time'],
      [{ attended: '' }, 'Select whether they attended'],
    ]
    for (const [change, message] of cases) {
      const r = await pip.post(`/partner/referrals/${refs.own}/sessions/new`, session(change))
      expect(r.statusCode, message).toBe(400)
      errorFor(r.body, message)
    }
    expect(
      await db().selectFrom('referral_sessions').select('id').where('referral_id', '=', ids.own).execute(),
    ).toEqual([])
  })

  it('records an attended session as a RAR appointment on the order and moves the referral to in progress', async () => {
    const r = await pip.post(`/partner/referrals/${refs.own}/sessions/new`, session())
    expect(r.statusCode).toBe(303)
    expect(await status(refs.own)).toBe('in_progress')
    const row = await db()
      .selectFrom('referral_sessions')
      .selectAll()
      .where('referral_id', '=', ids.own)
      .executeTakeFirstOrThrow()
    expect(row.session_number).toBe(1)
    const contact = await db()
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', Number(row.contact_id))
      .executeTakeFirstOrThrow()
    expect(contact.contact_type).toBe('CRSAPT')
    expect(Number(contact.event_id)).toBe(own.eventId)
    expect(contact.requirement_id).not.toBeNull()
    expect(contact.rar_activity).toBe(true)
    expect(contact.outcome).toBe('attended_complied')
    expect((await events('referral.session.recorded')).length).toBe(1)
  })

  it('sends a non-attendance to the case manager today, on enforcement and My day; a correction withdraws it', async () => {
    const r = await pip.post(
      `/partner/referrals/${refs.own}/sessions/new`,
      session({ 'date-day': '7', attended: 'no', notes: '', nonAttendanceReason: 'Phoned to say he was ill' }),
    )
    expect(r.statusCode).toBe(303)
    const enforcement = await pat.get(`/people/${own.crn}/enforcement`)
    expect(enforcement.body).toContain('Partner service: did not attend')
    expect(enforcement.body).toContain('Phoned to say he was ill')
    const myDay = await pat.get('/my-day')
    expect(myDay.body).toMatch(
      new RegExp(`data-type="partner_non_attendance" data-crn="${own.crn}" data-due="2026-12-07"`),
    )
    const fix = await pip.post(
      `/partner/referrals/${refs.own}/sessions/2`,
      session({ 'date-day': '7', attended: 'late' }),
    )
    expect(fix.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('referral_sessions')
      .select(['id', 'session_number', 'replaces_id', 'contact_id', 'attended'])
      .where('referral_id', '=', ids.own)
      .where('session_number', '=', 2)
      .orderBy('id')
      .execute()
    expect(rows.map(x => x.attended)).toEqual(['no', 'late'])
    expect(Number(rows[1]!.replaces_id)).toBe(Number(rows[0]!.id))
    expect(Number(rows[1]!.contact_id)).toBe(Number(rows[0]!.contact_id))
    const open = await db()
      .selectFrom('enforcement_actions')
      .select('status')
      .where('contact_id', '=', Number(rows[0]!.contact_id))
      .execute()
    expect(open.map(a => a.status)).not.toContain('open')
    expect((await pip.get(`/partner/referrals/${refs.own}/sessions/9`)).statusCode).toBe(404)
  })

  it('takes an incident report back to the practitioner, not one in the future', async () => {
    const future = await pip.post(`/partner/referrals/${refs.own}/incidents/new`, {
      'date-day': '8',
      'date-month': '12',
      'date-year': '2026',
      time: '09:00',
      description: 'Shouting',
    })
    expect(future.statusCode).toBe(400)
    errorFor(future.body, 'The incident cannot be in the future')
    const ok = await pip.post(`/partner/referrals/${refs.own}/incidents/new`, {
      'date-day': '6',
      'date-month': '12',
      'date-year': '2026',
      time: '14:30',
      description: 'Became angry about the waiting list',
    })
    expect(ok.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('referral_incidents')
      .select('description')
      .where('referral_id', '=', ids.own)
      .execute()
    expect(rows.map(r => r.description)).toEqual(['Became angry about the waiting list'])
    expect((await events('referral.incident-reported')).length).toBe(1)
  })

  it('completes the referral with an end-of-service report against every desired outcome, once', async () => {
    const outcomes = await db()
      .selectFrom('referral_desired_outcomes')
      .select('id')
      .where('referral_id', '=', ids.own)
      .orderBy('position')
      .execute()
    const [first, second] = outcomes.map(o => Number(o.id))
    const half = await pip.post(`/partner/referrals/${refs.own}/end-of-service-report`, {
      [`achievement-${first}`]: 'achieved',
      [`commentary-${first}`]: 'Signed a tenancy',
      [`achievement-${second}`]: 'partially_achieved',
    })
    expect(half.statusCode).toBe(400)
    errorFor(half.body, 'Enter your commentary on desired outcome 2')
    expect(await status(refs.own)).toBe('in_progress')
    const full = await pip.post(`/partner/referrals/${refs.own}/end-of-service-report`, {
      [`achievement-${first}`]: 'achieved',
      [`commentary-${first}`]: 'Signed a tenancy',
      [`achievement-${second}`]: 'partially_achieved',
      [`commentary-${second}`]: 'Pays rent with reminders',
    })
    expect(full.statusCode).toBe(303)
    expect(await status(refs.own)).toBe('completed')
    expect((await events('referral.completed')).length).toBe(1)
    const again = await pip.post(`/partner/referrals/${refs.own}/end-of-service-report`, {
      [`achievement-${first}`]: 'achieved',
      [`commentary-${first}`]: 'x',
      [`achievement-${second}`]: 'achieved',
      [`commentary-${second}`]: 'x',
    })
    expect(again.statusCode).toBe(400)
    errorFor(again.body, 'The end-of-service report has already been submitted')
    const page = await pip.get(`/partner/referrals/${refs.own}`)
    expect(page.body).toContain('Pays rent with reminders')
    expect(page.body).toContain('Partially achieved')
  })
})
