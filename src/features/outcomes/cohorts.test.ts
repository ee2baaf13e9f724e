import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../db/connect.ts'
import { createTestDatabase } from '../../db/testing.ts'
import { buildCohort, type Cohort } from './cohorts.ts'

/**
 * Proven reoffending cohorts built from the record (issue 19 item 2; rules-and-outcomes.md §1): index events are
 * community sentences, releases from custody and PNC cautions dated in the period, the first being the index; the
 * index event's offences never count; later court convictions and PNC offences committed within the year count, each
 * count of an offence separately; the scope is the managing team's region or provider; the predicted probability is
 * the ARP when there is one, else OGRS3.
 *
 * Fixtures (period 2025 Q1, figures as on 2026-12-07, after the 18 months' wait):
 * - A (region 1): community sentence 2025-02-01 for an offence of that day (index, not counted); a court conviction
 *   2025-09-01 for an offence on 2025-06-01 (counts) and one for an offence on 2026-03-01 (after the year: not counted).
 *   OGRS3 55 only.
 * - B (region 1): released 2025-03-01 from a 2024 custodial sentence (index); a court conviction 2025-07-01 for an
 *   offence of 2025-04-01 in three counts (3); a PNC conviction for an offence of 2025-05-05 (1); a PNC caution on
 *   2025-03-15 for an offence of 2025-03-10 (a later qualifying event, not the index: 1). No score. 5 reoffences.
 * - C (region 1): PNC caution 2025-02-10 for an offence that day (index, not counted). ARP 30 and OGRS3 40.
 * - D (region 1): community sentence 2024-12-15 (before the period); E (region 1): caution 2025-04-01 (after it).
 * - F (region 2, same provider): community sentence 2025-01-10; a PNC conviction for an offence of 2025-02-01 (1).
 * - G (another provider): community sentence 2025-01-10, no reoffence.
 */

let handle: DatabaseHandle
const db = () => handle.db
const period = { from: LocalDate.parse('2025-01-01'), to: LocalDate.parse('2025-03-31') }
const asOf = LocalDate.parse('2026-12-07')
const ids: Record<string, number> = {}
const scope: { provider: number; otherProvider: number; region1: number; region2: number } = {
  provider: 0,
  otherProvider: 0,
  region1: 0,
  region2: 0,
}
let importId = 0
let personNumber = 0

async function team(providerCode: string, regionCode: string) {
  const provider =
    (await db().selectFrom('providers').select('id').where('code', '=', providerCode).executeTakeFirst())?.id ??
    (
      await db()
        .insertInto('providers')
        .values({ code: providerCode, name: providerCode, kind: 'public' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const region = await db()
    .insertInto('regions')
    .values({ provider_id: provider, code: regionCode, name: regionCode })
    .returning('id')
    .executeTakeFirstOrThrow()
  const du = await db()
    .insertInto('delivery_units')
    .values({ region_id: region.id, code: `${regionCode}-D`, name: `${regionCode} unit` })
    .returning('id')
    .executeTakeFirstOrThrow()
  const t = await db()
    .insertInto('teams')
    .values({ delivery_unit_id: du.id, code: `${regionCode}-T`, name: `${regionCode} team` })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { provider: Number(provider), region: Number(region.id), team: Number(t.id) }
}

async function person(name: string, teamId: number) {
  personNumber++
  const p = await db()
    .insertInto('people')
    .values({
      crn: `Q${String(900000 + personNumber)}`,
      forename: name,
      surname: 'Cohort',
      date_of_birth: '1990-01-01',
      gender: 'male',
      managing_team_id: teamId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  ids[name] = Number(p.id)
  return Number(p.id)
}

let eventNumber = 0
/** A court event convicted on `convicted` with its offences ([code, offence date, counts]). */
async function courtEvent(personId: number, convicted: string, offences: [string, string, number][]) {
  const e = await db()
    .insertInto('events')
    .values({ person_id: personId, event_number: ++eventNumber, conviction_date: convicted, status: 'sentenced' })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [k, [code, date, count]] of offences.entries())
    await db()
      .insertInto('offences')
      .values({
        person_id: personId,
        event_id: e.id,
        offence_code: code,
        offence_date: date,
        offence_count: count,
        is_main: k === 0,
      })
      .execute()
  return Number(e.id)
}

async function sentence(personId: number, eventId: number, type: 'community_order' | 'custodial', date: string) {
  const s = await db()
    .insertInto('sentences')
    .values({ person_id: personId, event_id: eventId, sentence_type: type, sentence_date: date })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(s.id)
}

async function release(personId: number, sentenceId: number, date: string) {
  const c = await db()
    .insertInto('custody_records')
    .values({
      person_id: personId,
      sentence_id: sentenceId,
      prison_number: `A${String(1000 + personId).slice(-4)}BC`,
      reception_date: '2024-06-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('custody_releases')
    .values({
      custody_record_id: c.id,
      person_id: personId,
      released_on: date,
      release_type: 'automatic',
      first_appointment_due: date,
    })
    .execute()
}

let pncKey = 0
async function pnc(personId: number, disposal: 'conviction' | 'caution', offenceDate: string, provenDate: string) {
  await db()
    .insertInto('proven_offences')
    .values({
      person_id: personId,
      pnc_key: `T-${++pncKey}`,
      disposal,
      offence_code: '10501',
      offence_date: offenceDate,
      proven_date: provenDate,
      import_id: importId,
    })
    .execute()
}

async function score(personId: number, algorithm: 'ARP' | 'OGRS3', value: number) {
  await db()
    .insertInto('risk_scores')
    .values({
      person_id: personId,
      algorithm,
      algorithm_version: '1',
      calculated_on: '2025-01-01',
      score: value,
      inputs: '{}',
      output: '{}',
    })
    .execute()
}

async function fixtures() {
  const r1 = await team('TP1', 'TP1-R1')
  const r2 = await team('TP1', 'TP1-R2')
  const other = await team('TP2', 'TP2-R1')
  Object.assign(scope, { provider: r1.provider, otherProvider: other.provider, region1: r1.region, region2: r2.region })
  importId = Number(
    (
      await db()
        .insertInto('pnc_imports')
        .values({
          file_name: 'fixtures.csv',
          format: 'csv',
          checksum: 'x',
          rows_read: 0,
          added: 0,
          already_held: 0,
          unmatched: 0,
          rejected: 0,
          report: '[]',
          imported_by: null,
          imported_at: new Date('2026-12-07T10:00:00Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  )
  const a = await person('A', r1.team)
  await sentence(a, await courtEvent(a, '2025-02-01', [['11800', '2025-02-01', 1]]), 'community_order', '2025-02-01')
  await courtEvent(a, '2025-09-01', [['10501', '2025-06-01', 1]])
  await courtEvent(a, '2026-04-01', [['10501', '2026-03-01', 1]])
  await score(a, 'OGRS3', 55)
  const b = await person('B', r1.team)
  await release(
    b,
    await sentence(b, await courtEvent(b, '2024-05-01', [['11800', '2024-03-01', 1]]), 'custodial', '2024-06-01'),
    '2025-03-01',
  )
  await courtEvent(b, '2025-07-01', [['10501', '2025-04-01', 3]])
  await pnc(b, 'conviction', '2025-05-05', '2025-06-06')
  await pnc(b, 'caution', '2025-03-10', '2025-03-15')
  const c = await person('C', r1.team)
  await pnc(c, 'caution', '2025-02-10', '2025-02-10')
  await score(c, 'ARP', 30)
  await score(c, 'OGRS3', 40)
  const d = await person('D', r1.team)
  await sentence(d, await courtEvent(d, '2024-12-15', [['10501', '2024-11-01', 1]]), 'community_order', '2024-12-15')
  await pnc(await person('E', r1.team), 'caution', '2025-03-20', '2025-04-01')
  const f = await person('F', r2.team)
  await sentence(f, await courtEvent(f, '2025-01-10', [['10501', '2024-12-01', 1]]), 'community_order', '2025-01-10')
  await pnc(f, 'conviction', '2025-02-01', '2025-03-01')
  const g = await person('G', other.team)
  await sentence(g, await courtEvent(g, '2025-01-10', [['10501', '2024-12-01', 1]]), 'community_order', '2025-01-10')
}

const memberOf = (cohort: Cohort, name: string) => cohort.members.find(m => m.record.personId === ids[name])

beforeAll(async () => {
  handle = await createTestDatabase()
  await fixtures()
})
afterAll(() => handle.close())

describe('buildCohort from the record', () => {
  it('takes community sentences, releases and cautions in the period as index events, the first being the index', async () => {
    const cohort = await buildCohort(db(), { ...period, asOf, regionId: scope.region1 })
    // D's sentence is before the period and E's caution after it.
    expect(cohort.members.map(m => m.record.personId).sort()).toEqual([ids.A, ids.B, ids.C].sort())
    expect(memberOf(cohort, 'A')?.indexEvent).toEqual({ type: 'court_disposal', date: LocalDate.parse('2025-02-01') })
    // B's caution on 2025-03-15 is in the period too, but the release on 2025-03-01 came first.
    expect(memberOf(cohort, 'B')?.indexEvent).toEqual({ type: 'custody_release', date: LocalDate.parse('2025-03-01') })
    expect(memberOf(cohort, 'C')?.indexEvent).toEqual({ type: 'caution', date: LocalDate.parse('2025-02-10') })
    expect(cohort.figures.provisional).toBe(false)
  })

  it('counts later court convictions and PNC offences within the year, each count separately, never the index offences', async () => {
    const cohort = await buildCohort(db(), { ...period, asOf, regionId: scope.region1 })
    // A: the 2025-06-01 offence only (the index offence of 2025-02-01 and the 2026 offence do not count).
    expect(memberOf(cohort, 'A')?.reoffences.map(o => [o.source, o.offenceDate.toString()])).toEqual([
      ['court', '2025-06-01'],
    ])
    // B: three counts from court, the PNC conviction and the PNC caution after the release.
    const b = memberOf(cohort, 'B')?.reoffences ?? []
    expect(b.filter(o => o.source === 'court')).toHaveLength(3)
    expect(
      b
        .filter(o => o.source === 'pnc')
        .map(o => o.offenceDate.toString())
        .sort(),
    ).toEqual(['2025-03-10', '2025-05-05'])
    // C: the caution is the index offence.
    expect(memberOf(cohort, 'C')?.reoffences).toEqual([])
    const reoffences = 1 + (3 + 1 + 1) + 0
    expect(cohort.figures).toMatchObject({ cohortSize: 3, reoffenders: 2, reoffences })
    expect(cohort.figures.binaryRate).toBeCloseTo(2 / 3, 4)
    expect(cohort.figures.frequencyPerReoffender).toBeCloseTo(reoffences / 2, 4)
  })

  it('scopes the cohort to the provider or the region of the managing team', async () => {
    const provider = await buildCohort(db(), { ...period, asOf, providerId: scope.provider })
    expect(provider.members.map(m => m.record.personId).sort()).toEqual([ids.A, ids.B, ids.C, ids.F].sort())
    // A, B and F reoffended: 1 + 5 + 1.
    expect(provider.figures).toMatchObject({ cohortSize: 4, reoffenders: 3, reoffences: 7 })
    const region2 = await buildCohort(db(), { ...period, asOf, regionId: scope.region2 })
    expect(region2.members.map(m => m.record.personId)).toEqual([ids.F])
    const other = await buildCohort(db(), { ...period, asOf, providerId: scope.otherProvider })
    expect(other.members.map(m => m.record.personId)).toEqual([ids.G])
    expect(other.figures).toMatchObject({ cohortSize: 1, reoffenders: 0, reoffences: 0 })
  })

  it('prefers the ARP to OGRS3 for the predicted probability', async () => {
    const cohort = await buildCohort(db(), { ...period, asOf, regionId: scope.region1 })
    expect(memberOf(cohort, 'C')?.record).toMatchObject({ predicted: 0.3, predictor: 'ARP' })
    expect(memberOf(cohort, 'A')?.record).toMatchObject({ predicted: 0.55, predictor: 'OGRS3' })
    expect(memberOf(cohort, 'B')?.record).toMatchObject({ predicted: null, predictor: null })
  })

  it('is provisional, and leaves out offences not yet proven, before the wait has ended', async () => {
    // As on 2025-08-01: B's court conviction of 2025-07-01 and PNC offences are known, A's of 2025-09-01 is not.
    const early = await buildCohort(db(), { ...period, asOf: LocalDate.parse('2025-08-01'), regionId: scope.region1 })
    expect(early.figures.provisional).toBe(true)
    expect(memberOf(early, 'A')?.reoffences).toEqual([])
    expect(early.figures).toMatchObject({ cohortSize: 3, reoffenders: 1, reoffences: 5 })
  })
})
