import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  contextOf,
  createFactories,
  type Factories,
  type MadeSentence,
  type PersonOptions,
} from '../../../test/factories/index.ts'
import { findUserId, limitAccess } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { londonInstant, recordPartnerSession } from '../supervision/index.ts'

/**
 * A case's referrals as the practitioner would check them, on Monday 7 December 2026: sending one to the demo
 * "Accommodation support" service (what is shared, frozen; the event says nothing of the person), refusals with the
 * reason and nothing saved, one referral sent once however often its form is posted, the RAR count on the order
 * moving when the partner's session is attended, approving the latest action plan, acknowledging an incident,
 * withdrawing, the API, and who may do what.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let pat: TestBrowser
const db = () => t.handle.db
const services: Record<string, number> = {}

const dateFields = (name: string, iso: string) => {
  const d = LocalDate.parse(iso)
  return {
    [`${name}-day`]: String(d.dayOfMonth()),
    [`${name}-month`]: String(d.monthValue()),
    [`${name}-year`]: String(d.year()),
  }
}

const form = (o: Record<string, string | string[]> = {}) => ({
  reason: 'Sleeping on a friend’s sofa; needs a settled home to keep to the order',
  outcomes: ['Has a tenancy', 'Keeps to the tenancy for three months'],
  ...dateFields('completionDeadline', '2027-03-01'),
  rarDays: '10',
  furtherInformation: 'Prefers morning appointments',
  sensitiveCheck: 'yes',
  ...o,
})

const newPath = (crn: string, service = services['Accommodation support']) =>
  `/people/${crn}/referrals/new?service=${service}`

const referralsOf = (personId: number) =>
  db().selectFrom('referrals').selectAll().where('person_id', '=', personId).orderBy('id').execute()

/** The text of an element marked `data-qa`, without tags. */
function textOf(body: string, qa: string): string {
  const match = new RegExp(`<(\\w+)[^>]*data-qa="${qa}"[\\s\\S]*?</\\1>`).exec(body)
  return (match?.[0] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Sends the referral through the page and answers with its id. */
async function send(c: MadeSentence, o: Record<string, string | string[]> = {}) {
  const sent = await pat.post(newPath(c.crn), form(o))
  expect(sent.statusCode, sent.body.slice(0, 800)).toBe(303)
  return Number(/referrals\/(\d+)/.exec(String(sent.headers.location))![1])
}

async function riskOf(c: MadeSentence) {
  await db()
    .insertInto('rosh_assessments')
    .values({
      person_id: c.personId,
      assessment_date: '2026-11-20',
      public_level: 'medium',
      known_adult_level: 'high',
      children_level: 'low',
      staff_level: 'medium',
      prisoners_level: null,
      overall_level: 'high',
      who_is_at_risk: 'Ms Victim Example of 1 Secret Street',
      nature_of_harm: 'Violence towards Ms Victim Example',
    })
    .execute()
  await db()
    .insertInto('registrations')
    .values([
      { person_id: c.personId, type_code: 'ADVP', registered_date: '2026-11-20', notes: 'Victim: Ms Victim Example' },
      { person_id: c.personId, type_code: 'RMDO', registered_date: '2026-11-20', notes: null },
    ])
    .execute()
  await db()
    .insertInto('addresses')
    .values({
      person_id: c.personId,
      status: 'main',
      building: '14',
      street: 'Canal Row',
      town: 'Northtown',
      postcode: 'NT4 2ZZ',
      start_date: '2026-01-01',
    })
    .execute()
}

/** A community case with a RAR requirement of 20 days, a RoSH (high; the demo service takes up to high) and flags. */
async function referable(o: PersonOptions = {}) {
  const c = await make.sentenced('community', o)
  await riskOf(c)
  return c
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  pat = await t.signIn('pat.practitioner')
  for (const s of await db().selectFrom('partner_services').select(['id', 'name']).execute())
    services[s.name] = Number(s.id)
}, 120_000)
afterAll(() => t.close())

describe('sending a referral', () => {
  it('shows the service, who it takes and a preview of exactly what will be shared, the address only when chosen', async () => {
    const c = await referable()
    const page = await pat.get(newPath(c.crn))
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200)
    expect(textOf(page.body, 'eligibility')).toContain('RoSH up to high')
    expect(page.body).toContain('name="rarDays"')
    const preview = textOf(page.body, 'shared-summary')
    expect(preview).toContain(`Terry ${c.surname}`)
    expect(preview).toContain('Known adult: High')
    expect(preview).toContain('Domestic abuse perpetrator')
    expect(preview).not.toContain('Mental health')
    expect(preview).toContain('Address Not shared')
    expect(page.body).toContain('Risk to staff: follow the lone-working guidance.')
    const withAddress = await pat.post(newPath(c.crn), form({ action: 'preview', shareAddress: 'yes' }))
    expect(withAddress.statusCode).toBe(200)
    expect(textOf(withAddress.body, 'shared-summary')).toContain('14, Canal Row, Northtown, NT4 2ZZ')
    expect(await referralsOf(c.personId)).toEqual([])
  })

  it('saves the referral on the RAR order with the summary frozen, the history, the outcomes, the audit and the event', async () => {
    const c = await referable()
    const id = await send(c, { shareAddress: 'yes' })
    const [r] = await referralsOf(c.personId)
    expect(r).toMatchObject({ status: 'sent', rar_days: 10, share_address: true, sensitive_check_confirmed: true })
    expect(r!.reference).toMatch(/^[A-Z]{2}[0-9]{4}[A-Z]{2}$/)
    const rar = await db()
      .selectFrom('requirements')
      .select('id')
      .where('person_id', '=', c.personId)
      .where('category', '=', 'rehabilitation_activity')
      .executeTakeFirstOrThrow()
    expect(Number(r!.requirement_id)).toBe(Number(rar.id))
    expect(Number(r!.event_id)).toBe(c.eventId)
    const shared = JSON.stringify(r!.shared)
    expect(shared).toContain('NT4 2ZZ')
    expect(shared).toContain('"riskToStaff":true')
    for (const secret of [c.crn, 'Victim', 'Secret Street', 'Violence']) expect(shared).not.toContain(secret)
    const outcomes = await db()
      .selectFrom('referral_desired_outcomes')
      .select(['position', 'description'])
      .where('referral_id', '=', id)
      .orderBy('position')
      .execute()
    expect(outcomes).toEqual([
      { position: 1, description: 'Has a tenancy' },
      { position: 2, description: 'Keeps to the tenancy for three months' },
    ])
    const history = await db()
      .selectFrom('referral_status_history')
      .select('status')
      .where('referral_id', '=', id)
      .execute()
    expect(history.map(h => h.status)).toEqual(['sent'])
    const event = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('event_type', '=', 'referral.sent')
      .where('person_id', '=', c.personId)
      .executeTakeFirstOrThrow()
    expect(event.payload).toEqual({
      reference: r!.reference,
      organisationId: Number(r!.organisation_id),
      serviceId: services['Accommodation support'],
    })
    const audited = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('person_id', '=', c.personId)
      .where('action', '=', 'REFERRAL_SENT')
      .execute()
    expect(audited).toHaveLength(1)

    const list = await pat.get(`/people/${c.crn}/referrals`)
    expect(list.statusCode).toBe(200)
    const row = textOf(list.body, `referral-${id}`)
    expect(row).toContain('Accommodation support')
    expect(row).toContain('Northtown Housing Trust (demo)')
    expect(row).toContain('Sent')
    expect(row).toContain('1 March 2027')
    expect(row).toContain('0 of not yet planned')
    expect(list.body).toContain(`href="/partner-services?crn=${c.crn}"`)
    const page = await pat.get(`/people/${c.crn}/referrals/${id}`)
    expect(page.statusCode).toBe(200)
    expect(textOf(page.body, 'shared-summary')).toContain('14, Canal Row, Northtown, NT4 2ZZ')
    expect(textOf(page.body, 'outcomes')).toContain('Keeps to the tenancy for three months')
    expect(page.body).not.toContain('Secret Street')
    const views = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('person_id', '=', c.personId)
      .where('action', '=', 'REFERRAL_VIEW')
      .execute()
    expect(views.map(v => (v.detail as { page: string }).page).sort()).toEqual(['referral', 'referrals'])
  })

  it('sends one referral however often the same form is posted', async () => {
    const c = await referable()
    const page = await pat.get(newPath(c.crn))
    const reference = /name="reference" value="([A-Z0-9]+)"/.exec(page.body)![1]!
    const [first, second] = await Promise.all([
      pat.post(newPath(c.crn), form({ reference })),
      pat.post(newPath(c.crn), form({ reference })),
    ])
    expect([first.statusCode, second.statusCode]).toEqual([303, 303])
    expect(second.headers.location).toBe(first.headers.location)
    const saved = await referralsOf(c.personId)
    expect(saved.map(r => r.reference)).toEqual([reference])
    const events = await db()
      .selectFrom('outbox_events')
      .select('id')
      .where('event_type', '=', 'referral.sent')
      .where('person_id', '=', c.personId)
      .execute()
    expect(events).toHaveLength(1)
  })
})

describe('refusals, with the reason and nothing saved', () => {
  async function refused(
    c: MadeSentence,
    path: string,
    body: Record<string, string | string[]>,
    field: string,
    message: string,
  ) {
    const answer = await pat.post(path, body)
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(400)
    expect(answer.body).toContain(`href="#${field}"`)
    expect(answer.body).toContain(message)
    expect(await referralsOf(c.personId)).toEqual([])
  }

  it('refuses a closed service, one that does not take the person, and missing or wrong answers', async () => {
    const c = await referable()
    await refused(
      c,
      newPath(c.crn, services['Employment and skills']),
      form({ rarDays: '' }),
      'serviceId',
      'not taking new referrals',
    )
    await refused(c, newPath(c.crn, services['Women’s centre']), form(), 'serviceId', 'This service is for women only')
    await refused(c, newPath(c.crn), form({ outcomes: ['', ' '] }), 'outcome-1', 'Enter at least one desired outcome')
    await refused(c, newPath(c.crn), form({ reason: '' }), 'reason', 'Enter the reason for the referral')
    await refused(c, newPath(c.crn), form({ sensitiveCheck: '' }), 'sensitiveCheck', 'nothing here identifies a victim')
    await refused(
      c,
      newPath(c.crn),
      form(dateFields('completionDeadline', TODAY)),
      'completionDeadline-day',
      'must be in the future',
    )
    await refused(
      c,
      newPath(c.crn),
      form(dateFields('completionDeadline', '2028-01-01')),
      'completionDeadline-day',
      'on or before the order ends',
    )
    await refused(c, newPath(c.crn), form({ rarDays: '21' }), 'rarDays', 'no more than the 20 days')
    // What was typed comes back.
    const back = await pat.post(newPath(c.crn), form({ reason: '' }))
    expect(back.body).toContain('Keeps to the tenancy for three months')
  })

  it('refuses a record with limited access, whatever the form says', async () => {
    const c = await referable({ restrictedTo: 'pat.practitioner' })
    const page = await pat.get(newPath(c.crn))
    expect(textOf(page.body, 'limited-access')).toContain('This record has limited access')
    await refused(
      c,
      newPath(c.crn),
      form(),
      'serviceId',
      'This record has limited access: it cannot be shared with a partner organisation',
    )
  })
})

describe('the partner’s records as the practitioner sees them', () => {
  it('moves the order’s RAR days when the partner records an attended session of a RAR service', async () => {
    const c = await referable()
    const id = await send(c)
    const r = (await referralsOf(c.personId))[0]!
    const rarBefore = textOf((await pat.get(`/people/${c.crn}/enforcement`)).body, 'compliance-rar')
    expect(rarBefore).toContain('0 delivered of 20 ordered')
    const partner = await contextOf(db(), 'pip.partner')
    const date = LocalDate.parse('2026-12-03')
    await db()
      .transaction()
      .execute(async trx => {
        const { contactId } = await recordPartnerSession({ clock }, trx, partner, c.personId, {
          contactId: null,
          eventId: Number(r.event_id),
          requirementId: Number(r.requirement_id),
          rar: true,
          date,
          startsAt: londonInstant(date, 10, 0),
          endsAt: londonInstant(date, 11, 0),
          service: 'Accommodation support',
          organisation: 'Northtown Housing Trust (demo)',
          sessionNumber: 1,
          attended: 'yes',
          notes: 'Viewed two flats',
        })
        await trx
          .insertInto('referral_sessions')
          .values({
            referral_id: id,
            session_number: 1,
            session_date: '2026-12-03',
            start_time: '10:00',
            end_time: '11:00',
            attended: 'yes',
            notes: 'Viewed two flats',
            contact_id: contactId,
          })
          .execute()
      })
    expect(textOf((await pat.get(`/people/${c.crn}/enforcement`)).body, 'compliance-rar')).toContain(
      '1 delivered of 20 ordered',
    )
    const page = await pat.get(`/people/${c.crn}/referrals/${id}`)
    expect(textOf(page.body, 'session-1')).toContain('Attended')
    expect(textOf((await pat.get(`/people/${c.crn}/referrals`)).body, `referral-${id}`)).toContain(
      '1 of not yet planned',
    )
  })

  it('approves only the latest action plan not yet approved', async () => {
    const c = await referable()
    const id = await send(c)
    const pip = await findUserId(db(), 'pip.partner')
    const plan = (version: number) =>
      db()
        .insertInto('referral_action_plans')
        .values({
          referral_id: id,
          version_number: version,
          activities: JSON.stringify(['Housing application']),
          number_of_sessions: 4,
          submitted_by: pip,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    const old = Number((await plan(1)).id)
    const latest = Number((await plan(2)).id)
    const page = await pat.get(`/people/${c.crn}/referrals/${id}`)
    expect(page.body).toContain('data-qa="approve-2"')
    expect(page.body).not.toContain('data-qa="approve-1"')
    const refused = await pat.post(`/people/${c.crn}/referrals/${id}/action-plans/${old}/approve`)
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('Only the latest action plan')
    const approved = await pat.post(`/people/${c.crn}/referrals/${id}/action-plans/${latest}/approve`)
    expect(approved.statusCode, approved.body.slice(0, 300)).toBe(303)
    const again = await pat.post(`/people/${c.crn}/referrals/${id}/action-plans/${latest}/approve`)
    expect(again.statusCode).toBe(400)
    const plans = await db()
      .selectFrom('referral_action_plans')
      .select(['version_number', 'approved_at'])
      .where('referral_id', '=', id)
      .orderBy('version_number')
      .execute()
    expect(plans.map(p => p.approved_at !== null)).toEqual([false, true])
    const after = await pat.get(`/people/${c.crn}/referrals/${id}`)
    expect(textOf(after.body, 'approved-2')).toContain('Approved by Pat Practitioner')
    expect(textOf((await pat.get(`/people/${c.crn}/referrals`)).body, `referral-${id}`)).toContain('0 of 4')
  })

  it('acknowledges an incident once, and withdraws with a reason before the referral ends', async () => {
    const c = await referable()
    const id = await send(c)
    const incident = await db()
      .insertInto('referral_incidents')
      .values({
        referral_id: id,
        occurred_at: new Date('2026-12-04T14:00:00Z'),
        description: 'Raised voice at reception',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const path = `/people/${c.crn}/referrals/${id}`
    expect((await pat.post(`${path}/incidents/${incident.id}/acknowledge`)).statusCode).toBe(303)
    expect((await pat.post(`${path}/incidents/${incident.id}/acknowledge`)).statusCode).toBe(400)
    expect(textOf((await pat.get(path)).body, `incident-${incident.id}`)).toContain('Acknowledged by Pat Practitioner')

    const noReason = await pat.post(`${path}/withdraw`, { withdrawReason: '' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why the referral is withdrawn')
    expect((await referralsOf(c.personId))[0]!.status).toBe('sent')
    expect((await pat.post(`${path}/withdraw`, { withdrawReason: 'Moved out of the area' })).statusCode).toBe(303)
    const [r] = await referralsOf(c.personId)
    expect(r).toMatchObject({ status: 'withdrawn', withdrawn_reason: 'Moved out of the area' })
    const history = await db()
      .selectFrom('referral_status_history')
      .select(['status', 'reason'])
      .where('referral_id', '=', id)
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      { status: 'sent', reason: null },
      { status: 'withdrawn', reason: 'Moved out of the area' },
    ])
    const event = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('event_type', '=', 'referral.withdrawn')
      .where('person_id', '=', c.personId)
      .executeTakeFirstOrThrow()
    expect(event.payload).toMatchObject({ reference: r!.reference })
    expect(JSON.stringify(event.payload)).not.toContain(c.crn)
    const again = await pat.post(`${path}/withdraw`, { withdrawReason: 'Again' })
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('cannot be withdrawn')
  })
})

describe('the API and who may do what', () => {
  it('lists, reads and sends referrals, refusing with the fields at fault', async () => {
    const c = await referable()
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const body = {
      serviceId: services['Accommodation support'],
      reason: 'Needs a home',
      desiredOutcomes: ['Has a tenancy'],
      completionDeadline: '2027-03-01',
      rarDays: 5,
      sensitiveInformationChecked: true,
    }
    const bad = await api.post(`/api/v1/people/${c.crn}/referrals`, {
      ...body,
      desiredOutcomes: [],
      sensitiveInformationChecked: false,
    })
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(['outcome-1', 'sensitiveCheck'])
    const created = await api.post(`/api/v1/people/${c.crn}/referrals`, body)
    expect(created.statusCode, created.body).toBe(201)
    const { id, reference } = created.json()
    const list = await api.get(`/api/v1/people/${c.crn}/referrals`)
    expect(list.json().referrals).toEqual([
      expect.objectContaining({ id, reference, status: 'sent', sessionsAttended: 0 }),
    ])
    const one = await api.get(`/api/v1/people/${c.crn}/referrals/${id}`)
    expect(one.statusCode).toBe(200)
    expect(one.json()).toMatchObject({ reference, rarDays: 5, desiredOutcomes: [{ description: 'Has a tenancy' }] })
    expect(one.json().shared.person.name).toBe(`Terry ${c.surname}`)
  })

  it('refuses another provider’s user, an excluded user and a reader who may not change the record', async () => {
    const c = await referable()
    const id = await send(c)
    // Excluded after the referral was made (a record with limited access cannot be referred).
    await limitAccess(db(), c.personId, 'exclusion', await findUserId(db(), 'sam.senior'), 'Conflict of interest')
    const alex = await t.signIn('alex.crc')
    expect((await alex.get(`/people/${c.crn}/referrals`)).statusCode).toBe(403)
    expect((await alex.post(newPath(c.crn), form())).statusCode).toBe(403)
    const sam = await t.signIn('sam.senior')
    expect((await sam.get(`/people/${c.crn}/referrals/${id}`)).statusCode).toBe(403)
    // The auditor reads every record but changes none: the list, not the form or its actions.
    const auditor = await t.signIn('auditor')
    expect((await auditor.get(`/people/${c.crn}/referrals`)).statusCode).toBe(200)
    expect((await auditor.get(newPath(c.crn))).statusCode).toBe(403)
    expect((await auditor.post(`/people/${c.crn}/referrals/${id}/withdraw`, { withdrawReason: 'x' })).statusCode).toBe(
      403,
    )
    const pip = await t.signIn('pip.partner')
    expect((await pip.get(`/people/${c.crn}/referrals`)).statusCode).toBe(403)
    expect((await pip.get(`/people/${c.crn}/referrals/${id}`)).statusCode).toBe(403)
    expect(await referralsOf(c.personId)).toHaveLength(1)
  })
})
