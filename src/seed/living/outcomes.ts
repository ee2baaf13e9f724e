import { LocalDate } from '@js-joda/core'
import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { importConvictionsExtract } from '../../features/outcomes/index.ts'
import { loadCurrentUser } from '../../web/plugins/authentication.ts'
import { hash32, rng, type Rng } from '../national/prng.ts'

/**
 * Past proven reoffending cohorts for the demo (issue 19 item 2), so contract statements and the public outcomes
 * dashboard show figures: for each of the seven quarters before today's (2025 Q1 to 2026 Q3 when today is in
 * 2026 Q4; the latest ones provisional), people whose community sentence began or who were released from custody in
 * that quarter, in three teams: Northtown team A (PS-NW, about 34 a quarter), Northtown team B (PS-NW, 6 a quarter: a
 * group small enough to be suppressed) and Easton team 1 (CRC-NW, about 33). Their cases have ended and no one
 * manages them now (they stay out of caseloads and the allocation queue); each has an OGRS3 score. Their later
 * convictions and cautions arrive as a real PNC extract import by morgan.contracts (`importConvictionsExtract`), which
 * also shows each other outcome of a reconciliation: a conviction already held from court, an unknown CRN and a row
 * with an unknown disposal. About 40 % of each finished cohort reoffends. CRNs are `A` and six digits (a letter the national seed never uses).
 */

const TEAMS: readonly (readonly [string, number])[] = [
  ['PS-NW-N-A', 34],
  ['PS-NW-N-B', 6],
  ['CRC-NW-E-1', 33],
]
const OFFENCES = ['10501', '10502', '11800', '12500', '05800', '10400', '09200', '19400']

interface Made {
  personId: number
  crn: string
  index: LocalDate
  offenceCode: string
  offenceDate: string
  convictionDate: string
}

/** The seven quarters before today's: [first day, last day]. */
export function pastQuarters(today: LocalDate, count = 7): [LocalDate, LocalDate][] {
  const thisQuarter = LocalDate.of(today.year(), Math.floor((today.monthValue() - 1) / 3) * 3 + 1, 1)
  return Array.from({ length: count }, (_, k) => {
    const from = thisQuarter.minusMonths(3 * (count - k))
    return [from, from.plusMonths(3).minusDays(1)]
  })
}

async function teamIds(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'code'])
    .where(
      'code',
      'in',
      TEAMS.map(([code]) => code),
    )
    .execute()
  return new Map(rows.map(r => [r.code, Number(r.id)]))
}

/** One person of a cohort: their record and what the seed inserts for them. */
function personOf(r: Rng, n: number, teamId: number, from: LocalDate, to: LocalDate) {
  const span = to.toEpochDay() - from.toEpochDay()
  const index = LocalDate.ofEpochDay(from.toEpochDay() + r.int(0, span))
  const released = r.chance(0.3)
  const conviction = released ? index.minusDays(r.int(180, 720)) : index.minusDays(r.int(0, 21))
  const offence = conviction.minusDays(r.int(10, 150))
  return {
    crn: `A${String(100000 + n)}`,
    teamId,
    released,
    index,
    conviction,
    offence,
    offenceCode: r.pick(OFFENCES),
    score: r.int(12, 88),
  }
}

type Planned = ReturnType<typeof personOf>

async function insertPeople(db: Kysely<Database>, planned: Planned[]): Promise<number[]> {
  const people = await db
    .insertInto('people')
    .values(
      planned.map((p, k) => ({
        crn: p.crn,
        forename: ['Sam', 'Alex', 'Jo', 'Chris', 'Robin', 'Kit'][k % 6],
        surname: `Cohort${String(k).padStart(3, '0')}`,
        date_of_birth: LocalDate.of(1970 + (k % 35), (k % 12) + 1, (k % 27) + 1).toString(),
        gender: k % 5 === 0 ? ('female' as const) : ('male' as const),
        pnc: `2019/${String(700000 + k).padStart(7, '0')}Q`,
        managing_team_id: p.teamId,
        case_status: 'ended' as const,
      })),
    )
    .returning('id')
    .execute()
  return people.map(p => Number(p.id))
}

async function insertRecords(db: Kysely<Database>, planned: Planned[], ids: number[]) {
  const events = await db
    .insertInto('events')
    .values(
      planned.map((p, k) => ({
        person_id: ids[k],
        event_number: 1,
        status: 'terminated' as const,
        conviction_date: p.conviction.toString(),
      })),
    )
    .returning('id')
    .execute()
  await db
    .insertInto('offences')
    .values(
      planned.map((p, k) => ({
        person_id: ids[k],
        event_id: events[k].id,
        offence_code: p.offenceCode,
        offence_date: p.offence.toString(),
        is_main: true,
      })),
    )
    .execute()
  const sentences = await db
    .insertInto('sentences')
    .values(
      planned.map((p, k) => ({
        person_id: ids[k],
        event_id: events[k].id,
        sentence_type: p.released ? ('custodial' as const) : ('community_order' as const),
        sentence_date: (p.released ? p.conviction : p.index).toString(),
        length_value: p.released ? 24 : 12,
        length_unit: 'months' as const,
        start_date: (p.released ? p.conviction : p.index).toString(),
      })),
    )
    .returning('id')
    .execute()
  await insertReleases(
    db,
    planned,
    ids,
    sentences.map(s => Number(s.id)),
  )
  await db
    .insertInto('risk_scores')
    .values(
      planned.map((p, k) => ({
        person_id: ids[k],
        algorithm: 'OGRS3',
        algorithm_version: '3',
        calculated_on: p.conviction.toString(),
        score: p.score,
        band: p.score >= 90 ? 'very_high' : p.score >= 75 ? 'high' : p.score >= 50 ? 'medium' : 'low',
        inputs: '{}',
        output: JSON.stringify({ twoYearPercent: p.score }),
      })),
    )
    .execute()
}

async function insertReleases(db: Kysely<Database>, planned: Planned[], ids: number[], sentenceIds: number[]) {
  const released = planned.flatMap((p, k) => (p.released ? [{ p, personId: ids[k], sentenceId: sentenceIds[k] }] : []))
  if (!released.length) return
  const records = await db
    .insertInto('custody_records')
    .values(
      released.map(({ p, personId, sentenceId }, k) => ({
        person_id: personId,
        sentence_id: sentenceId,
        prison_number: `L${String(1000 + k).slice(-4)}CH`,
        reception_date: p.conviction.toString(),
        released_on: p.index.toString(),
        release_type: 'automatic',
      })),
    )
    .returning('id')
    .execute()
  await db
    .insertInto('custody_releases')
    .values(
      released.map(({ p, personId }, k) => ({
        custody_record_id: records[k].id,
        person_id: personId,
        released_on: p.index.toString(),
        release_type: 'automatic',
        first_appointment_due: p.index.plusDays(1).toString(),
      })),
    )
    .execute()
}

const HEADER = 'pncKey,pnc,crn,disposal,offenceCode,description,offenceDate,provenDate,provenBy'

/** The extract: each person's later convictions and cautions known by today, and one row of each other outcome. */
function extractOf(made: Made[], today: LocalDate): string {
  const lines = [HEADER]
  for (const m of made) {
    const r = rng(hash32(19, m.personId))
    if (!r.chance(0.42)) continue
    for (
      let k = r.weighted([
        [1, 55],
        [2, 30],
        [3, 15],
      ] as const);
      k > 0;
      k--
    ) {
      const offence = m.index.plusDays(r.int(7, 340))
      const proven = offence.plusDays(r.int(14, 160))
      if (proven.isAfter(today)) continue
      const caution = r.chance(0.2)
      const by = caution ? 'Northshire Police' : 'Northtown Magistrates’ Court'
      lines.push(
        `PNC-${m.crn}-${k},,${m.crn},${caution ? 'caution' : 'conviction'},${r.pick(OFFENCES)},,${offence.toString()},${proven.toString()},${by}`,
      )
    }
  }
  const first = made[0]
  if (first)
    lines.push(
      `PNC-${first.crn}-court,,${first.crn},conviction,${first.offenceCode},,${first.offenceDate},${first.convictionDate},Northtown Magistrates’ Court`,
      `PNC-${first.crn}-fine,,${first.crn},fine,10501,,${first.offenceDate},${first.convictionDate},Northtown Magistrates’ Court`,
    )
  lines.push(
    `PNC-A999999-1,,A999999,conviction,10501,,${today.minusDays(90).toString()},${today.minusDays(30).toString()},Northtown Magistrates’ Court`,
  )
  return lines.join('\n')
}

/**
 * Seeds the past cohorts and their PNC import (once: does nothing if the demo already has an import).
 *
 * @example
 * await seedLivingOutcomes(db, clock) // { people: 511, imported: 230 }
 */
export async function seedLivingOutcomes(db: Kysely<Database>, clock: Clock) {
  if (await db.selectFrom('pnc_imports').select('id').limit(1).executeTakeFirst()) return undefined
  const today = clock.today()
  const teams = await teamIds(db)
  const r = rng(hash32(19, 2))
  const planned: Planned[] = []
  for (const [from, to] of pastQuarters(today))
    for (const [code, count] of TEAMS) {
      const teamId = teams.get(code)
      if (teamId === undefined) continue
      for (let k = 0; k < count + r.int(-2, 2) * (count > 10 ? 1 : 0); k++)
        planned.push(personOf(r, planned.length, teamId, from, to))
    }
  const made = await db.transaction().execute(async trx => {
    const ids = await insertPeople(trx, planned)
    await insertRecords(trx, planned, ids)
    return planned.map((p, k) => ({
      personId: ids[k],
      crn: p.crn,
      index: p.index,
      offenceCode: p.offenceCode,
      offenceDate: p.offence.toString(),
      convictionDate: p.conviction.toString(),
    }))
  })
  const morgan = await db.selectFrom('users').select('id').where('username', '=', 'morgan.contracts').executeTakeFirst()
  const user = morgan ? await loadCurrentUser(db, Number(morgan.id), 'session') : undefined
  const ctx: RequestContext = { user: user ?? undefined, requestId: 'demo-seed', ip: null }
  const bytes = Buffer.from(extractOf(made, today), 'utf8')
  // No ISO date in the name: the import report shows it, and pages write dates in words.
  const fileName = `pnc-extract-${today.toString().replaceAll('-', '')}.csv`
  const result = await importConvictionsExtract({ db, clock }, ctx, { ok: true, value: { fileName, bytes } })
  return { people: made.length, imported: result.counts.added }
}
