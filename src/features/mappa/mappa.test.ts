import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contextOf, createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'

/**
 * MAPPA management as the people using it would check it, on Monday 7 December 2026 (rules-and-outcomes.md §3.5):
 * the category worked out from the record with its reasons, the facts it comes from, the level a senior sets (and a
 * practitioner may not), MAPP meetings with restricted minutes, risk management actions, the nominal list with its
 * overdue reviews, who may see it, and allocation using MAPPA eligibility.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let pat: TestBrowser
let sam: TestBrowser
let alex: TestBrowser
const db = () => t.handle.db

const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! }
}

/** The text of an element marked `data-qa`, without tags. */
function textOf(body: string, qa: string, tag = 'tr'): string {
  const match = new RegExp(`<${tag}[^>]*data-qa="${qa}"[\\s\\S]*?</${tag}>`).exec(body)
  return (match?.[0] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function expectErrors(response: { statusCode: number; body: string }, messages: string[]) {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(400)
  expect(response.body).toContain('govuk-error-summary')
  for (const m of messages) expect(response.body).toContain(m)
}

const rows = async (table: 'mappa_reviews' | 'mapp_meetings' | 'mappa_actions' | 'protection_orders', id: number) =>
  (await db().selectFrom(table).select('id').where('person_id', '=', id).execute()).length

const mappRegistrations = (personId: number) =>
  db()
    .selectFrom('registrations')
    .select(['mappa_category', 'mappa_level', 'next_review_date', 'deregistered_date'])
    .where('person_id', '=', personId)
    .where('type_code', '=', 'MAPP')
    .orderBy('id')
    .execute()

const events = async (personId: number, type: string) =>
  (
    await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('person_id', '=', personId)
      .where('event_type', '=', type)
      .execute()
  ).map(e => e.payload as Record<string, unknown>)

/** A community case of pat's with Sexual Offences Act notification recorded from 1 June 2026, indefinitely. */
async function notifiedCase(): Promise<MadeSentence> {
  const c = await make.sentenced('community')
  const recorded = await pat.post(`/people/${c.crn}/mappa/facts`, {
    kind: 'notification',
    ...dateFields('notification-start', '2026-06-01'),
  })
  expect(recorded.statusCode, recorded.body.slice(0, 300)).toBe(303)
  return c
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  ;[pat, sam, alex] = await Promise.all([t.signIn('pat.practitioner'), t.signIn('sam.senior'), t.signIn('alex.crc')])
}, 180_000)
afterAll(() => t.close())

describe('the MAPPA page', () => {
  it('shows a practitioner the category worked out from the record with its reason, and audits the look', async () => {
    const c = await make.sentenced('community')
    const before = await pat.get(`/people/${c.crn}/mappa`)
    expect(before.statusCode).toBe(200)
    expect(textOf(before.body, 'eligibility', 'div')).toContain('Not eligible for MAPPA')
    expect(before.body).toContain('No MAPPA level is set.')
    expect(before.body).toContain('Only a senior (team manager) can set or review the MAPPA level.')
    expect(before.body).not.toContain('data-qa="level-form"')

    const recorded = await pat.post(`/people/${c.crn}/mappa/facts`, {
      kind: 'notification',
      ...dateFields('notification-start', '2026-06-01'),
      ...dateFields('notification-end', '2036-05-31'),
    })
    expect(recorded.statusCode).toBe(303)
    const page = await pat.get(`/people/${c.crn}/mappa`)
    const eligibility = textOf(page.body, 'eligibility', 'div')
    expect(eligibility).toContain('Eligible for MAPPA category 1')
    expect(eligibility).toContain('Sexual Offences Act 2003 Part 2 from 1 June 2026 until 31 May 2036')
    expect(page.body).toContain('From 1 June 2026 until 31 May 2036')
    expect(page.body).not.toMatch(/\b2026-06-01\b/)
    expect(await events(c.personId, 'mappa.fact-recorded')).toEqual([
      expect.objectContaining({ crn: c.crn, kind: 'notification', startDate: '2026-06-01', endDate: '2036-05-31' }),
    ])
    const views = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'MAPPA_VIEW')
      .where('person_id', '=', c.personId)
      .execute()
    expect(views.map(v => v.detail)).toContainEqual(expect.objectContaining({ page: 'mappa' }))
  })

  it('ends a fact by a row of its own, and the category goes with it', async () => {
    const c = await notifiedCase()
    const [fact] = await db().selectFrom('protection_orders').select('id').where('person_id', '=', c.personId).execute()
    const ended = await pat.post(`/people/${c.crn}/mappa/facts/${fact!.id}/end`, {
      ...dateFields(`end-${fact!.id}`, '2026-12-01'),
      [`endReason-${fact!.id}`]: 'Conviction quashed on appeal',
    })
    expect(ended.statusCode).toBe(303)
    const page = await pat.get(`/people/${c.crn}/mappa`)
    expect(textOf(page.body, 'eligibility', 'div')).toContain('Not eligible for MAPPA')
    expect(textOf(page.body, `fact-${fact!.id}`)).toContain('Ended on 1 December 2026: Conviction quashed on appeal')
  })

  it('refuses a practitioner’s category 3 decision: that is a senior’s', async () => {
    const c = await make.sentenced('community')
    const refused = await pat.post(`/people/${c.crn}/mappa/facts`, {
      kind: 'category3_decision',
      ...dateFields('category3-start', '2026-12-01'),
      'category3-reason': 'Previous serious assault; escalating threats to a former partner',
    })
    expect(refused.statusCode).toBe(403)
    expect(await rows('protection_orders', c.personId)).toBe(0)
    const decided = await sam.post(`/people/${c.crn}/mappa/facts`, {
      kind: 'category3_decision',
      ...dateFields('category3-start', '2026-12-01'),
      'category3-reason': 'Previous serious assault; escalating threats to a former partner',
    })
    expect(decided.statusCode).toBe(303)
    const page = await pat.get(`/people/${c.crn}/mappa`)
    expect(textOf(page.body, 'eligibility', 'div')).toContain('Eligible for MAPPA category 3')
  })

  it('refuses another provider’s practitioner', async () => {
    const c = await notifiedCase()
    expect((await alex.get(`/people/${c.crn}/mappa`)).statusCode).toBe(403)
    const posted = await alex.post(`/people/${c.crn}/mappa/meetings`, {
      ...dateFields('meetingDate', '2026-12-01'),
      agencies: 'police',
    })
    expect(posted.statusCode).toBe(403)
    expect(await rows('mapp_meetings', c.personId)).toBe(0)
  })
})

describe('the MAPPA level', () => {
  it('is set by a senior, kept as history, and keeps the MAPP registration in step', async () => {
    const c = await notifiedCase()
    const set = await sam.post(`/people/${c.crn}/mappa/level`, {
      category: '1',
      level: '2',
      levelReason: 'Active multi-agency management needed while the housing plan settles',
      ...dateFields('nextReview', '2027-03-01'),
    })
    expect(set.statusCode, set.body.slice(0, 300)).toBe(303)
    expect(await mappRegistrations(c.personId)).toEqual([
      { mappa_category: 1, mappa_level: 2, next_review_date: '2027-03-01', deregistered_date: null },
    ])
    // The tier is worked out again at once, with MAPPA level 2 in its inputs (hmpps-tier counts levels 2 and 3).
    const tiers = await t.handle.db
      .selectFrom('tier_calculations')
      .select(['inputs'])
      .where('person_id', '=', c.personId)
      .execute()
    expect(JSON.stringify(tiers.map(x => x.inputs))).toContain(`{"code":"MAPP","date":"${TODAY}","level":"M2"}`)
    const changed = await sam.post(`/people/${c.crn}/mappa/level`, {
      category: '1',
      level: '1',
      levelReason: 'Stable: ordinary agency management is enough',
      ...dateFields('nextReview', '2027-06-01'),
    })
    expect(changed.statusCode).toBe(303)
    expect(await mappRegistrations(c.personId)).toEqual([
      { mappa_category: 1, mappa_level: 2, next_review_date: '2027-03-01', deregistered_date: TODAY },
      { mappa_category: 1, mappa_level: 1, next_review_date: '2027-06-01', deregistered_date: null },
    ])
    const page = await pat.get(`/people/${c.crn}/mappa`)
    const current = textOf(page.body, 'current-level', 'dl')
    expect(current).toContain('Level 1: ordinary agency management')
    expect(current).toContain('1 June 2027')
    expect(current).toContain('Stable: ordinary agency management is enough')
    const history = textOf(page.body, 'reviews-table', 'table')
    expect(history).toContain('Category 1, Level 2')
    expect(history).toContain('Category 1, Level 1')
    expect(await events(c.personId, 'mappa.level-set')).toHaveLength(2)
  })

  it('refuses a practitioner with the reason, changing nothing', async () => {
    const c = await notifiedCase()
    const refused = await pat.post(`/people/${c.crn}/mappa/level`, {
      category: '1',
      level: '1',
      levelReason: 'Trying to set it',
      ...dateFields('nextReview', '2027-03-01'),
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.body).toContain('Only a senior (team manager) can set or review the MAPPA level.')
    expect(await rows('mappa_reviews', c.personId)).toBe(0)
    expect(await mappRegistrations(c.personId)).toEqual([])
  })

  it('refuses a level without a category, naming the field, and keeps nothing', async () => {
    const c = await notifiedCase()
    const refused = await sam.post(`/people/${c.crn}/mappa/level`, {
      level: '2',
      levelReason: 'Needs MAPP meetings',
      ...dateFields('nextReview', '2027-03-01'),
    })
    expectErrors(refused, ['Choose the MAPPA category before setting a level', 'href="#category"'])
    expect(await rows('mappa_reviews', c.personId)).toBe(0)
    expect(await mappRegistrations(c.personId)).toEqual([])
  })
})

describe('MAPP meetings and risk management actions', () => {
  it('refuses a meeting without a date, naming it, and records nothing', async () => {
    const c = await notifiedCase()
    const refused = await pat.post(`/people/${c.crn}/mappa/meetings`, { agencies: ['police', 'probation'] })
    expectErrors(refused, ['Enter the date of the meeting', 'href="#meetingDate-day"'])
    expect(await rows('mapp_meetings', c.personId)).toBe(0)
  })

  it('records a meeting with its agencies, minutes as a restricted contact, and actions marked done', async () => {
    const c = await notifiedCase()
    const recorded = await pat.post(`/people/${c.crn}/mappa/meetings`, {
      ...dateFields('meetingDate', '2026-12-04'),
      meetingLevel: '2',
      agencies: ['police', 'probation', 'housing', 'other'],
      otherAgency: 'Northtown Women’s Refuge',
      minutes: 'Discussed the exclusion zone and the new address.',
    })
    expect(recorded.statusCode, recorded.body.slice(0, 300)).toBe(303)
    const [meeting] = await db().selectFrom('mapp_meetings').selectAll().where('person_id', '=', c.personId).execute()
    const contact = await db()
      .selectFrom('contacts')
      .select(['contact_type', 'sensitive', 'notes'])
      .where('id', '=', meeting!.minutes_contact_id!)
      .executeTakeFirstOrThrow()
    expect(contact).toEqual({
      contact_type: 'MAPPA',
      sensitive: true,
      notes: expect.stringContaining('Discussed the exclusion zone'),
    })
    const [event] = await events(c.personId, 'mappa.meeting-recorded')
    expect(event).toMatchObject({ crn: c.crn, date: '2026-12-04', level: 2, minutesRecorded: true })
    expect(JSON.stringify(event)).not.toContain('exclusion zone')

    const added = await pat.post(`/people/${c.crn}/mappa/actions`, {
      actionMeeting: String(meeting!.id),
      actionDescription: 'Check the new address with the police',
      actionOwnerAgency: 'police',
      ...dateFields('actionDue', '2026-12-14'),
    })
    expect(added.statusCode, added.body.slice(0, 300)).toBe(303)
    const [action] = await db().selectFrom('mappa_actions').select('id').where('person_id', '=', c.personId).execute()
    const done = await pat.post(`/people/${c.crn}/mappa/actions/${action!.id}/done`, {
      ...dateFields(`done-${action!.id}`, TODAY),
    })
    expect(done.statusCode).toBe(303)
    const page = await pat.get(`/people/${c.crn}/mappa`)
    expect(textOf(page.body, `meeting-${meeting!.id}`)).toContain(
      '4 December 2026 Level 2 Police, Probation, Housing, Northtown Women’s Refuge',
    )
    const row = textOf(page.body, `action-${action!.id}`)
    expect(row).toContain('Check the new address with the police')
    expect(row).toContain('From the meeting on 4 December 2026')
    expect(row).toContain('Police')
    expect(row).toContain('Done 7 December 2026')
  })

  it('refuses an action with no owner', async () => {
    const c = await notifiedCase()
    const refused = await pat.post(`/people/${c.crn}/mappa/actions`, {
      actionDescription: 'Visit the new address',
      ...dateFields('actionDue', '2026-12-14'),
    })
    expectErrors(refused, ['Choose the agency or the member of staff who owns the action'])
    expect(await rows('mappa_actions', c.personId)).toBe(0)
  })
})

describe('the API', () => {
  it('gives the category with reasons and the meetings without their minutes, and records a meeting', async () => {
    const c = await notifiedCase()
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const missing = await api.post(`/api/v1/people/${c.crn}/mappa/meetings`, { agencies: ['police'] })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.fields).toEqual([{ field: 'date', message: 'Enter the date of the meeting' }])
    expect(await rows('mapp_meetings', c.personId)).toBe(0)

    const posted = await api.post(`/api/v1/people/${c.crn}/mappa/meetings`, {
      date: '2026-12-03',
      level: 2,
      agencies: ['police', 'probation'],
      minutes: 'Secret minutes text',
      actions: [{ description: 'Home visit with the police', ownerAgency: 'police', due: '2026-12-20' }],
    })
    expect(posted.statusCode, posted.body).toBe(201)
    const got = await api.get(`/api/v1/people/${c.crn}/mappa`)
    expect(got.statusCode).toBe(200)
    const body = got.json()
    expect(body.category).toBe(1)
    expect(body.reasons[0]).toContain('Category 1')
    expect(body.meetings).toEqual([
      expect.objectContaining({
        date: '2026-12-03',
        level: 2,
        agencies: ['police', 'probation'],
        minutesRecorded: true,
      }),
    ])
    expect(body.actions).toEqual([
      expect.objectContaining({ description: 'Home visit with the police', ownerAgency: 'police', due: '2026-12-20' }),
    ])
    expect(got.body).not.toContain('Secret minutes text')
    const theirs = apiClient(t, await issueTestToken(t, 'alex.crc'))
    expect((await theirs.get(`/api/v1/people/${c.crn}/mappa`)).statusCode).toBe(403)
  })
})

describe('the MAPPA nominal list', () => {
  it('shows the delivery unit’s MAPPA people, overdue reviews first, filters them and audits who it showed', async () => {
    const due = await notifiedCase()
    const overdue = await notifiedCase()
    const other = await make.sentenced('community', { allocatedTo: 'CRC001' })
    const unlevelled = await notifiedCase()
    for (const [c, next] of [
      [due, '2027-02-01'],
      [overdue, '2026-11-30'],
      [other, '2026-11-01'],
    ] as const)
      await db()
        .insertInto('registrations')
        .values({
          person_id: c.personId,
          type_code: 'MAPP',
          mappa_category: 1,
          mappa_level: 2,
          registered_date: '2026-06-01',
          next_review_date: next,
        })
        .execute()
    const list = await pat.get('/mappa')
    expect(list.statusCode).toBe(200)
    expect(textOf(list.body, `nominal-${overdue.crn}`)).toContain('Category 1 Level 2 30 November 2026 Overdue')
    expect(textOf(list.body, `nominal-${overdue.crn}`)).toContain('Pat Practitioner')
    expect(textOf(list.body, `nominal-${due.crn}`)).toContain('1 February 2027')
    expect(textOf(list.body, `nominal-${due.crn}`)).not.toContain('Overdue')
    expect(list.body.indexOf(`nominal-${overdue.crn}`)).toBeLessThan(list.body.indexOf(`nominal-${due.crn}`))
    expect(list.body).not.toContain(other.crn)
    expect(textOf(list.body, `eligible-${unlevelled.crn}`)).toContain(
      'Category 1 Category 1: a registered sexual offender',
    )
    expect(list.body).not.toContain(`eligible-${due.crn}`)

    const filtered = await pat.get('/mappa?overdue=yes')
    expect(filtered.body).toContain(`nominal-${overdue.crn}`)
    expect(filtered.body).not.toContain(`nominal-${due.crn}`)
    const audited = await db()
      .selectFrom('audit_events')
      .select(['shown_person_ids', 'detail'])
      .where('action', '=', 'MAPPA_LIST_VIEW')
      .orderBy('id', 'desc')
      .limit(2)
      .execute()
    // bigint[]: numbers on PGlite, strings on PostgreSQL.
    const shown = audited.map(a => (a.shown_person_ids ?? []).map(Number))
    expect(shown[0]).toContain(overdue.personId)
    expect(shown[0]).not.toContain(due.personId)
    expect(shown[1]).toEqual(expect.arrayContaining([due.personId, overdue.personId, unlevelled.personId]))
    expect(filtered.body).not.toContain(unlevelled.crn)

    const theirs = await alex.get('/mappa')
    expect(theirs.statusCode).toBe(200)
    expect(theirs.body).not.toContain(overdue.crn)
  })
})

describe('allocation', () => {
  it('keeps an eligible case without a MAPP registration with the public provider, saying why', async () => {
    const c = await notifiedCase()
    const page = await make.services.allocation.casePage(await contextOf(db(), 'sam.senior'), c.crn)
    const mappa = page.decision.reasons.find(r => r.code === 'mappa')
    expect(mappa).toMatchObject({ public: true })
    expect(mappa!.text).toContain(
      'No MAPPA registration, but eligible for MAPPA category 1: a registered sexual offender',
    )
    expect(page.decision.outcome).toBe('public')
  })

  it('keeps the registration’s reason when there is one, and no MAPPA reason when the record gives none', async () => {
    const ctx = await contextOf(db(), 'sam.senior')
    const registered = await notifiedCase()
    await sam.post(`/people/${registered.crn}/mappa/level`, {
      category: '1',
      level: '2',
      levelReason: 'MAPP meetings needed',
      ...dateFields('nextReview', '2027-03-01'),
    })
    const withLevel = await make.services.allocation.casePage(ctx, registered.crn)
    const reason = withLevel.decision.reasons.find(r => r.code === 'mappa')!
    expect(reason.text).toContain('MAPPA registration (category 1, level 2) since 7 December 2026')
    expect(reason.text).not.toContain('eligible')

    const plain = await make.sentenced('community')
    const without = await make.services.allocation.casePage(ctx, plain.crn)
    expect(without.decision.reasons.find(r => r.code.includes('mappa'))).toMatchObject({
      code: 'no_mappa',
      public: false,
    })
  })
})
