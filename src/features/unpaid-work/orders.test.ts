import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { findStaffPlacement, findUserId } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import type { UpwAttendanceOutcome } from '../../db/schema.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { apiClient, issueTestToken } from '../api/testing.ts'
import { textOf, upwRequirement } from './testing.ts'

/**
 * A person's unpaid work as the people using it would check it, on Monday 7 December 2026: the hours from the
 * current attendance records (a correction replaces the original), the incentive (the published 100 h / 36 h case:
 * 5 h 30 taken off, 25 h projected), the two clocks, the sessions, the 300-hour aggregate, commitments added and
 * ended with bad input changing nothing, and who may see it.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let pat: TestBrowser
const db = () => t.handle.db

let projectId = 0
async function project(name: string) {
  const staff = await findStaffPlacement(db(), 'NWS009')
  const row = await db()
    .insertInto('upw_projects')
    .values({
      provider_id: staff.provider_id,
      name,
      project_type: 'clearing',
      beneficiary_name: 'Northtown Parks Trust',
      address: '1 Park Road, Northtown',
      capacity: 8,
      start_date: '2026-09-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A session of the project on `date`, the person allocated to it (arranged at `arrangedAt`). */
async function allocated(c: MadeSentence, requirementId: number, date: string, arrangedAt = `${date}T08:00:00Z`) {
  const staff = await findStaffPlacement(db(), 'NWS009')
  const session = await db()
    .insertInto('upw_sessions')
    .values({
      project_id: projectId,
      provider_id: staff.provider_id,
      session_date: date,
      start_time: '09:00',
      end_time: '16:00',
      supervisor_user_id: await findUserId(db(), 'una.upw'),
      capacity: 8,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const allocation = await db()
    .insertInto('upw_allocations')
    .values({
      session_id: session.id,
      person_id: c.personId,
      requirement_id: requirementId,
      created_at: arrangedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { sessionId: session.id, allocationId: allocation.id }
}

/** What the supervisor recorded (appended; `replaces` a record when it corrects one). */
async function recorded(
  c: MadeSentence,
  requirementId: number,
  at: { sessionId: number; allocationId: number },
  outcome: UpwAttendanceOutcome,
  minutes: number,
  o: { replaces?: number; ete?: boolean } = {},
) {
  const row = await db()
    .insertInto('upw_attendances')
    .values({
      allocation_id: at.allocationId,
      session_id: at.sessionId,
      person_id: c.personId,
      requirement_id: requirementId,
      outcome,
      minutes_worked: minutes,
      minutes_credited: minutes,
      ete: o.ete ?? false,
      replaces_id: o.replaces ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The case was allocated to its practitioner on this day (the 7-working-day clock's start). */
async function allocatedToPractitionerOn(c: MadeSentence, iso: string) {
  await db()
    .updateTable('case_managers')
    .set({ started_at: `${iso}T09:00:00Z` })
    .where('person_id', '=', c.personId)
    .execute()
}

const commitmentsOf = (personId: number) =>
  db().selectFrom('upw_commitments').selectAll().where('person_id', '=', personId).orderBy('id').execute()

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  pat = await t.signIn('pat.practitioner')
  projectId = await project('Park clearance')
}, 120_000)
afterAll(() => t.close())

describe("a person's unpaid work page", () => {
  it('shows the hours from the current records, the incentive, the clocks and the sessions', async () => {
    const c = await make.sentenced('community')
    const req = await upwRequirement(db(), c, 100)
    // Sentenced 8 October 2026 (60 days ago); allocated Friday 9 October: the first session is due by 20 October.
    await allocatedToPractitionerOn(c, '2026-10-09')
    const first = await allocated(c, req, '2026-11-02', '2026-10-15T10:00:00Z')
    await recorded(c, req, first, 'worked', 1080, { ete: true })
    const second = await allocated(c, req, '2026-11-09')
    const wrong = await recorded(c, req, second, 'worked', 600)
    await recorded(c, req, second, 'worked', 1080, { replaces: wrong })
    await allocated(c, req, '2026-12-14')

    const page = await pat.get(`/people/${c.crn}/unpaid-work`)
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200)
    const hours = textOf(page.body, `hours-${req}`)
    expect(hours).toContain('Ordered 100 hours')
    // 18 h + 18 h (the corrected record, not the 10 h it replaced).
    expect(hours).toContain('Credited 36 hours')
    // 100 h less the 5 h 30 earned, less the 36 h done.
    expect(hours).toContain('Remaining 58 hours 30 minutes')
    expect(hours).toContain('Education, training and employment 18 hours of 20 hours allowed')
    expect(hours).toContain('taken off so far 5 hours 30 minutes')
    expect(hours).toContain('can be taken off 25 hours')
    expect(textOf(page.body, `incentive-${req}`)).toContain('Every hour worked above 25 hours takes 30 minutes off')
    const clocks = textOf(page.body, `clocks-${req}`)
    expect(clocks).toMatch(/Met\s+Allocated 9 October 2026; due by 20 October 2026; first arranged 15 October 2026/)
    expect(clocks).toMatch(/On track\s+Started 8 October 2026; at risk from 8 July 2027; due by 8 October 2027/)
    expect(textOf(page.body, `upcoming-${req}`)).toContain('14 December 2026 09:00 to 16:00 Park clearance')
    const past = textOf(page.body, `past-${req}`)
    expect(past).toContain('2 November 2026 Park clearance Worked (education, training or employment) 18 hours')
    expect(past).toContain('9 November 2026 Park clearance Worked 18 hours')
    expect(past).not.toContain('10 hours')
    expect(textOf(page.body, 'aggregate')).toContain('100 hours ordered across the orders running together')
    const views = await db()
      .selectFrom('audit_events')
      .select(['detail'])
      .where('action', '=', 'UPW_VIEW')
      .where('person_id', '=', c.personId)
      .execute()
    expect(views).toHaveLength(1)
    expect(views[0]!.detail).toMatchObject({ page: 'unpaid work' })
  })

  it('loses the projected discount on an unacceptable absence, keeping what was earned before it', async () => {
    const c = await make.sentenced('community')
    const req = await upwRequirement(db(), c, 40)
    await recorded(c, req, await allocated(c, req, '2026-11-02'), 'worked', 900)
    await recorded(c, req, await allocated(c, req, '2026-11-09'), 'absent_unacceptable', 0)
    await recorded(c, req, await allocated(c, req, '2026-11-16'), 'worked', 420)
    const hours = textOf((await pat.get(`/people/${c.crn}/unpaid-work`)).body, `hours-${req}`)
    // Threshold 10 h; 15 h worked before the absence: (15 - 10) × 0.5 = 2 h 30, kept and no more.
    expect(hours).toContain('Credited 22 hours')
    expect(hours).toContain('taken off so far 2 hours 30 minutes')
    expect(hours).toContain('can be taken off 2 hours 30 minutes')
    expect(hours).toContain('Remaining 15 hours 30 minutes')
    expect(textOf((await pat.get(`/people/${c.crn}/unpaid-work`)).body, `incentive-${req}`)).toContain(
      'An unacceptable absence ended the incentive',
    )
  })

  it('flags a first session not arranged in time, an order at risk and the 300-hour aggregate exceeded', async () => {
    const c = await make.sentenced('community')
    await allocatedToPractitionerOn(c, '2026-10-09')
    const big = await upwRequirement(db(), c, 200, '2026-01-05')
    const other = await upwRequirement(db(), c, 120)
    const page = await pat.get(`/people/${c.crn}/unpaid-work`)
    expect(textOf(page.body, `clocks-${big}`)).toMatch(
      /Missed\s+Allocated 9 October 2026; due by 20 October 2026; not arranged yet/,
    )
    expect(textOf(page.body, `clocks-${big}`)).toMatch(/At risk\s+Started 5 January 2026; at risk from 5 October 2026/)
    expect(textOf(page.body, `clocks-${other}`)).toContain('On track')
    expect(textOf(page.body, 'aggregate')).toContain(
      '320 hours ordered across the orders running together (the limit is 300)',
    )
    expect(page.body).toContain('ask the court')
  })

  it('says when there is no unpaid work requirement, and a terminated one is not shown', async () => {
    const c = await make.sentenced('community')
    const req = await upwRequirement(db(), c, 60)
    await db().updateTable('requirements').set({ terminated_date: '2026-11-01' }).where('id', '=', req).execute()
    const page = await pat.get(`/people/${c.crn}/unpaid-work`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('data-qa="no-orders"')
    expect(page.body).not.toContain(`hours-${req}`)
  })

  it("refuses another provider's practitioner, showing nothing and auditing the refusal", async () => {
    const c = await make.sentenced('community')
    await upwRequirement(db(), c, 80)
    const alex = await t.signIn('alex.crc')
    const page = await alex.get(`/people/${c.crn}/unpaid-work`)
    expect(page.statusCode).toBe(403)
    expect(page.body).not.toContain(c.surname)
    expect(page.body).not.toContain('80 hours')
    expect((await alex.get(`/people/${c.crn}/unpaid-work/commitments`)).statusCode).toBe(403)
    const refused = await alex.post(`/people/${c.crn}/unpaid-work/commitments`, {
      kind: 'work',
      dayOfWeek: '1',
      startTime: '09:00',
      endTime: '17:00',
    })
    expect(refused.statusCode).toBe(403)
    expect(await commitmentsOf(c.personId)).toEqual([])
    const denied = await db()
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'ACCESS_DENIED')
      .where('person_id', '=', c.personId)
      .execute()
    expect(denied.length).toBeGreaterThanOrEqual(1)
  })
})

describe('commitments', () => {
  it('adds a commitment, lists it on both pages, and ends it (kept with its end), audited and published', async () => {
    const c = await make.sentenced('community')
    const added = await pat.post(`/people/${c.crn}/unpaid-work/commitments`, {
      kind: 'childcare',
      dayOfWeek: '3',
      startTime: '2:30pm',
      endTime: '17:30',
      notes: 'School pick-up',
    })
    expect(added.statusCode, added.body.slice(0, 500)).toBe(303)
    expect(added.headers.location).toBe(`/people/${c.crn}/unpaid-work/commitments?done=added`)
    const [row] = await commitmentsOf(c.personId)
    expect(row).toMatchObject({ kind: 'childcare', day_of_week: 3, start_time: '14:30', end_time: '17:30' })
    expect(row!.ended_at).toBeNull()

    const list = await pat.get(`/people/${c.crn}/unpaid-work/commitments?done=added`)
    expect(list.body).toContain('Commitment added')
    expect(textOf(list.body, `commitment-${row!.id}`)).toContain('Childcare Wednesday, 14:30 to 17:30 School pick-up')
    expect(textOf((await pat.get(`/people/${c.crn}/unpaid-work`)).body, 'commitments')).toContain(
      'Childcare: Wednesday, 14:30 to 17:30 (School pick-up)',
    )

    const ended = await pat.post(`/people/${c.crn}/unpaid-work/commitments/${row!.id}/end`, {})
    expect(ended.statusCode).toBe(303)
    const [after] = await commitmentsOf(c.personId)
    expect(after!.ended_at).not.toBeNull()
    expect(textOf((await pat.get(`/people/${c.crn}/unpaid-work/commitments`)).body, `commitment-${row!.id}`)).toContain(
      'Ended 7 December 2026',
    )
    expect(textOf((await pat.get(`/people/${c.crn}/unpaid-work`)).body, 'commitments')).toBe('None recorded.')
    // Ending it again finds no current commitment.
    expect((await pat.post(`/people/${c.crn}/unpaid-work/commitments/${row!.id}/end`, {})).statusCode).toBe(404)

    const audits = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('person_id', '=', c.personId)
      .where('action', 'in', ['UPW_COMMITMENT_ADD', 'UPW_COMMITMENT_END'])
      .orderBy('id')
      .execute()
    expect(audits.map(a => a.action)).toEqual(['UPW_COMMITMENT_ADD', 'UPW_COMMITMENT_END'])
    const events = await db()
      .selectFrom('outbox_events')
      .select('event_type')
      .where('person_id', '=', c.personId)
      .where('event_type', 'like', 'upw.%')
      .orderBy('id')
      .execute()
    expect(events.map(e => e.event_type)).toEqual(['upw.commitment.added', 'upw.commitment.ended'])
  })

  it('refuses bad input with the error summary, saving nothing', async () => {
    const c = await make.sentenced('community')
    const bad = await pat.post(`/people/${c.crn}/unpaid-work/commitments`, {
      kind: 'holiday',
      dayOfWeek: '8',
      startTime: '25:00',
      endTime: '',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('govuk-error-summary')
    for (const m of [
      'Select what the commitment is',
      'Select the day of the week',
      'Start time must be a real time',
      'Enter the end time',
    ])
      expect(bad.body).toContain(m)
    const backwards = await pat.post(`/people/${c.crn}/unpaid-work/commitments`, {
      kind: 'work',
      dayOfWeek: '1',
      startTime: '17:00',
      endTime: '09:00',
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toContain('End time must be after the start time')
    // The typed values come back.
    expect(backwards.body).toContain('value="17:00"')
    expect(await commitmentsOf(c.personId)).toEqual([])
  })

  it("will not end another person's commitment", async () => {
    const a = await make.sentenced('community')
    const b = await make.sentenced('community')
    await pat.post(`/people/${a.crn}/unpaid-work/commitments`, {
      kind: 'work',
      dayOfWeek: '2',
      startTime: '08:00',
      endTime: '12:00',
    })
    const [row] = await commitmentsOf(a.personId)
    expect((await pat.post(`/people/${b.crn}/unpaid-work/commitments/${row!.id}/end`, {})).statusCode).toBe(404)
    expect((await commitmentsOf(a.personId))[0]!.ended_at).toBeNull()
  })
})

describe('the sentences page', () => {
  it('links an unpaid work requirement to its hours and sessions', async () => {
    const c = await make.sentenced('community')
    await upwRequirement(db(), c, 90)
    const page = await pat.get(`/people/${c.crn}/sentences`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(
      new RegExp(
        `data-qa="requirement-unpaid_work"[\\s\\S]*?href="/people/${c.crn}/unpaid-work" data-qa="unpaid-work-link"`,
      ),
    )
  })
})

describe('the API', () => {
  it('gives the hours, the incentive and the clocks in minutes, audited, and refuses another provider', async () => {
    const c = await make.sentenced('community')
    const req = await upwRequirement(db(), c, 100)
    await allocatedToPractitionerOn(c, '2026-10-09')
    const first = await allocated(c, req, '2026-11-02', '2026-10-15T10:00:00Z')
    await recorded(c, req, first, 'worked', 1080)
    await recorded(c, req, await allocated(c, req, '2026-11-09'), 'worked', 1080)
    const api = apiClient(t, await issueTestToken(t, 'pat.practitioner'))
    const response = await api.get(`/api/v1/people/${c.crn}/unpaid-work`)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.crn).toBe(c.crn)
    expect(body.orders).toHaveLength(1)
    expect(body.orders[0]).toMatchObject({
      requirementId: req,
      orderedHours: 100,
      creditedMinutes: 2160,
      // 100 h less 5 h 30 taken off, less 36 h worked.
      remainingMinutes: 3510,
      incentive: { eligible: true, disqualified: false, currentDiscountMinutes: 330, projectedDiscountMinutes: 1500 },
      firstSession: { state: 'met', dueBy: '2026-10-20', arrangedOn: '2026-10-15' },
      completion: { state: 'on_track', dueBy: expect.any(String) },
    })
    expect(body.orders[0].sessions).toEqual([
      { date: '2026-11-02', project: 'Park clearance', outcome: 'worked', minutesCredited: 1080, ete: false },
      { date: '2026-11-09', project: 'Park clearance', outcome: 'worked', minutesCredited: 1080, ete: false },
    ])
    const audits = await db()
      .selectFrom('audit_events')
      .select(['action', 'detail'])
      .where('person_id', '=', c.personId)
      .where('action', '=', 'UPW_VIEW')
      .execute()
    expect(audits.some(a => JSON.stringify(a.detail).includes('api-unpaid-work'))).toBe(true)
    const alex = apiClient(t, await issueTestToken(t, 'alex.crc'))
    expect((await alex.get(`/api/v1/people/${c.crn}/unpaid-work`)).statusCode).toBe(403)
  })
})
