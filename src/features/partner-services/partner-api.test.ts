import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type MadeSentence } from '../../../test/factories/index.ts'
import { approvePlan, insertReferral } from '../../../test/support/partner-referrals.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

/**
 * The partner API (issue 18 item 6) as a partner organisation's system would use it, on Monday 7 December 2026: a
 * token with the `partner` scope acting as pip.partner (Northtown Housing Trust) reads only its organisation's
 * referrals and what was shared, and makes the portal's changes with bad input as 400 with `fields`, nothing changed.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let own: MadeSentence
let other: MadeSentence
let api: ReturnType<typeof apiClient>
const refs = { own: '', other: '' }
let ownId = 0
const db = () => t.handle.db
const base = '/api/v1/partner/referrals'

beforeAll(async () => {
  t = await createTestApp({ clock })
  const make = createFactories(db(), { clock })
  own = await make.sentenced('community', { forename: 'Jamie' })
  other = await make.sentenced('community', { forename: 'Sam' })
  const a = await insertReferral(db(), {
    personId: own.personId,
    eventId: own.eventId,
    service: 'Accommodation support',
    name: `Jamie ${own.surname}`,
  })
  const b = await insertReferral(db(), {
    personId: other.personId,
    eventId: other.eventId,
    service: 'Women’s centre',
    name: `Sam ${other.surname}`,
  })
  Object.assign(refs, { own: a.reference, other: b.reference })
  ownId = a.id
  api = apiClient(t, await issueTestToken(t, 'pip.partner', { scopes: ['partner'] }))
}, 120_000)
afterAll(() => t?.close())

const fields = (body: string) => (JSON.parse(body) as { error: { fields?: { field: string }[] } }).error.fields ?? []

describe('the partner API', () => {
  it('lists only the organisation’s referrals, with no CRN', async () => {
    const r = await api.get(base)
    expect(r.statusCode).toBe(200)
    const refsListed = (r.json() as { referrals: { reference: string; name: string }[] }).referrals
    expect(refsListed.map(x => x.reference)).toContain(refs.own)
    expect(refsListed.map(x => x.reference)).not.toContain(refs.other)
    expect(r.body).not.toContain(own.crn)
    expect(r.body).not.toContain(other.surname)
  })

  it('reads one referral: what was shared and the desired outcomes; another’s is the same 404 as an unknown one', async () => {
    const r = await api.get(`${base}/${refs.own}`)
    expect(r.statusCode).toBe(200)
    expect(r.json()).toMatchObject({
      reference: refs.own,
      status: 'sent',
      service: 'Accommodation support',
      shared: { person: { name: `Jamie ${own.surname}` }, address: null, riskToStaff: true },
      desiredOutcomes: [{ description: 'Has a tenancy' }, { description: 'Knows how to manage rent' }],
    })
    expect(r.body).not.toContain(own.crn)
    const theirs = await api.get(`${base}/${refs.other}`)
    const unknown = await api.get(`${base}/ZZ0000ZZ`)
    expect([theirs.statusCode, unknown.statusCode]).toEqual([404, 404])
    expect(theirs.json()).toEqual(unknown.json())
    const look = await db()
      .selectFrom('audit_events')
      .select(['person_id', 'detail'])
      .where('action', '=', 'PARTNER_REFERRAL_VIEW')
      .where('subject', '=', refs.own)
      .executeTakeFirstOrThrow()
    expect(Number(look.person_id)).toBe(own.personId)
    expect(look.detail).toMatchObject({ basis: 'partner referral', view: 'api' })
  })

  it('refuses a token without the partner scope, and a probation user’s token with it', async () => {
    const caseScope = apiClient(t, await issueTestToken(t, 'pip.partner', { scopes: ['case'] }))
    expect((await caseScope.get(base)).statusCode).toBe(403)
    const pat = apiClient(t, await issueTestToken(t, 'pat.practitioner', { scopes: ['case', 'partner'] }))
    expect((await pat.get(base)).statusCode).toBe(403)
    expect((await pat.post(`${base}/${refs.own}/accept`, {})).statusCode).toBe(403)
  })

  it('declines only with a reason (400 with the field); accepts once', async () => {
    const decline = await api.post(`${base}/${refs.own}/decline`, { reason: '' })
    expect(decline.statusCode).toBe(400)
    expect(fields(decline.body).map(f => f.field)).toEqual(['reason'])
    expect((await api.post(`${base}/${refs.other}/accept`, {})).statusCode).toBe(404)
    const accept = await api.post(`${base}/${refs.own}/accept`, {})
    expect([accept.statusCode, accept.json()]).toEqual([200, { reference: refs.own }])
    expect((await api.post(`${base}/${refs.own}/accept`, {})).statusCode).toBe(400)
  })

  it('takes an action plan, refuses an edit of an approved version, and sessions once approved', async () => {
    const bad = await api.post(`${base}/${refs.own}/action-plans`, { activities: [] })
    expect(bad.statusCode).toBe(400)
    expect(fields(bad.body).map(f => f.field)).toEqual(['activities', 'numberOfSessions'])
    const early = await api.post(`${base}/${refs.own}/sessions`, { date: '2026-12-07', attended: 'yes' })
    expect(early.statusCode).toBe(400)
    const v1 = await api.post(`${base}/${refs.own}/action-plans`, { activities: ['Housing'], numberOfSessions: 4 })
    expect(v1.json()).toEqual({ reference: refs.own, version: 1 })
    await approvePlan(db(), ownId)
    const edit = await api.post(`${base}/${refs.own}/action-plans`, {
      version: 1,
      activities: ['Housing', 'Debt'],
      numberOfSessions: 4,
    })
    expect(edit.statusCode).toBe(400)
    expect(edit.body).toContain('submit a new version for the probation practitioner to approve')
    const v2 = await api.post(`${base}/${refs.own}/action-plans`, {
      version: 1,
      newVersion: true,
      activities: ['Housing', 'Debt'],
      numberOfSessions: 5,
    })
    expect(v2.json()).toEqual({ reference: refs.own, version: 2 })
  })

  it('records sessions with the fields named as the body names them; a non-attendance prompts the case manager', async () => {
    const bad = await api.post(`${base}/${refs.own}/sessions`, {
      date: '2026-12-08',
      startTime: '11:00',
      endTime: '10:00',
      attended: 'yes',
    })
    expect(bad.statusCode).toBe(400)
    expect(fields(bad.body).map(f => f.field)).toEqual(['date', 'endTime'])
    const missing = await api.post(`${base}/${refs.own}/sessions`, { date: 'soon' })
    expect(fields(missing.body).map(f => f.field)).toEqual(['date', 'startTime', 'endTime', 'attended'])
    const ok = await api.post(`${base}/${refs.own}/sessions`, {
      date: '2026-12-07',
      startTime: '10:00',
      endTime: '11:00',
      attended: 'no',
      nonAttendanceReason: 'No answer at the door',
    })
    expect([ok.statusCode, ok.json()]).toEqual([200, { reference: refs.own, sessionNumber: 1 }])
    const actions = await db()
      .selectFrom('enforcement_actions')
      .select(['action_type', 'due_date', 'status'])
      .where('person_id', '=', own.personId)
      .execute()
    expect(actions).toContainEqual({ action_type: 'partner_non_attendance', due_date: '2026-12-07', status: 'open' })
    const read = await api.get(`${base}/${refs.own}`)
    expect(read.json()).toMatchObject({ status: 'in_progress', sessions: [{ sessionNumber: 1, attended: 'no' }] })
  })

  it('reports an incident and completes with the end-of-service report', async () => {
    const incident = await api.post(`${base}/${refs.own}/incidents`, { date: '2026-12-07', time: '09:00' })
    expect(fields(incident.body).map(f => f.field)).toEqual(['description'])
    const made = await api.post(`${base}/${refs.own}/incidents`, {
      date: '2026-12-07',
      time: '09:00',
      description: 'Threatened a volunteer',
    })
    expect(made.statusCode).toBe(200)
    const outcomes = (await api.get(`${base}/${refs.own}`)).json().desiredOutcomes as { id: number }[]
    const partial = await api.post(`${base}/${refs.own}/end-of-service-report`, {
      outcomes: [{ outcomeId: outcomes[0]!.id, achievement: 'achieved', commentary: 'Housed' }],
    })
    expect(partial.statusCode).toBe(400)
    expect(fields(partial.body).map(f => f.field)).toEqual([
      `achievement-${outcomes[1]!.id}`,
      `commentary-${outcomes[1]!.id}`,
    ])
    const full = await api.post(`${base}/${refs.own}/end-of-service-report`, {
      outcomes: outcomes.map(o => ({ outcomeId: o.id, achievement: 'not_achieved', commentary: 'Left the area' })),
    })
    expect(full.statusCode).toBe(200)
    const read = (await api.get(`${base}/${refs.own}`)).json()
    expect(read).toMatchObject({ status: 'completed', incidents: [{ description: 'Threatened a volunteer' }] })
    expect(read.endOfServiceReport.outcomes).toHaveLength(2)
  })

  it('documents the partner tag with its events', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json()
    const tag = (doc.tags as { name: string; description: string }[]).find(x => x.name === 'partner')!
    for (const event of [
      'referral.sent',
      'referral.accepted',
      'referral.declined',
      'referral.session.recorded',
      'referral.completed',
      'referral.withdrawn',
      'referral.incident-reported',
    ])
      expect(tag.description).toContain(`\`${event}\``)
  })
})
