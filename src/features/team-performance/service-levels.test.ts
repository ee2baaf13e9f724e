import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contextOf, createFactories, type Factories, type MadeSentence } from '../../../test/factories/index.ts'
import { findStaffPlacement } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import { workingDaysBetween } from '../../domain/calendar/index.ts'
import { deadlineAfter, type LevelFigures } from '../../domain/performance/index.ts'
import { performancePaths as paths } from '../../web/paths.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'

/**
 * Service levels as a senior and a contract manager would check them on Monday 7 December 2026. The factories'
 * sentences are dated 60 days before (Thursday 8 October 2026); each test records a met and a missed case for one
 * level and expects the team's figures to move by exactly those cases (the demo seed's own cases stay as they were),
 * with the miss listed on the level's misses page. A senior sees their own team only; a practitioner is refused.
 */

const TODAY = LocalDate.parse('2026-12-07')
const clock = fixedClock('2026-12-07T10:00:00Z')
const PERIOD = { from: LocalDate.parse('2026-10-01'), to: LocalDate.parse('2026-10-31') }
const SENTENCED = TODAY.minusDays(60)
let t: TestApp
let make: Factories
let teamA: number
const db = () => t.handle.db

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  teamA = Number((await findStaffPlacement(db(), 'NWS001')).team_id)
})
afterAll(() => t.close())

async function teamFigures(code: string, username = 'sam.senior'): Promise<LevelFigures> {
  const report = await make.services.teamPerformance.serviceLevels.report(await contextOf(db(), username), {
    ...PERIOD,
    level: 'team',
  })
  const level = report.levels.find(l => l.level.code === code)
  return level?.groups?.find(g => g.id === String(teamA))?.figures ?? { met: 0, due: 0, percent: null }
}

const at = (date: LocalDate, time = '10:00') => new Date(`${date.toString()}T${time}:00Z`)

async function allocate(c: MadeSentence, on: LocalDate) {
  const staff = await findStaffPlacement(db(), 'NWS001')
  const cm = await db()
    .selectFrom('case_managers')
    .select('id')
    .where('person_id', '=', c.personId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('allocations')
    .values({
      person_id: c.personId,
      event_id: c.eventId,
      kind: 'initial',
      provider_id: staff.provider_id,
      team_id: Number(staff.team_id),
      staff_id: staff.id,
      case_manager_id: cm.id,
      decision_outcome: 'public',
      decision: JSON.stringify({ test: true }),
      induction_kind: 'order',
      allocated_at: at(on),
    })
    .execute()
}

async function appointment(c: MadeSentence, on: LocalDate, outcome: string | null = null) {
  const staff = await findStaffPlacement(db(), 'NWS001')
  const row = await db()
    .insertInto('contacts')
    .values({
      person_id: c.personId,
      event_id: c.eventId,
      contact_type: 'OFFICE',
      is_appointment: true,
      starts_at: at(on),
      staff_id: staff.id,
      team_id: staff.team_id,
      national_standard: true,
      outcome,
      attended: outcome ? false : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function missesPage(code: string, username = 'sam.senior') {
  const browser = await t.signIn(username)
  const search = new URLSearchParams({
    'from-day': '1',
    'from-month': '10',
    'from-year': '2026',
    'to-day': '31',
    'to-month': '10',
    'to-year': '2026',
    level: 'team',
    group: String(teamA),
  })
  return browser.get(`${paths.serviceLevel(code)}?${search.toString()}`)
}

const lateBy = (deadline: LocalDate, done: LocalDate) => `${workingDaysBetween(deadline, done)} working days`

describe('service levels', () => {
  it('allocation within 2 working days of sentence: one met, one missed (never allocated) listed with its case', async () => {
    const before = await teamFigures('allocation')
    const met = await make.sentenced('community')
    const missed = await make.sentenced('community')
    await allocate(met, SENTENCED.plusDays(1))
    const after = await teamFigures('allocation')
    expect(after.met - before.met).toBe(1)
    expect(after.due - before.due).toBe(2)
    const page = await missesPage('allocation')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(missed.crn)
    expect(page.body).not.toContain(met.crn)
    expect(page.body).toContain(`${missed.forename} ${missed.surname}`)
    expect(page.body).toContain(lateBy(deadlineAfter(SENTENCED, 2), TODAY))
  })

  it('first appointment within 5 working days of allocation: met on day 4, missed on day 8', async () => {
    const before = await teamFigures('first-appointment')
    const met = await make.sentenced('community')
    const missed = await make.sentenced('community')
    const allocated = LocalDate.parse('2026-10-12')
    for (const c of [met, missed]) await allocate(c, allocated)
    await appointment(met, allocated.plusDays(3))
    const late = allocated.plusDays(10)
    await appointment(missed, late)
    const after = await teamFigures('first-appointment')
    expect([after.met - before.met, after.due - before.due]).toEqual([1, 2])
    const page = await missesPage('first-appointment')
    expect(page.body).toContain(missed.crn)
    expect(page.body).not.toContain(met.crn)
    expect(page.body).toContain(lateBy(deadlineAfter(allocated, 5), late))
  })

  it('breach referred within 8 working days of the failure; a missed appointment followed up within 5', async () => {
    const [breachBefore, followBefore] = [await teamFigures('breach'), await teamFigures('missed-appointment')]
    const met = await make.sentenced('community')
    const missed = await make.sentenced('community')
    const failed = LocalDate.parse('2026-10-05')
    const rows = []
    for (const c of [met, missed]) rows.push(await appointment(c, failed, 'unacceptable_absence'))
    const referred = { met: failed.plusDays(7), missed: failed.plusDays(20) }
    for (const [c, contact, initiated] of [
      [met, rows[0], referred.met],
      [missed, rows[1], referred.missed],
    ] as const) {
      await db()
        .insertInto('breaches')
        .values({
          person_id: c.personId,
          event_id: c.eventId,
          kind: 'breach',
          status: 'initiated',
          initiated_date: initiated.toString(),
          trigger_contact_id: contact,
        })
        .execute()
    }
    // Only the first failure's enforcement action is done, the next working day; the second's never is.
    await db()
      .insertInto('enforcement_actions')
      .values({
        person_id: met.personId,
        contact_id: rows[0],
        action_type: 'warning_letter',
        status: 'done',
        done_date: failed.plusDays(1).toString(),
      })
      .execute()
    const [breachAfter, followAfter] = [await teamFigures('breach'), await teamFigures('missed-appointment')]
    expect([breachAfter.met - breachBefore.met, breachAfter.due - breachBefore.due]).toEqual([1, 2])
    expect([followAfter.met - followBefore.met, followAfter.due - followBefore.due]).toEqual([1, 2])
    const page = await missesPage('breach')
    expect(page.body).toContain(missed.crn)
    expect(page.body).not.toContain(met.crn)
    expect(page.body).toContain(lateBy(deadlineAfter(failed, 8), referred.missed))
    const follow = await missesPage('missed-appointment')
    expect(follow.body).toContain(missed.crn)
    expect(follow.body).toContain(lateBy(deadlineAfter(failed, 5), TODAY))
  })

  it('reports on time: completed by the due date, or late', async () => {
    const before = await teamFigures('reports')
    const met = await make.sentenced('community')
    const missed = await make.sentenced('community')
    const due = LocalDate.parse('2026-10-14')
    const completed = { met: due, missed: due.plusDays(6) }
    for (const [c, done] of [
      [met, completed.met],
      [missed, completed.missed],
    ] as const) {
      await db()
        .insertInto('pre_sentence_reports')
        .values({
          person_id: c.personId,
          event_id: c.eventId,
          report_type: 'short_format',
          requested_date: due.minusDays(14).toString(),
          due_date: due.toString(),
          due_date_basis: 'test',
          team_id: teamA,
          status: 'completed',
          completed_at: at(done, '15:00'),
        })
        .execute()
    }
    const after = await teamFigures('reports')
    expect([after.met - before.met, after.due - before.due]).toEqual([1, 2])
    const page = await missesPage('reports')
    expect(page.body).toContain(missed.crn)
    expect(page.body).toContain(lateBy(due, completed.missed))
  })
})

describe('the service levels page', () => {
  it('shows each level per team with met, due and %, and says sentence plans are not measured', async () => {
    const sam = await t.signIn('sam.senior')
    const page = await sam.get(
      `${paths.home}?from-day=1&from-month=10&from-year=2026&to-day=31&to-month=10&to-year=2026`,
    )
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Allocation after sentence')
    expect(page.body).toContain('Not measured: Probity does not record sentence plans yet')
    const figures = await teamFigures('allocation')
    expect(page.body).toContain(`data-qa="due">${figures.due}<`)
  })

  it('defaults to the last full quarter', async () => {
    const sam = await t.signIn('sam.senior')
    const page = await sam.get(paths.home)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('1 July 2026 to 30 September 2026')
  })

  it('a senior sees their own team only, and not the delivery unit or provider level', async () => {
    const other = await make.sentenced('community', { allocatedTo: 'CRC001' })
    const sam = await make.services.teamPerformance.serviceLevels.report(await contextOf(db(), 'sam.senior'), {
      ...PERIOD,
      level: 'team',
    })
    const allocation = sam.levels.find(l => l.level.code === 'allocation')
    expect(allocation?.groups?.map(g => g.id)).toEqual([String(teamA)])
    const crcTeam = String((await findStaffPlacement(db(), 'CRC001')).team_id)
    const morgan = await make.services.teamPerformance.serviceLevels.report(await contextOf(db(), 'morgan.contracts'), {
      ...PERIOD,
      level: 'team',
    })
    expect(morgan.levels.find(l => l.level.code === 'allocation')?.groups?.map(g => g.id)).toContain(crcTeam)
    const browser = await t.signIn('sam.senior')
    expect((await browser.get(`${paths.home}?level=provider`)).statusCode).toBe(403)
    expect(other.crn).toBeTruthy()
  })

  // Issue 21: the figures are counted in SQL per group and day, the misses listed case by case; they must agree.
  it('counts the same cases at team, delivery unit and provider level, and each group’s misses are the cases listed', async () => {
    const ctx = await contextOf(db(), 'morgan.contracts')
    const service = make.services.teamPerformance.serviceLevels
    const totals: Record<string, unknown[]> = {}
    for (const level of ['team', 'unit', 'provider'] as const) {
      const report = await service.report(ctx, { ...PERIOD, level })
      for (const l of report.levels) {
        if (!l.groups) continue
        ;(totals[l.level.code] ??= []).push(l.total)
        const sum = { met: 0, due: 0 }
        for (const g of l.groups) {
          sum.met += g.figures.met
          sum.due += g.figures.due
          expect(g.figures.due - g.figures.met, `${level} ${l.level.code} ${g.name}`).toBe(g.missed)
          const listed = await service.misses(ctx, l.level.code, { ...PERIOD, level, group: g.id })
          expect(listed.cases.length, `${level} ${l.level.code} ${g.name}`).toBe(g.missed)
        }
        expect(sum, `${level} ${l.level.code}`).toEqual({ met: l.total?.met, due: l.total?.due })
      }
    }
    const allocation = totals.allocation as LevelFigures[]
    expect(allocation[0]!.due).toBeGreaterThan(0)
    for (const [code, list] of Object.entries(totals))
      expect(new Set(list.map(x => JSON.stringify(x))).size, code).toBe(1)
  })

  it('a contract manager sees the misses by CRN only (no person:read), and the view is audited', async () => {
    const page = await missesPage('allocation', 'morgan.contracts')
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/data-qa="crn">[A-Z]\d{6}</)
    expect(page.body).not.toContain('data-qa="name"')
    const audited = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'SERVICE_LEVEL_MISSES_VIEW')
      .execute()
    expect(audited.length).toBeGreaterThan(0)
  })

  it('refuses a practitioner, and a bad period comes back 400 naming the field', async () => {
    const pat = await t.signIn('pat.practitioner')
    expect((await pat.get(paths.home)).statusCode).toBe(403)
    const sam = await t.signIn('sam.senior')
    const bad = await sam.get(`${paths.home}?from-day=31&from-month=2&from-year=2026`)
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('There is a problem')
    expect(bad.body).toContain('#from-day')
  })
})
