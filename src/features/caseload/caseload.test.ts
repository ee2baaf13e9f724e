import { clockFrom } from '../../clock.ts'
import { LocalDate } from '@js-joda/core'
import type { KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'
import { insertPerson } from '../people/queries.ts'
import { createSupervisionService } from '../supervision/service.ts'
import { londonDate } from '../supervision/time.ts'
import { createCaseloadService, parseCaseloadQuery } from './service.ts'

// Demo region (src/seed/demo.ts): pat.practitioner (NWS001, Northtown Team A) manages, among others, X100014 (index
// 13), X100002 (index 1), X100011 (index 10) and X100017 (index 16); X100005 (index 4) is theirs but excluded from
// them, X100009 (index 8) is theirs but restricted to sam.senior. Every fourth person (X100004, X100008 …, index % 4 == 3)
// is the contracted provider's, managed by alex.crc.
const CRN = 'X100014'
const today = LocalDate.parse(londonDate(new Date()))
const orderStart = today.minusDays(60)

let t: TestApp
let pat: TestBrowser
let sam: TestBrowser
let alex: TestBrowser
let patStaffId: number
let eventId: number

const db = () => t.handle.db
const personId = async (crn: string) =>
  (await db().selectFrom('people').select('id').where('crn', '=', crn).executeTakeFirstOrThrow()).id
/** The CRNs of the caseload rows in page order. */
const rowCrns = (html: string) => [...html.matchAll(/data-qa="caseload-row-([A-Z][0-9]{6})"/g)].map(m => m[1])
const section = (html: string, qa: string) => {
  const start = html.indexOf(`data-qa="${qa}"`)
  return start < 0 ? '' : html.slice(start).split('</table>')[0]
}
const dateFields = (name: string, d: LocalDate) => ({
  [`${name}-day`]: String(d.dayOfMonth()),
  [`${name}-month`]: String(d.monthValue()),
  [`${name}-year`]: String(d.year()),
})

async function setTier(crn: string, tier: string) {
  await db()
    .insertInto('tier_calculations')
    .values({
      person_id: await personId(crn),
      algorithm: 'tier-v2-protect-change',
      algorithm_version: 't',
      calculated_on: today.toString(),
      tier,
      inputs: '{}',
      output: '{}',
    })
    .execute()
}

/** Records an outcome through the supervision pages (and so its service and enforcement rules). */
async function recordOutcome(contactId: number, outcome: string) {
  const page = await pat.get(`/people/${CRN}/appointments/${contactId}`)
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]
  const response = await pat.post(`/people/${CRN}/appointments/${contactId}/outcome`, { outcome, notes: '', version })
  expect(response.statusCode).toBe(303)
}

beforeAll(async () => {
  t = await createTestApp()
  pat = await t.signIn('pat.practitioner')
  sam = await t.signIn('sam.senior')
  alex = await t.signIn('alex.crc')
  patStaffId = (await db().selectFrom('staff').select('id').where('code', '=', 'NWS001').executeTakeFirstOrThrow()).id
  // X100014 gets a community order that started 60 days ago (its own event, whatever the demo seed recorded).
  const id = await personId(CRN)
  const last = await db()
    .selectFrom('events')
    .select(db().fn.max('event_number').as('n'))
    .where('person_id', '=', id)
    .executeTakeFirst()
  eventId = (
    await db()
      .insertInto('events')
      .values({
        person_id: id,
        event_number: Number(last?.n ?? 0) + 1,
        status: 'sentenced',
        conviction_date: orderStart.toString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db()
    .insertInto('sentences')
    .values({
      person_id: id,
      event_id: eventId,
      sentence_type: 'community_order',
      sentence_date: orderStart.toString(),
      length_value: 12,
      length_unit: 'months',
      start_date: orderStart.toString(),
      expected_end_date: today.plusDays(300).toString(),
    })
    .execute()
  await db().updateTable('people').set({ case_status: 'allocated' }).where('id', '=', id).execute()
  // Weekly from a week ago, early in the morning: two have happened by now, one is next week.
  const arranged = await pat.post(`/people/${CRN}/appointments`, {
    type: 'OFFICE',
    link: `event:${eventId}`,
    staffId: String(patStaffId),
    location: 'Northtown probation office',
    ...dateFields('date', today.minusDays(7)),
    time: '00:01',
    duration: '30',
    repeat: 'weekly',
    occurrences: '3',
    notes: '',
  })
  expect(arranged.statusCode).toBe(303)
})
afterAll(() => t?.close())

const appointmentsOf = async (crn: string) =>
  db()
    .selectFrom('contacts')
    .select(['id', 'starts_at'])
    .where('person_id', '=', await personId(crn))
    .where('is_appointment', '=', true)
    .orderBy('starts_at')
    .execute()

describe('my caseload', () => {
  it('sorts by tier and name, both ways, and filters by tier, RoSH and flags with plain GET parameters', async () => {
    await setTier('X100002', 'A3')
    await setTier('X100017', 'D0')
    const asc = rowCrns((await pat.get('/caseload?sort=tier&order=asc')).body)
    expect(asc.indexOf('X100002')).toBeLessThan(asc.indexOf('X100017'))
    const desc = rowCrns((await pat.get('/caseload?sort=tier&order=desc')).body)
    expect(desc.indexOf('X100017')).toBeLessThan(desc.indexOf('X100002'))

    const byName = await pat.get('/caseload?sort=name')
    const names = [
      ...byName.body.matchAll(
        /data-qa="caseload-row-[A-Z0-9]+" data-crn="[A-Z0-9]+">\s*<td class="govuk-table__cell"><a class="govuk-link" href="\/people\/[A-Z0-9]+">([^<]+)</g,
      ),
    ].map(m => m[1])
    expect(names.length).toBeGreaterThan(5)
    const surnames = names.map(n => n.split(' ').slice(-1)[0])
    expect(surnames).toEqual([...surnames].sort((a, b) => a.localeCompare(b)))
    // The header links keep the filters and flip the order of the active column.
    expect(byName.body).toContain('href="/caseload?sort=name&amp;order=desc"')

    const tierA = rowCrns((await pat.get('/caseload?tier=A')).body)
    expect(tierA).toContain('X100002')
    expect(tierA).not.toContain('X100017')
    const tierAD = rowCrns((await pat.get('/caseload?tier=A&tier=D')).body)
    expect(tierAD).toEqual(expect.arrayContaining(['X100002', 'X100017']))

    await db()
      .insertInto('rosh_assessments')
      .values({
        person_id: await personId('X100017'),
        assessment_date: today.toString(),
        public_level: 'very_high',
        known_adult_level: 'low',
        children_level: 'low',
        staff_level: 'low',
        overall_level: 'very_high',
      })
      .execute()
    const veryHigh = await pat.get('/caseload?rosh=very_high')
    expect(rowCrns(veryHigh.body)).toContain('X100017')
    expect(rowCrns(veryHigh.body)).not.toContain('X100002')
    const byRosh = rowCrns((await pat.get('/caseload?sort=rosh')).body)
    expect(byRosh[0]).toBe('X100017')

    // X100014 has two past appointments without an outcome.
    const overdue = await pat.get('/caseload?flag=overdue-outcome')
    expect(rowCrns(overdue.body)).toEqual([CRN])
    const row = overdue.body.slice(overdue.body.indexOf(`data-qa="caseload-row-${CRN}"`)).split('</tr>')[0]
    expect(row).toContain('2 outcomes to record')
    const next = await pat.get('/caseload?sort=next')
    expect(rowCrns(next.body)[0]).toBe(CRN)
    // Unknown values are ignored, not an error.
    expect((await pat.get('/caseload?sort=nonsense&tier=Z')).statusCode).toBe(200)
  })

  it('masks limited-access cases with the reason and never shows their details; audits the CRNs shown', async () => {
    const page = await pat.get('/caseload')
    expect(page.statusCode).toBe(200)
    const masked = [...page.body.matchAll(/data-qa="masked-row" data-crn="([A-Z0-9]+)"/g)].map(m => m[1])
    expect(masked.sort()).toEqual(['X100005', 'X100009'])
    expect(page.body).toContain('You are excluded from this case because of a conflict of interest.')
    expect(page.body).toContain('This case is restricted. Contact the Northtown Team A senior.')
    expect(page.body).not.toContain('href="/people/X100005"')
    expect(page.body).not.toContain('href="/people/X100009"')
    for (const crn of ['X100005', 'X100009']) {
      const p = await db()
        .selectFrom('people')
        .select(['forename', 'surname'])
        .where('crn', '=', crn)
        .executeTakeFirstOrThrow()
      const maskedRow = page.body.slice(page.body.indexOf(`data-crn="${crn}"`)).split('</tr>')[0]
      expect(maskedRow).not.toContain(p.surname)
    }
    // Filtering would reveal what a masked case matches, so masked rows are left out of filtered lists.
    expect((await pat.get('/caseload?tier=none')).body).not.toContain('data-qa="masked-row"')
    const audit = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'CASELOAD_VIEW')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const detail = (typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail) as { crns: string[] }
    expect(detail.crns).not.toContain('X100005')
    expect(detail.crns).toContain(CRN)
  })

  it('never shows another provider’s cases', async () => {
    const patCrns = rowCrns((await pat.get('/caseload')).body)
    const crc = await db()
      .selectFrom('people')
      .innerJoin('providers', 'providers.id', 'people.managing_provider_id')
      .select('people.crn')
      .where('providers.kind', '!=', 'public')
      .execute()
    expect(crc.length).toBeGreaterThan(0)
    for (const { crn } of crc) expect(patCrns).not.toContain(crn)
    const alexCrns = rowCrns((await alex.get('/caseload')).body)
    expect(alexCrns.length).toBeGreaterThan(0)
    expect(alexCrns.every(c => crc.some(r => r.crn === c))).toBe(true)
    // A senior cannot open another provider's team; a practitioner has no team view.
    expect((await sam.get('/team?team=CRC-NW-E-1')).statusCode).toBe(403)
    expect((await alex.get('/team')).statusCode).toBe(403)
  })
})

describe('my day', () => {
  it('shows today’s appointment needing an outcome, then the enforcement action due once an absence is recorded', async () => {
    const [first, second, third] = await appointmentsOf(CRN)
    const before = await pat.get('/my-day')
    expect(before.statusCode).toBe(200)
    expect(section(before.body, 'needing-outcome')).toContain(`href="/people/${CRN}/appointments/${first.id}"`)
    expect(section(before.body, 'needing-outcome')).toContain(`href="/people/${CRN}/appointments/${second.id}"`)
    expect(section(before.body, 'today')).toContain(`href="/people/${CRN}/appointments/${second.id}"`)
    expect(section(before.body, 'upcoming')).toContain(`href="/people/${CRN}/appointments/${third.id}"`)

    await recordOutcome(first.id, 'unacceptable_absence')
    const after = await pat.get('/my-day')
    expect(section(after.body, 'needing-outcome')).not.toContain(`appointments/${first.id}"`)
    const actions = section(after.body, 'actions-due')
    expect(actions).toMatch(
      new RegExp(`data-qa="action" data-type="warning_letter" data-crn="${CRN}" data-due="\\d{4}-\\d{2}-\\d{2}"`),
    )
    expect(actions).toContain('Their 7 days to explain')
    expect(actions).toMatch(/data-qa="clock"[^>]*>\s*(Due today|\d+ working days? left|Overdue by \d+ working days?)/)
    // The home page and the navigation link to it.
    expect((await pat.get('/')).body).toContain('href="/my-day"')
  })

  it('puts what needs attention first on the case overview', async () => {
    const page = await pat.get(`/people/${CRN}`)
    expect(page.statusCode).toBe(200)
    const panel = page.body.indexOf('data-qa="needs-attention"')
    expect(panel).toBeGreaterThan(0)
    expect(panel).toBeLessThan(page.body.indexOf('Personal details'))
    const attention = page.body.slice(panel).split('</ul>')[0]
    expect(attention).toContain('data-qa="attention-outcome"')
    expect(attention).toContain('data-qa="attention-action"')
    expect(attention).toContain('Send the warning letter')
    // An overdue registration review shows too.
    await db()
      .insertInto('registrations')
      .values({
        person_id: await personId(CRN),
        type_code: 'MAPP',
        mappa_category: 1,
        mappa_level: 1,
        registered_date: today.minusMonths(8).toString(),
        next_review_date: today.minusDays(3).toString(),
      })
      .execute()
    expect((await pat.get(`/people/${CRN}`)).body).toContain('data-qa="attention-review"')
  })
})

describe('the senior’s team view', () => {
  it('shows the breach a practitioner opened, the team’s actions and each practitioner’s workload, masking limited-access cases', async () => {
    const [, second] = await appointmentsOf(CRN)
    await recordOutcome(second.id, 'unacceptable_absence')
    expect(
      await db()
        .selectFrom('breaches')
        .select('kind')
        .where('person_id', '=', await personId(CRN))
        .execute(),
    ).toEqual([{ kind: 'breach' }])
    // One of team A's cases is excluded from sam.senior.
    const samId = (
      await db().selectFrom('users').select('id').where('username', '=', 'sam.senior').executeTakeFirstOrThrow()
    ).id
    await db()
      .insertInto('access_limitations')
      .values({ person_id: await personId('X100011'), kind: 'exclusion', user_id: samId, reason: 'Test' })
      .execute()

    const page = await sam.get('/team')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Northtown Team A')
    expect(section(page.body, 'team-breaches')).toMatch(
      new RegExp(`data-qa="breach" data-crn="${CRN}" data-kind="breach" data-status="initiated"`),
    )
    expect(section(page.body, 'team-breaches')).toContain(`href="/people/${CRN}/enforcement"`)
    const actions = section(page.body, 'team-actions')
    for (const type of ['breach_letter', 'breach_pack', 'court_hearing'])
      expect(actions).toContain(`data-type="${type}" data-crn="${CRN}"`)
    const workload = section(page.body, 'workload')
    expect(workload).toMatch(/data-qa="practitioner-NWS001"[\s\S]*?data-qa="cases">(\d+)</)
    const cases = Number(/data-qa="practitioner-NWS001"[\s\S]*?data-qa="cases">(\d+)</.exec(workload)![1])
    expect(cases).toBeGreaterThan(5)
    expect(rowCrns(page.body)).toContain(CRN)
    expect(page.body).toContain('data-qa="masked-row" data-crn="X100011"')
    expect(page.body).not.toContain('href="/people/X100011"')
    expect(section(page.body, 'caseload')).toContain('data-qa="breach"')
    // Filters work on the team caseload too.
    expect(rowCrns((await sam.get('/team?team=PS-NW-N-A&flag=breach')).body)).toEqual([CRN])
    const audit = await db()
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'TEAM_VIEW')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    const detail = (typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail) as {
      team: string
      crns: string[]
    }
    expect(detail).toMatchObject({ team: 'PS-NW-N-A', crns: [CRN] })
  })
})

describe('a caseload of 60', () => {
  it('is read in a fixed number of queries, whatever its size', async () => {
    // Give pat.practitioner 60 open cases with appointments, tiers and RoSH.
    const npsTeamA = (
      await db().selectFrom('teams').select('id').where('code', '=', 'PS-NW-N-A').executeTakeFirstOrThrow()
    ).id
    const provider = (
      await db().selectFrom('staff').select('provider_id').where('id', '=', patStaffId).executeTakeFirstOrThrow()
    ).provider_id
    const current = await db()
      .selectFrom('people')
      .select('id')
      .where('managing_staff_id', '=', patStaffId)
      .where('case_status', '!=', 'ended')
      .execute()
    const extra: number[] = []
    for (let i = current.length; i < 60; i++) {
      const { id } = await insertPerson(
        db(),
        {
          forename: 'Bench',
          surname: `Case ${i}`,
          date_of_birth: '1990-01-01',
          gender: 'not_known',
          managing_provider_id: provider,
          managing_team_id: npsTeamA,
          managing_staff_id: patStaffId,
        },
        'X',
      )
      await db().updateTable('people').set({ case_status: 'allocated' }).where('id', '=', id).execute()
      await db()
        .insertInto('case_managers')
        .values({ person_id: id, provider_id: provider!, team_id: npsTeamA, staff_id: patStaffId, reason: 'Test' })
        .execute()
      extra.push(id)
    }
    const ids = [...current.map(p => p.id), ...extra]
    for (const id of ids) {
      await db()
        .insertInto('contacts')
        .values([
          {
            person_id: id,
            contact_type: 'OFFICE',
            is_appointment: true,
            starts_at: new Date(Date.now() - 86_400_000 * 3),
            staff_id: patStaffId,
          },
          {
            person_id: id,
            contact_type: 'OFFICE',
            is_appointment: true,
            starts_at: new Date(Date.now() + 86_400_000 * 3),
            staff_id: patStaffId,
          },
        ])
        .execute()
    }
    let queries = 0
    const counter: KyselyPlugin = {
      transformQuery: args => {
        queries++
        return args.node
      },
      transformResult: async args => args.result,
    }
    const counted = db().withPlugin(counter)
    const deps = { db: counted, clock: clockFrom(() => new Date()), config: t.config }
    const service = createCaseloadService({ ...deps, supervision: createSupervisionService(deps) })
    const user = await db()
      .selectFrom('users')
      .leftJoin('staff', 'staff.id', 'users.staff_id')
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.roles',
        'users.staff_id',
        'staff.provider_id',
        'staff.team_id',
      ])
      .where('username', '=', 'pat.practitioner')
      .executeTakeFirstOrThrow()
    const ctx = {
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        roles: user.roles as never,
        staffId: user.staff_id,
        providerId: user.provider_id,
        teamId: user.team_id,
        via: 'session' as const,
      },
      requestId: 'bench',
      ip: null,
    }
    const started = performance.now()
    const view = await service.caseload(ctx, parseCaseloadQuery({ sort: 'next' }))
    const ms = performance.now() - started
    expect(view.total).toBe(60)
    // One caseload statement, one for the access facts of all 60, one audit row.
    expect(queries).toBe(3)
    console.info(`caseload of ${view.total}: ${queries} queries, ${ms.toFixed(0)} ms (${t.handle.kind})`)
  })
})
