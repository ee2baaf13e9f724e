import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFactories, type Factories } from '../../../test/factories/index.ts'
import { findStaffPlacement, findUserId } from '../../../test/factories/queries.ts'
import { fixedClock } from '../../clock.ts'
import { partnerServicesPaths as paths } from '../../web/paths.ts'
import { createTestApp, type TestApp, type TestBrowser } from '../../web/testing.ts'

/**
 * Monitoring for contract managers as they would check it on Monday 7 December 2026 (default period: 7 September to
 * 7 December): referrals inserted directly with their sessions (one corrected) and end-of-service reports, from two
 * providers; the expected figures are worked out here from the same fixtures. A senior sees their own provider's
 * referrals only; a practitioner is refused; a bad period names its field; the CSV has the page's figures.
 */

const TODAY = '2026-12-07'
const clock = fixedClock(`${TODAY}T10:00:00Z`)
let t: TestApp
let make: Factories
let morgan: TestBrowser
const db = () => t.handle.db

type Status = 'sent' | 'accepted' | 'declined' | 'in_progress' | 'completed' | 'withdrawn'
interface Fixture {
  service: 'Accommodation support' | 'Women’s centre'
  by: 'pat.practitioner' | 'alex.crc'
  status: Status
  sent: string
  accepted?: string
  /** Sessions: date and attendance; `corrected` replaces the record of the session before it. */
  sessions?: { date: string; attended: 'yes' | 'late' | 'no'; corrects?: boolean }[]
  outcomes?: ('achieved' | 'partially_achieved' | 'not_achieved')[]
}

const FIXTURES: Fixture[] = [
  {
    service: 'Accommodation support',
    by: 'pat.practitioner',
    status: 'completed',
    sent: '2026-10-01',
    accepted: '2026-10-03',
    sessions: [
      { date: '2026-10-08', attended: 'yes' },
      { date: '2026-10-15', attended: 'no' },
      { date: '2026-10-15', attended: 'late', corrects: true },
    ],
    outcomes: ['achieved', 'partially_achieved'],
  },
  {
    service: 'Accommodation support',
    by: 'pat.practitioner',
    status: 'in_progress',
    sent: '2026-10-10',
    accepted: '2026-10-14',
    sessions: [{ date: '2026-10-20', attended: 'no' }],
  },
  { service: 'Accommodation support', by: 'pat.practitioner', status: 'declined', sent: '2026-11-01' },
  { service: 'Women’s centre', by: 'pat.practitioner', status: 'withdrawn', sent: '2026-11-05' },
  // Before the default period.
  {
    service: 'Accommodation support',
    by: 'pat.practitioner',
    status: 'accepted',
    sent: '2026-08-01',
    accepted: '2026-08-02',
  },
  { service: 'Accommodation support', by: 'alex.crc', status: 'accepted', sent: '2026-11-10', accepted: '2026-11-11' },
]

const STAFF = { 'pat.practitioner': 'NWS001', 'alex.crc': 'CRC001' } as const

async function insertFixture(f: Fixture, n: number) {
  const service = await db()
    .selectFrom('partner_services')
    .select(['id', 'organisation_id'])
    .where('name', '=', f.service)
    .executeTakeFirstOrThrow()
  const staff = await findStaffPlacement(db(), STAFF[f.by])
  const person = await make.person({ allocatedTo: STAFF[f.by] })
  const { id } = await db()
    .insertInto('referrals')
    .values({
      reference: `MON${String(n).padStart(5, '0')}`,
      person_id: person.personId,
      service_id: service.id,
      organisation_id: service.organisation_id,
      provider_id: staff.provider_id,
      status: f.status,
      reason: 'Needs support',
      completion_deadline: '2027-03-01',
      shared: JSON.stringify({}),
      referred_by: await findUserId(db(), f.by),
      sent_at: new Date(`${f.sent}T10:00:00Z`),
      accepted_at: f.accepted ? new Date(`${f.accepted}T10:00:00Z`) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  let previous: number | null = null
  let number = 0
  for (const s of f.sessions ?? []) {
    if (!s.corrects) number++
    const row: { id: number } = await db()
      .insertInto('referral_sessions')
      .values({
        referral_id: id,
        session_number: number,
        session_date: s.date,
        start_time: '10:00',
        end_time: '11:00',
        attended: s.attended,
        replaces_id: s.corrects ? previous : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    previous = row.id
  }
  if (f.outcomes)
    await db()
      .insertInto('referral_end_of_service_reports')
      .values({
        referral_id: id,
        outcomes: JSON.stringify(f.outcomes.map((achievement, i) => ({ outcomeId: i + 1, achievement }))),
      })
      .execute()
}

/** The figures' cells expected for a group of fixtures, worked out from them (as the CSV and page show them). */
function expectedCells(group: Fixture[]): string[] {
  const count = (s: Status) => group.filter(f => f.status === s).length
  const accepted = group.filter(f => f.accepted)
  const declined = count('declined')
  const days = (a: string, b: string) => LocalDate.parse(a).until(LocalDate.parse(b)).days()
  const toAccept = accepted
    .map(f => LocalDate.parse(f.sent).until(LocalDate.parse(f.accepted!)).days())
    .sort((a, b) => a - b)
  const mid = Math.floor(toAccept.length / 2)
  const median = !toAccept.length
    ? ''
    : String(toAccept.length % 2 ? toAccept[mid] : (toAccept[mid - 1]! + toAccept[mid]!) / 2)
  const current = group.flatMap(f => (f.sessions ?? []).filter((s, i, all) => !all[i + 1]?.corrects))
  const waits = group.filter(f => f.sessions?.length).map(f => days(f.sent, f.sessions![0]!.date))
  const attended = current.filter(s => s.attended !== 'no').length
  const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : '')
  const outcomes = group.flatMap(f => f.outcomes ?? [])
  return [
    String(group.length),
    String(accepted.length),
    String(declined),
    String(count('withdrawn')),
    String(count('completed')),
    pct(accepted.length, accepted.length + declined),
    median,
    waits.length ? String(Math.round((waits.reduce((a, b) => a + b, 0) / waits.length) * 10) / 10) : '',
    String(current.length),
    String(attended),
    pct(attended, current.length),
    ...(['achieved', 'partially_achieved', 'not_achieved'] as const).map(a =>
      String(outcomes.filter(o => o === a).length),
    ),
  ]
}

const inDefaultPeriod = (f: Fixture) => f.sent >= '2026-09-07' && f.sent <= TODAY

/** The CSV's rows as cells (no cell here holds a comma or a quote). */
const csvRows = (body: string) =>
  body
    .trim()
    .split('\r\n')
    .map(line => line.split(','))

beforeAll(async () => {
  t = await createTestApp({ clock })
  make = createFactories(t.handle.db, { clock })
  morgan = await t.signIn('morgan.contracts')
  for (const [i, f] of FIXTURES.entries()) await insertFixture(f, i + 1)
}, 120_000)
afterAll(() => t.close())

describe('monitoring', () => {
  it('counts the period’s referrals per service, per organisation and in all, as page and CSV', async () => {
    const page = await morgan.get(paths.monitoring)
    expect(page.statusCode).toBe(200)
    const csv = await morgan.get(paths.monitoringCsv)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const rows = csvRows(csv.body)
    const figures = (level: string, name: string) => rows.find(r => r[0] === level && r[1] === name)?.slice(5, 19)

    const period = FIXTURES.filter(inDefaultPeriod)
    const accommodation = period.filter(f => f.service === 'Accommodation support')
    expect(figures('Service', 'Accommodation support')).toEqual(expectedCells(accommodation))
    expect(figures('Service', 'Women’s centre')).toEqual(
      expectedCells(period.filter(f => f.service === 'Women’s centre')),
    )
    expect(figures('Organisation', 'Northtown Housing Trust (demo)')).toEqual(expectedCells(accommodation))
    expect(figures('All', 'All referrals')).toEqual(expectedCells(period))
    // The corrected session counts once, as corrected: 3 current records, 2 attended.
    expect(expectedCells(accommodation).slice(8, 11)).toEqual(['3', '2', '67%'])

    const closed = rows.find(r => r[0] === 'Closed to referrals')
    expect(closed?.[1]).toBe('Employment and skills')
    expect(rows.find(r => r[0] === 'Funding ending')?.at(-1)).toBe('2027-02-28')

    const table = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(table).toContain(
      `Accommodation support Northtown Housing Trust (demo), waiting 1 week ${expectedCells(accommodation).filter(Boolean).join(' ')}`,
    )
    expect(table).toContain('Employment and skills (Easton Skills Mutual (demo)): Our funding ends in February')
    expect(table).not.toContain('Pat Practitioner')
  })

  it('narrows to a period, a team and a partner organisation', async () => {
    const q = 'from-day=1&from-month=8&from-year=2026&to-day=31&to-month=10&to-year=2026'
    const early = csvRows((await morgan.get(`${paths.monitoringCsv}?${q}`)).body)
    const inRange = FIXTURES.filter(f => f.sent >= '2026-08-01' && f.sent <= '2026-10-31')
    expect(early.find(r => r[0] === 'All')?.slice(5, 19)).toEqual(expectedCells(inRange))

    const teamA = (await findStaffPlacement(db(), 'NWS001')).team_id
    const team = csvRows((await morgan.get(`${paths.monitoringCsv}?team=${teamA}`)).body)
    const pats = FIXTURES.filter(f => inDefaultPeriod(f) && f.by === 'pat.practitioner')
    expect(team.find(r => r[0] === 'All')?.slice(5, 19)).toEqual(expectedCells(pats))

    const wwc = await db()
      .selectFrom('partner_organisations')
      .select('id')
      .where('code', '=', 'WWC')
      .executeTakeFirstOrThrow()
    const women = csvRows((await morgan.get(`${paths.monitoringCsv}?organisation=${wwc.id}`)).body)
    expect(women.filter(r => r[0] === 'Service').map(r => r[1])).toEqual(['Women’s centre'])
    expect(women.find(r => r[0] === 'All')?.slice(5, 19)).toEqual(
      expectedCells(FIXTURES.filter(f => inDefaultPeriod(f) && f.service === 'Women’s centre')),
    )
  })

  it("shows a senior their own provider's referrals only, whichever provider they ask for", async () => {
    const sam = await t.signIn('sam.senior')
    const crc = (await findStaffPlacement(db(), 'CRC001')).provider_id
    const rows = csvRows((await sam.get(`${paths.monitoringCsv}?provider=${crc}`)).body)
    const own = FIXTURES.filter(f => inDefaultPeriod(f) && f.by === 'pat.practitioner')
    expect(rows.find(r => r[0] === 'All')?.slice(5, 19)).toEqual(expectedCells(own))
    const page = await sam.get(paths.monitoring)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('name="provider"')
  })

  it('refuses a bad period by field, and anyone without partners:monitor', async () => {
    const bad = await morgan.get(
      `${paths.monitoring}?from-day=1&from-month=12&from-year=2026&to-day=1&to-month=11&to-year=2026`,
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('href="#to-day"')
    expect(bad.body).toContain('The end of the period must be on or after its start')
    expect((await morgan.get(`${paths.monitoringCsv}?from-day=31&from-month=2&from-year=2026`)).statusCode).toBe(400)
    const pat = await t.signIn('pat.practitioner')
    expect((await pat.get(paths.monitoring)).statusCode).toBe(403)
    expect((await pat.get(paths.monitoringCsv)).statusCode).toBe(403)
  })
})
