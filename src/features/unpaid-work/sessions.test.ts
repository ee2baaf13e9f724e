import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contextOf, createFactories, type Factories } from '../../../test/factories/index.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import type { ProjectCommand } from './projects-forms.ts'
import { userIdOf } from './testing.ts'

/**
 * Sessions and allocation as a senior and a supervisor would check them, on Monday 7 December 2026 (issue 17 items
 * 2–3; rules-and-outcomes.md §2.1): allocating a person books an unpaid work appointment on their record; each rule
 * refuses on its field with nothing saved (full, already placed that day, risk, a commitment, the ETE share); a
 * session stood down costs no one hours; a removal keeps the allocation; the register names only people the reader
 * may see, and another provider's users get "not found".
 */

const TODAY = '2026-12-07'
const SATURDAY = '2026-12-12'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let sam: TestBrowser
let una: TestBrowser
let alex: TestBrowser
const db = () => t.handle.db

const userId = (username: string) => userIdOf(db(), username)

async function project(over: Partial<ProjectCommand> = {}) {
  const ctx = await contextOf(db(), 'sam.senior')
  const value: ProjectCommand = {
    name: 'Park clearance',
    projectType: 'clearing',
    placementKind: 'group',
    beneficiaryName: 'Northtown Council',
    beneficiaryContact: null,
    address: 'Northtown Park',
    postcode: 'NT1 2AB',
    latitude: null,
    longitude: null,
    facilities: ['toilets'],
    risks: [],
    riskNotes: null,
    capacity: 10,
    supervisorIds: [],
    travelTimeCredited: true,
    startDate: LocalDate.parse('2026-12-01'),
    endDate: null,
    publicDescription: null,
    nominationId: null,
    ...over,
  }
  return (await make.services.unpaidWork.projects.create(ctx, { ok: true, value })).projectId
}

async function session(projectId: number, o: { date?: string; capacity?: number; start?: string; end?: string } = {}) {
  const ctx = await contextOf(db(), 'sam.senior')
  const made = await make.services.unpaidWork.sessions.create(ctx, projectId, {
    ok: true,
    value: {
      date: LocalDate.parse(o.date ?? SATURDAY),
      start: o.start ?? '09:00',
      end: o.end ?? '16:00',
      supervisorUserId: await userId('una.upw'),
      capacity: o.capacity ?? null,
      pickUpPoint: 'Northtown station',
    },
  })
  return made.sessionId
}

/** A person on a community order with an unpaid work requirement of `hours` hours, managed by pat.practitioner. */
async function onUnpaidWork(hours = 100, o: { excluding?: string } = {}) {
  const p = await make.sentenced('community', o)
  const { id } = await db()
    .insertInto('requirements')
    .values({ person_id: p.personId, sentence_id: p.sentenceId, category: 'unpaid_work', length: hours, unit: 'hours' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { ...p, requirementId: Number(id) }
}

const allocations = async (sessionId: number) =>
  (
    await db()
      .selectFrom('upw_allocations')
      .select(['id', 'person_id', 'contact_id', 'removed_at'])
      .where('session_id', '=', sessionId)
      .execute()
  ).filter(a => a.removed_at === null)

const allocate = (sessionId: number, crn: string, ete = 'no') =>
  sam.post(`/unpaid-work/sessions/${sessionId}/allocate`, { crn, ete })

function expectRefused(response: { statusCode: number; body: string }, message: string, field = 'crn') {
  expect(response.statusCode, response.body.slice(0, 300)).toBe(400)
  expect(response.body).toContain('govuk-error-summary')
  expect(response.body).toContain(`href="#${field}"`)
  expect(response.body).toContain(message)
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  sam = await t.signIn('sam.senior')
  una = await t.signIn('una.upw')
  alex = await t.signIn('alex.crc')
}, 120_000)
afterAll(() => t.close())

describe('creating a session', () => {
  it('defaults to at most 10 places for a group and refuses more', async () => {
    const projectId = await project({ capacity: 20 })
    const form = await sam.get(`/unpaid-work/projects/${projectId}/sessions/new`)
    expect(form.body).toContain('name="capacity" type="text" value="10"')
    const tooMany = await sam.post(`/unpaid-work/projects/${projectId}/sessions/new`, {
      'date-day': '12',
      'date-month': '12',
      'date-year': '2026',
      startTime: '09:00',
      endTime: '16:00',
      capacity: '12',
    })
    expectRefused(tooMany, 'A group session takes at most 10 people', 'capacity')
    const backwards = await sam.post(`/unpaid-work/projects/${projectId}/sessions/new`, {
      'date-day': '12',
      'date-month': '12',
      'date-year': '2026',
      startTime: '16:00',
      endTime: '09:00',
    })
    expectRefused(backwards, 'The end time must be after the start time', 'endTime')
  })
})

describe('allocation (issue 17 item 3)', () => {
  it('allocates a person: an unpaid work appointment on their record, seen on the register', async () => {
    const person = await onUnpaidWork()
    const sessionId = await session(await project(), { date: TODAY })
    const response = await allocate(sessionId, person.crn)
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303)
    const [a] = await allocations(sessionId)
    expect(a).toBeDefined()
    const contact = await db()
      .selectFrom('contacts')
      .select(['contact_type', 'requirement_id', 'starts_at', 'ends_at', 'national_standard', 'is_appointment'])
      .where('id', '=', Number(a!.contact_id))
      .executeTakeFirstOrThrow()
    expect(contact).toMatchObject({ contact_type: 'UPW', national_standard: true, is_appointment: true })
    expect(Number(contact.requirement_id)).toBe(person.requirementId)
    // 09:00 to 16:00 in London in December is GMT.
    expect(new Date(contact.starts_at).toISOString()).toBe(`${TODAY}T09:00:00.000Z`)
    expect(new Date(contact.ends_at!).toISOString()).toBe(`${TODAY}T16:00:00.000Z`)
    const events = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('event_type', '=', 'upw.allocated')
      .where('person_id', '=', person.personId)
      .execute()
    expect(events).toHaveLength(1)
    const register = await una.get(`/unpaid-work/sessions/${sessionId}`)
    expect(register.statusCode).toBe(200)
    expect(register.body).toContain(`${person.forename} ${person.surname}`)
    expect(register.body).toContain(person.crn)
    expect(register.body).toContain(`/unpaid-work/sessions/${sessionId}/register/${a!.id}`)
    const appointments = await (await t.signIn('pat.practitioner')).get(`/people/${person.crn}/appointments`)
    expect(appointments.body).toContain('Unpaid work session')
  })

  it('refuses a full session, saving nothing', async () => {
    const sessionId = await session(await project(), { capacity: 1 })
    const first = await onUnpaidWork()
    const second = await onUnpaidWork()
    expect((await allocate(sessionId, first.crn)).statusCode).toBe(303)
    expectRefused(await allocate(sessionId, second.crn), 'The session is full: it takes 1 and 1 are allocated')
    expect(await allocations(sessionId)).toHaveLength(1)
  })

  it('refuses someone already allocated that day', async () => {
    const projectId = await project()
    const morning = await session(projectId, { start: '09:00', end: '12:00' })
    const afternoon = await session(projectId, { start: '13:00', end: '16:00' })
    const person = await onUnpaidWork()
    expect((await allocate(morning, person.crn)).statusCode).toBe(303)
    expectRefused(
      await allocate(afternoon, person.crn),
      'They are already allocated to an unpaid work session that day',
    )
    expect(await allocations(afternoon)).toHaveLength(0)
  })

  it('refuses a project unsuitable for their risk', async () => {
    const children = await session(await project({ risks: ['children_present'] }))
    const publicFacing = await session(await project({ risks: ['public_contact'] }))
    const concern = await onUnpaidWork()
    await db()
      .insertInto('registrations')
      .values({ person_id: concern.personId, type_code: 'RCCO', registered_date: '2026-10-01' })
      .execute()
    expectRefused(await allocate(children, concern.crn), 'Children are present at this project')
    const high = await onUnpaidWork()
    await db()
      .insertInto('rosh_assessments')
      .values({
        person_id: high.personId,
        assessment_date: '2026-11-01',
        public_level: 'high',
        known_adult_level: 'low',
        children_level: 'low',
        staff_level: 'low',
        overall_level: 'high',
      })
      .execute()
    expectRefused(await allocate(publicFacing, high.crn), 'This project has contact with the public')
    expect(await allocations(children)).toHaveLength(0)
    expect(await allocations(publicFacing)).toHaveLength(0)
    // The same people may go where the risk is not present.
    expect((await allocate(publicFacing, concern.crn)).statusCode).toBe(303)
  })

  it('refuses a session clashing with a commitment', async () => {
    const sessionId = await session(await project())
    const person = await onUnpaidWork()
    await db()
      .insertInto('upw_commitments')
      .values({ person_id: person.personId, kind: 'work', day_of_week: 6, start_time: '08:00', end_time: '12:00' })
      .execute()
    expectRefused(await allocate(sessionId, person.crn), 'The session clashes with their work commitment on Saturday')
    expect(await allocations(sessionId)).toHaveLength(0)
  })

  it('refuses ETE over 20% of the hours ordered, on the ETE field', async () => {
    const sessionId = await session(await project())
    const person = await onUnpaidWork(10)
    expectRefused(await allocate(sessionId, person.crn, 'yes'), 'over 20% of the 10 hours ordered', 'ete')
    expect(await allocations(sessionId)).toHaveLength(0)
    expect((await allocate(sessionId, person.crn, 'no')).statusCode).toBe(303)
  })

  it('counts ETE sessions already booked but not yet recorded towards the share', async () => {
    const projectId = await project()
    const saturday = await session(projectId, { start: '09:00', end: '12:00' })
    const sunday = await session(projectId, { date: '2026-12-13', start: '09:00', end: '12:00' })
    // 20 hours ordered: 4 hours (240 minutes) of ETE; one 3-hour session fits, a second does not.
    const person = await onUnpaidWork(20)
    expect((await allocate(saturday, person.crn, 'yes')).statusCode).toBe(303)
    expectRefused(await allocate(sunday, person.crn, 'yes'), 'over 20% of the 20 hours ordered', 'ete')
    expect(await allocations(sunday)).toHaveLength(0)
  })

  it("refuses a project in an exclusion zone of their licence (its text names the postcode's district)", async () => {
    const sessionId = await session(await project({ postcode: 'NT1 2AB' }))
    const person = await onUnpaidWork()
    const { id } = await db()
      .insertInto('licences')
      .values({ person_id: person.personId, sentence_id: person.sentenceId })
      .returning('id')
      .executeTakeFirstOrThrow()
    const conditions = {
      standard: [],
      additional: [{ type: 'exclusion_zone', fields: { description: 'Not to enter NT1 without approval' } }],
    }
    await db()
      .insertInto('licence_versions')
      .values({
        licence_id: id,
        person_id: person.personId,
        version_number: 1,
        kind: 'initial',
        status: 'approved',
        conditions: JSON.stringify(conditions),
        decided_at: new Date(`${TODAY}T09:00:00Z`),
      })
      .execute()
    expectRefused(await allocate(sessionId, person.crn), 'The project is in NT1, an exclusion zone of their licence')
    expect(await allocations(sessionId)).toHaveLength(0)
  })

  it('asks which requirement when they have more than one, then allocates to the one chosen', async () => {
    const sessionId = await session(await project())
    const person = await onUnpaidWork(100)
    const { id: second } = await db()
      .insertInto('requirements')
      .values({
        person_id: person.personId,
        sentence_id: person.sentenceId,
        category: 'unpaid_work',
        length: 40,
        unit: 'hours',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const ask = await allocate(sessionId, person.crn)
    expectRefused(ask, 'Choose which unpaid work requirement this session is for', 'requirement')
    expect(ask.body).toContain('40 hours')
    const chosen = await sam.post(`/unpaid-work/sessions/${sessionId}/allocate`, {
      crn: person.crn,
      requirement: String(second),
      ete: 'no',
    })
    expect(chosen.statusCode, chosen.body.slice(0, 300)).toBe(303)
    const row = await db()
      .selectFrom('upw_allocations')
      .select('requirement_id')
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow()
    expect(Number(row.requirement_id)).toBe(Number(second))
  })

  it('refuses someone without an unpaid work requirement', async () => {
    const sessionId = await session(await project())
    const person = await make.sentenced('community')
    expectRefused(await allocate(sessionId, person.crn), 'They have no unpaid work requirement in force')
  })
})

describe('standing down and removing', () => {
  it('stands a session down: everyone recorded stood down, an acceptable absence, no enforcement', async () => {
    const sessionId = await session(await project(), { date: TODAY })
    const person = await onUnpaidWork()
    expect((await allocate(sessionId, person.crn)).statusCode).toBe(303)
    expectRefused(await sam.post(`/unpaid-work/sessions/${sessionId}/stand-down`, {}), 'Enter why', 'standDownReason')
    const down = await sam.post(`/unpaid-work/sessions/${sessionId}/stand-down`, { standDownReason: 'Flooding' })
    expect(down.statusCode, down.body.slice(0, 300)).toBe(303)
    const record = await db()
      .selectFrom('upw_attendances')
      .select(['outcome', 'minutes_credited'])
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow()
    expect(record).toEqual({ outcome: 'stood_down', minutes_credited: 0 })
    const [a] = await allocations(sessionId)
    const contact = await db()
      .selectFrom('contacts')
      .select(['outcome', 'absence_reason'])
      .where('id', '=', Number(a!.contact_id))
      .executeTakeFirstOrThrow()
    expect(contact).toEqual({ outcome: 'acceptable_absence', absence_reason: 'stood_down' })
    const actions = await db()
      .selectFrom('enforcement_actions')
      .select('id')
      .where('person_id', '=', person.personId)
      .execute()
    expect(actions).toHaveLength(0)
    expect((await una.get(`/unpaid-work/sessions/${sessionId}`)).body).toContain('Stood down: Flooding')
  })

  it('removes an allocation with a reason, keeping it and withdrawing the appointment', async () => {
    const sessionId = await session(await project())
    const person = await onUnpaidWork()
    expect((await allocate(sessionId, person.crn)).statusCode).toBe(303)
    const [a] = await allocations(sessionId)
    const removed = await sam.post(`/unpaid-work/sessions/${sessionId}/allocations/${a!.id}/remove`, {
      removeReason: 'Started full-time work on Saturdays',
    })
    expect(removed.statusCode, removed.body.slice(0, 300)).toBe(303)
    expect(await allocations(sessionId)).toHaveLength(0)
    const kept = await db()
      .selectFrom('upw_allocations')
      .select('removed_reason')
      .where('id', '=', a!.id)
      .executeTakeFirstOrThrow()
    expect(kept.removed_reason).toBe('Started full-time work on Saturdays')
    const contact = await db()
      .selectFrom('contacts')
      .select('deleted_at')
      .where('id', '=', Number(a!.contact_id))
      .executeTakeFirstOrThrow()
    expect(contact.deleted_at).not.toBeNull()
  })
})

describe('walls', () => {
  it("answers not found to another provider's users", async () => {
    const sessionId = await session(await project())
    expect((await alex.get(`/unpaid-work/sessions/${sessionId}`)).statusCode).toBe(404)
  })

  it('names on the register only people the reader may see', async () => {
    const sessionId = await session(await project())
    const hidden = await onUnpaidWork(100, { excluding: 'una.upw' })
    expect((await allocate(sessionId, hidden.crn)).statusCode).toBe(303)
    const register = await una.get(`/unpaid-work/sessions/${sessionId}`)
    expect(register.statusCode).toBe(200)
    expect(register.body).not.toContain(hidden.surname)
    expect(register.body).not.toContain(hidden.crn)
    expect(register.body).toContain('A person whose record you cannot see')
    expect((await sam.get(`/unpaid-work/sessions/${sessionId}`)).body).toContain(hidden.surname)
  })

  it('lets only managers allocate or stand down', async () => {
    const sessionId = await session(await project())
    const person = await onUnpaidWork()
    expect(
      (await una.post(`/unpaid-work/sessions/${sessionId}/allocate`, { crn: person.crn, ete: 'no' })).statusCode,
    ).toBe(403)
    expect((await una.post(`/unpaid-work/sessions/${sessionId}/stand-down`, { standDownReason: 'x' })).statusCode).toBe(
      403,
    )
    expect(await allocations(sessionId)).toHaveLength(0)
  })
})
