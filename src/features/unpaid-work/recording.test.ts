import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contextOf, createFactories, type Factories } from '../../../test/factories/index.ts'
import { insertStaffOf, insertUserLike } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { userIdOf } from './testing.ts'

/**
 * What the supervisor records at a session, on Monday 7 December 2026 (issue 17 item 4; rules-and-outcomes.md §2.1,
 * §3.1): worked (minutes credited, the appointment attended and complied), an unacceptable absence (the enforcement
 * decision runs, as for a missed office appointment), sent home for behaviour (a failure to comply), a correction
 * that keeps the original, nothing before the session's day, and only the session's supervisors may record.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T18:00:00Z`)

let t: TestApp
let make: Factories
let una: TestBrowser
let pat: TestBrowser
const db = () => t.handle.db

const userId = (username: string) => userIdOf(db(), username)

/** A person on unpaid work allocated to a session on `date` of a project (travel credited unless said). */
async function allocated(o: { date?: string; travel?: boolean } = {}) {
  const ctx = await contextOf(db(), 'sam.senior')
  const upw = make.services.unpaidWork
  const { projectId } = await upw.projects.create(ctx, {
    ok: true,
    value: {
      name: 'Canal towpath',
      projectType: 'litter_picking',
      placementKind: 'group',
      beneficiaryName: 'Canal Trust',
      beneficiaryContact: null,
      address: 'Canal towpath, Northtown',
      postcode: 'NT3 1AA',
      latitude: null,
      longitude: null,
      facilities: [],
      risks: [],
      riskNotes: null,
      capacity: 8,
      supervisorIds: [],
      travelTimeCredited: o.travel ?? true,
      startDate: LocalDate.parse('2026-12-01'),
      endDate: null,
      publicDescription: null,
      nominationId: null,
    },
  })
  const { sessionId } = await upw.sessions.create(ctx, projectId, {
    ok: true,
    value: {
      date: LocalDate.parse(o.date ?? TODAY),
      start: '09:00',
      end: '16:00',
      supervisorUserId: await userId('una.upw'),
      capacity: null,
      pickUpPoint: null,
    },
  })
  const person = await make.sentenced('community')
  await db()
    .insertInto('requirements')
    .values({
      person_id: person.personId,
      sentence_id: person.sentenceId,
      category: 'unpaid_work',
      length: 100,
      unit: 'hours',
    })
    .execute()
  const { allocationId } = await upw.sessions.allocate(ctx, sessionId, {
    ok: true,
    value: { crn: person.crn, requirementId: null, ete: false },
  })
  const url = `/unpaid-work/sessions/${sessionId}/register/${allocationId}`
  return { person, sessionId, allocationId, url }
}

const records = (allocationId: number) =>
  db()
    .selectFrom('upw_attendances')
    .select(['id', 'outcome', 'minutes_worked', 'minutes_credited', 'replaces_id'])
    .where('allocation_id', '=', allocationId)
    .orderBy('id')
    .execute()

async function contactOf(allocationId: number) {
  const a = await db()
    .selectFrom('upw_allocations')
    .select('contact_id')
    .where('id', '=', allocationId)
    .executeTakeFirstOrThrow()
  return db()
    .selectFrom('contacts')
    .select(['id', 'outcome', 'attended', 'complied'])
    .where('id', '=', Number(a.contact_id))
    .executeTakeFirstOrThrow()
}

const openActions = async (personId: number) =>
  db()
    .selectFrom('enforcement_actions')
    .select(['id', 'action_type', 'status'])
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  una = await t.signIn('una.upw')
  pat = await t.signIn('pat.practitioner')
}, 120_000)
afterAll(() => t.close())

describe('recording a session', () => {
  it('records a day worked: minutes credited, the appointment attended and complied', async () => {
    const a = await allocated()
    const form = await una.get(a.url)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain(`${a.person.forename} ${a.person.surname}`)
    const saved = await una.post(a.url, {
      outcome: 'worked',
      timeIn: '09:00',
      timeOut: '16:00',
      travelMinutes: '30',
      penaltyMinutes: '15',
      workQuality: 'good',
      behaviour: 'excellent',
      hiVisWorn: 'yes',
    })
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303)
    expect(await records(a.allocationId)).toEqual([
      expect.objectContaining({ outcome: 'worked', minutes_worked: 420, minutes_credited: 435, replaces_id: null }),
    ])
    expect(await contactOf(a.allocationId)).toMatchObject({
      outcome: 'attended_complied',
      attended: true,
      complied: true,
    })
    const events = await db()
      .selectFrom('outbox_events')
      .select('payload')
      .where('event_type', '=', 'upw.session.recorded')
      .where('person_id', '=', a.person.personId)
      .execute()
    expect(events).toHaveLength(1)
    const register = await una.get(`/unpaid-work/sessions/${a.sessionId}`)
    expect(register.body).toContain('Worked – 7 hours 15 minutes credited')
  })

  it('raises enforcement for an unacceptable absence, seen on the enforcement page', async () => {
    const a = await allocated()
    expect(await openActions(a.person.personId)).toHaveLength(0)
    const saved = await una.post(a.url, { outcome: 'absent_unacceptable' })
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303)
    expect(await records(a.allocationId)).toEqual([
      expect.objectContaining({ outcome: 'absent_unacceptable', minutes_credited: 0 }),
    ])
    expect(await contactOf(a.allocationId)).toMatchObject({
      outcome: 'unacceptable_absence',
      attended: false,
      complied: false,
    })
    expect((await openActions(a.person.personId)).length).toBeGreaterThan(0)
    const enforcement = await pat.get(`/people/${a.person.crn}/enforcement`)
    expect(enforcement.statusCode).toBe(200)
    expect(enforcement.body).toMatch(/data-qa="action-contact">Unpaid work session<\/a>/)
  })

  it('treats sent home for behaviour as a failure to comply, credited the time worked before', async () => {
    const a = await allocated()
    const blank = await una.post(a.url, { outcome: 'sent_home', timeIn: '09:00', timeOut: '11:00' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('Enter the reason')
    const saved = await una.post(a.url, {
      outcome: 'sent_home',
      reason: 'Abusive to the supervisor',
      forBehaviour: 'yes',
      timeIn: '09:00',
      timeOut: '11:00',
    })
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303)
    expect(await records(a.allocationId)).toEqual([
      expect.objectContaining({ outcome: 'sent_home', minutes_credited: 120 }),
    ])
    expect(await contactOf(a.allocationId)).toMatchObject({ outcome: 'attended_failed_to_comply', attended: true })
    expect((await openActions(a.person.personId)).length).toBeGreaterThan(0)
  })

  it('keeps the original when a record is corrected, withdrawing the enforcement it raised', async () => {
    const a = await allocated()
    expect((await una.post(a.url, { outcome: 'absent_unacceptable' })).statusCode).toBe(303)
    expect((await openActions(a.person.personId)).length).toBeGreaterThan(0)
    const corrected = await una.post(a.url, { outcome: 'absent_acceptable', reason: 'In hospital: letter seen' })
    expect(corrected.statusCode, corrected.body.slice(0, 500)).toBe(303)
    const [first, second] = await records(a.allocationId)
    expect(first).toMatchObject({ outcome: 'absent_unacceptable', replaces_id: null })
    expect(second).toMatchObject({ outcome: 'absent_acceptable', replaces_id: first!.id })
    expect(await contactOf(a.allocationId)).toMatchObject({ outcome: 'acceptable_absence' })
    expect(await openActions(a.person.personId)).toHaveLength(0)
  })

  it('refuses travel minutes when the project does not credit travel, and anything before the session day', async () => {
    const noTravel = await allocated({ travel: false })
    const travel = await una.post(noTravel.url, {
      outcome: 'worked',
      timeIn: '09:00',
      timeOut: '16:00',
      travelMinutes: '20',
    })
    expect(travel.statusCode).toBe(400)
    expect(travel.body).toContain('This project does not credit travel time')
    const later = await allocated({ date: '2026-12-12' })
    const early = await una.post(later.url, { outcome: 'worked', timeIn: '09:00', timeOut: '16:00' })
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('You cannot record attendance before the day of the session')
    expect(await records(later.allocationId)).toHaveLength(0)
    expect(await records(noTravel.allocationId)).toHaveLength(0)
  })
})

describe('who may record', () => {
  it('refuses a supervisor of another provider (not found) and one who does not supervise the session', async () => {
    const a = await allocated()
    await insertUserLike(db(), 'cat.crcupw', ['upw_supervisor'], await insertStaffOf(db(), 'NWCRC', 'CRCUPW1'))
    await insertUserLike(db(), 'ollie.upw', ['upw_supervisor'], await insertStaffOf(db(), 'PS', 'PSUPW2'))
    const cat = await t.signIn('cat.crcupw')
    expect((await cat.get(a.url)).statusCode).toBe(404)
    expect((await cat.post(a.url, { outcome: 'worked', timeIn: '09:00', timeOut: '16:00' })).statusCode).toBe(404)
    const ollie = await t.signIn('ollie.upw')
    expect((await ollie.get(`/unpaid-work/sessions/${a.sessionId}`)).statusCode).toBe(200)
    expect((await ollie.post(a.url, { outcome: 'worked', timeIn: '09:00', timeOut: '16:00' })).statusCode).toBe(403)
    expect((await pat.post(a.url, { outcome: 'worked', timeIn: '09:00', timeOut: '16:00' })).statusCode).toBe(403)
    expect(await records(a.allocationId)).toHaveLength(0)
  })
})
