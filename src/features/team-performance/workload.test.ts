import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { findStaffPlacement } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import { CASE_TYPE, DEFAULT_WORKLOAD_SETTINGS, casePointsWith } from '../../domain/allocation/index.ts'
import type { CaseStatus } from '../../domain/case-lifecycle/index.ts'
import { performancePaths as paths } from '../../web/paths.ts'
import { createTestApp, type TestApp } from '../../web/testing.ts'

/**
 * Workload as a senior and a contract manager would check it on 7 December 2026: each practitioner of the team by
 * name with cases, points and capacity (expected figures worked out from the team's cases in the database with the
 * default weights), a reduction lowering capacity and raising the alert above 110 %, settings appended and applied,
 * and bad input refused with nothing saved.
 */

const clock = fixedClock('2026-12-07T10:00:00Z')
let t: TestApp
let make: Factories
const db = () => t.handle.db

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
})
afterAll(() => t.close())

/** Pat's (NWS001's) open cases' points under the settings, from the database. */
async function patPoints(settings = DEFAULT_WORKLOAD_SETTINGS) {
  const pat = await findStaffPlacement(db(), 'NWS001')
  const people = await db()
    .selectFrom('people as p')
    .select(['p.id', 'p.case_status'])
    .where('p.managing_staff_id', '=', pat.id)
    .where('p.case_status', '<>', 'ended')
    .execute()
  let points = 0
  for (const p of people) {
    const tier = await db()
      .selectFrom('tier_calculations')
      .select('tier')
      .where('person_id', '=', p.id)
      .where('algorithm', 'like', 'tier-v2%')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    points += casePointsWith(settings, tier?.tier ?? null, CASE_TYPE[p.case_status as CaseStatus])
  }
  return { cases: people.length, points }
}

const rowOf = (body: string, name: string) => {
  const row =
    body
      .split('data-qa="practitioner"')
      .slice(1)
      .find(r => r.includes(name)) ?? ''
  const cell = (qa: string) => new RegExp(`data-qa="${qa}">([^<]*)<`).exec(row)?.[1] ?? ''
  return { row, cases: cell('cases'), points: cell('points'), capacity: cell('capacity'), percent: cell('percent') }
}

describe('workload', () => {
  it('lists the team by name (not by load) with cases, points and capacity from the default settings', async () => {
    const sam = await t.signIn('sam.senior')
    const page = await sam.get(paths.workload)
    expect(page.statusCode).toBe(200)
    const { cases, points } = await patPoints()
    const pat = rowOf(page.body, 'Pat Practitioner')
    expect(pat.cases).toBe(String(cases))
    expect(pat.points).toBe(String(points))
    expect(pat.capacity).toBe(String(37 * DEFAULT_WORKLOAD_SETTINGS.pointsPerHour.PO))
    const staff = await db()
      .selectFrom('staff')
      .select(['forename', 'surname'])
      .where('team_id', '=', Number((await findStaffPlacement(db(), 'NWS001')).team_id))
      .where('active', '=', true)
      .orderBy('surname')
      .orderBy('forename')
      .execute()
    const shown = [...page.body.matchAll(/data-qa="name">(?:<a [^>]*>)?([^<]+)</g)].map(m => m[1])
    expect(shown).toEqual(staff.map(s => `${s.forename} ${s.surname}`))
  })

  it('a reduction lowers capacity, and above 110 % the practitioner is flagged', async () => {
    const { points } = await patPoints()
    // Hours that leave Pat just over 110 %: capacity below points / 1.1.
    const hoursLeft = Math.floor(points / 1.1 / DEFAULT_WORKLOAD_SETTINGS.pointsPerHour.PO)
    const reduce = 37 - Math.max(hoursLeft, 1)
    const sam = await t.signIn('sam.senior')
    const before = await sam.get(paths.workload)
    expect(rowOf(before.body, 'Pat Practitioner').row).not.toContain('data-qa="over"')
    const saved = await sam.post(paths.reductions('NWS001'), {
      reason: 'other_duties',
      hours: String(reduce),
      'from-day': '1',
      'from-month': '12',
      'from-year': '2026',
    })
    expect(saved.statusCode).toBe(303)
    const after = await sam.get(paths.workload)
    const pat = rowOf(after.body, 'Pat Practitioner')
    const capacity = Math.round((37 - reduce) * DEFAULT_WORKLOAD_SETTINGS.pointsPerHour.PO)
    expect(pat.capacity).toBe(String(capacity))
    expect(pat.percent.trim()).toBe(`${Math.round((points / capacity) * 100)}%`)
    expect(pat.row).toContain('data-qa="over"')
    expect(after.body).toContain('data-qa="over-alert"')
    const history = await sam.get(paths.reductions('NWS001'))
    expect(history.body).toContain('Other duties')
  })

  it('bad reduction input is 400 with the fields named, and nothing is saved', async () => {
    const count = async () =>
      Number(
        (await db().selectFrom('workload_reductions').select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
      )
    const before = await count()
    const sam = await t.signIn('sam.senior')
    const bad = await sam.post(paths.reductions('NWS001'), {
      reason: 'holiday',
      hours: '40',
      'from-day': '31',
      'from-month': '2',
      'from-year': '2026',
    })
    expect(bad.statusCode).toBe(400)
    for (const field of ['#reason', '#hours', '#from-day']) expect(bad.body).toContain(field)
    expect(await count()).toBe(before)
  })

  it('a senior may not record reductions for another team, and a practitioner sees no workload', async () => {
    const sam = await t.signIn('sam.senior')
    expect((await sam.get(paths.reductions('CRC001'))).statusCode).toBe(403)
    const pat = await t.signIn('pat.practitioner')
    expect((await pat.get(paths.workload)).statusCode).toBe(403)
  })
})

describe('workload settings', () => {
  const form = (overrides: Record<string, string> = {}) => ({
    'tier-A': '80',
    'tier-B': '55',
    'tier-C': '40',
    'tier-D': '28',
    'change-level': '4',
    'factor-community': '1',
    'factor-licence': '1.25',
    'factor-custody': '0.5',
    'pph-PO': '130',
    'pph-PSO': '65',
    'pph-SPO': '20',
    'alert-percent': '110',
    'effective-day': '1',
    'effective-month': '12',
    'effective-year': '2026',
    reason: 'Test: points per hour for POs doubled',
    ...overrides,
  })

  it('a change appends a row, applies from its date and shows in the history', async () => {
    const morgan = await t.signIn('morgan.contracts')
    const rows = async () => (await db().selectFrom('workload_settings').select('id').execute()).length
    const before = await rows()
    const saved = await morgan.post(paths.workloadSettings, form())
    expect(saved.statusCode).toBe(303)
    expect(await rows()).toBe(before + 1)
    const future = await morgan.post(
      paths.workloadSettings,
      form({ 'pph-PO': '10', 'effective-year': '2027', reason: 'Next year' }),
    )
    expect(future.statusCode).toBe(303)
    expect(await rows()).toBe(before + 2)
    const page = await morgan.get(`${paths.workload}?team=${(await findStaffPlacement(db(), 'NWS001')).team_id}`)
    const reduced = await db()
      .selectFrom('workload_reductions')
      .select(db().fn.sum<string>('hours_per_week').as('h'))
      .where('staff_id', '=', (await findStaffPlacement(db(), 'NWS001')).id)
      .executeTakeFirstOrThrow()
    const hours = 37 - Number(reduced.h ?? 0)
    expect(rowOf(page.body, 'Pat Practitioner').capacity).toBe(String(Math.round(hours * 130)))
    const settings = await morgan.get(paths.workloadSettings)
    expect(settings.body).toContain('Test: points per hour for POs doubled')
    expect(settings.body).toContain('Next year')
  })

  it('bad settings are 400 naming the fields, nothing appended; a senior cannot change them', async () => {
    const morgan = await t.signIn('morgan.contracts')
    const rows = async () => (await db().selectFrom('workload_settings').select('id').execute()).length
    const before = await rows()
    const bad = await morgan.post(paths.workloadSettings, form({ 'tier-A': 'lots', 'alert-percent': '20', reason: '' }))
    expect(bad.statusCode).toBe(400)
    for (const field of ['#tier-A', '#alert-percent', '#reason']) expect(bad.body).toContain(field)
    expect(await rows()).toBe(before)
    const sam = await t.signIn('sam.senior')
    expect((await sam.post(paths.workloadSettings, form())).statusCode).toBe(403)
    expect(await rows()).toBe(before)
    expect(make).toBeTruthy()
  })
})
