import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { findStaffPlacement, findUserId } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { textOf, upwRequirement } from './testing.ts'

/**
 * The unpaid work team's views as a supervisor and a senior would check them, on Monday 7 December 2026: today's
 * sessions with their allocated and recorded counts, hours credited this month by project (current records only),
 * the supervisor rota for 14 days, the orders at risk (9 months, 12 months, first session late) with names only for
 * records the user may read, and nothing of another provider's.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)

let t: TestApp
let make: Factories
let una: TestBrowser
const db = () => t.handle.db

async function project(name: string, staffCode = 'NWS009') {
  const staff = await findStaffPlacement(db(), staffCode)
  const row = await db()
    .insertInto('upw_projects')
    .values({
      provider_id: staff.provider_id,
      name,
      project_type: 'grounds',
      beneficiary_name: 'Northtown Allotments',
      address: '2 Allotment Lane, Northtown',
      capacity: 8,
      start_date: '2026-09-01',
    })
    .returning(['id', 'provider_id'])
    .executeTakeFirstOrThrow()
  return row
}

async function session(
  p: { id: number; provider_id: number },
  date: string,
  supervisor: string | null,
  start = '09:00',
) {
  const row = await db()
    .insertInto('upw_sessions')
    .values({
      project_id: p.id,
      provider_id: p.provider_id,
      session_date: date,
      start_time: start,
      end_time: '15:30',
      supervisor_user_id: supervisor ? await findUserId(db(), supervisor) : null,
      capacity: 8,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function allocate(sessionId: number, c: MadeSentence, requirementId: number) {
  const row = await db()
    .insertInto('upw_allocations')
    .values({ session_id: sessionId, person_id: c.personId, requirement_id: requirementId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function record(
  sessionId: number,
  allocationId: number,
  c: MadeSentence,
  requirementId: number,
  minutes: number,
  replaces: number | null = null,
) {
  const row = await db()
    .insertInto('upw_attendances')
    .values({
      allocation_id: allocationId,
      session_id: sessionId,
      person_id: c.personId,
      requirement_id: requirementId,
      outcome: 'worked',
      minutes_worked: minutes,
      minutes_credited: minutes,
      replaces_id: replaces,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The part of the page from one heading to the next. */
function sectionOf(body: string, heading: string): string {
  const start = body.indexOf(heading)
  const end = body.indexOf('<h2', start + 1)
  return body
    .slice(start, end < 0 ? undefined : end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  una = await t.signIn('una.upw')
}, 120_000)
afterAll(() => t.close())

describe('the unpaid work home page', () => {
  it("shows today's sessions with counts, hours this month by project and the rota; nothing of another provider's", async () => {
    const park = await project('Riverside clearance')
    const hall = await project('Church hall decorating')
    const theirs = await project('Contracted company garden', 'CRC001')
    const a = await make.sentenced('community')
    const b = await make.sentenced('community')
    const ra = await upwRequirement(db(), a, 100)
    const rb = await upwRequirement(db(), b, 100)

    const today = await session(park, TODAY, 'una.upw')
    const la = await allocate(today, a, ra)
    await allocate(today, b, rb)
    await record(today, la, a, ra, 390)
    const theirsToday = await session(theirs, TODAY, null)

    // Earlier this month: 6 h corrected to 7 h at the hall; last month's hours are not this month's.
    const earlier = await session(hall, '2026-12-02', 'una.upw')
    const lb = await allocate(earlier, b, rb)
    const wrong = await record(earlier, lb, b, rb, 360)
    await record(earlier, lb, b, rb, 420, wrong)
    const november = await session(hall, '2026-11-30', 'una.upw')
    await record(november, await allocate(november, a, ra), a, ra, 300)

    const soon = await session(hall, '2026-12-10', 'sam.senior')
    const unstaffed = await session(park, '2026-12-15', null)
    const tooFar = await session(park, '2026-12-21', 'una.upw')

    const page = await una.get('/unpaid-work')
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200)
    const todays = textOf(page.body, `session-${today}`)
    expect(todays).toBe('Riverside clearance 09:00 to 15:30 Una Payback 2 1')
    expect(page.body).toContain(`href="/unpaid-work/sessions/${today}"`)
    expect(page.body).not.toContain('Contracted company garden')
    expect(page.body).not.toContain(`session-${theirsToday}`)

    const hours = sectionOf(page.body, 'Hours credited in December 2026')
    expect(hours).toContain('Church hall decorating 7 hours')
    expect(hours).toContain('Riverside clearance 6 hours 30 minutes')
    expect(hours).toContain('Total 13 hours 30 minutes')
    expect(hours).not.toContain('13 hours 0') // the replaced 6 h record does not count

    const rota = sectionOf(page.body, 'Supervisor rota')
    expect(rota).toMatch(/Sam Senior\s+10 December 2026, 09:00 to 15:30: Church hall decorating/)
    expect(rota).toMatch(/Una Payback\s+7 December 2026, 09:00 to 15:30: Riverside clearance/)
    expect(rota).toMatch(/No supervisor yet\s+15 December 2026/)
    expect(rota).not.toContain('21 December 2026')
    expect(page.body).toContain(`/unpaid-work/sessions/${soon}`)
    expect(page.body).toContain(`/unpaid-work/sessions/${unstaffed}`)
    expect(page.body).not.toContain(`/unpaid-work/sessions/${tooFar}"`)
    for (const href of ['/unpaid-work/projects', '/unpaid-work/nominations', '/unpaid-work/photos'])
      expect(page.body).toContain(`href="${href}"`)
  })

  it('is refused to a role without unpaid work (a court officer)', async () => {
    const chris = await t.signIn('chris.court')
    expect((await chris.get('/unpaid-work')).statusCode).toBe(403)
    expect((await chris.get('/unpaid-work/orders-at-risk')).statusCode).toBe(403)
  })
})

describe('orders at risk', () => {
  it('lists orders from 9 months, past 12 and with a late first session; names only where the record may be read', async () => {
    const risky = await make.sentenced('community')
    await upwRequirement(db(), risky, 120, '2026-02-01')
    const overdue = await make.sentenced('community')
    const overdueReq = await upwRequirement(db(), overdue, 80, '2025-11-20')
    const late = await make.sentenced('community')
    await upwRequirement(db(), late, 60)
    await db()
      .updateTable('case_managers')
      .set({ started_at: '2026-10-09T09:00:00Z' })
      .where('person_id', '=', late.personId)
      .execute()
    const fine = await make.sentenced('community')
    await upwRequirement(db(), fine, 60)
    const done = await make.sentenced('community')
    const doneReq = await upwRequirement(db(), done, 40, '2025-10-01')
    const s = await session(await project('Canal towpath'), '2026-11-03', 'una.upw')
    await record(s, await allocate(s, done, doneReq), done, doneReq, 1200)
    const s2 = await session(await project('Canal towpath, part 2'), '2026-11-10', 'una.upw')
    await record(s2, await allocate(s2, done, doneReq), done, doneReq, 1200)
    await record(s, await allocate(s, overdue, overdueReq), overdue, overdueReq, 600)
    const hidden = await make.sentenced('community', { excluding: 'una.upw' })
    await upwRequirement(db(), hidden, 100, '2026-01-10')
    const elsewhere = await make.sentenced('community', { allocatedTo: 'CRC001' })
    await upwRequirement(db(), elsewhere, 100, '2025-06-01')

    const page = await una.get('/unpaid-work/orders-at-risk')
    expect(page.statusCode, page.body.slice(0, 500)).toBe(200)
    expect(textOf(page.body, `order-${risky.crn}`)).toMatch(
      new RegExp(`${risky.surname} \\(${risky.crn}\\) 120 hours 120 hours At risk due by 1 February 2027`),
    )
    expect(textOf(page.body, `order-${overdue.crn}`)).toContain('80 hours 70 hours Overdue due by 20 November 2026')
    expect(textOf(page.body, `order-${late.crn}`)).toMatch(
      /On track due by 8 October 2027 Missed due by 20 October 2026/,
    )
    expect(page.body).not.toContain(fine.crn)
    expect(page.body).not.toContain(done.crn)
    expect(page.body).not.toContain(elsewhere.crn)
    expect(textOf(page.body, `order-${hidden.crn}`)).toContain('Restricted record')
    expect(page.body).not.toContain(hidden.surname)
    expect(page.body).toContain(`href="/people/${risky.crn}/unpaid-work"`)
    expect(page.body).not.toContain(`href="/people/${hidden.crn}/unpaid-work"`)

    const [row] = await db()
      .selectFrom('audit_events')
      .select(['shown_person_ids', 'username'])
      .where('action', '=', 'UPW_ORDERS_AT_RISK_VIEW')
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    const shown = (row!.shown_person_ids ?? []).map(Number)
    expect(row!.username).toBe('una.upw')
    expect(shown).toEqual(expect.arrayContaining([risky.personId, overdue.personId, late.personId]))
    expect(shown).not.toContain(hidden.personId)
  })
})
