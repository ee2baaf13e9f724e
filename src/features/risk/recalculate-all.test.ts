import { LocalDate } from '@js-joda/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RequestContext } from '../../access/audit.ts'
import type { DatabaseHandle } from '../../db/connect.ts'
import { createTestDatabase } from '../../db/testing.ts'
import { seedNational } from '../../seed/national/index.ts'
import { calculateRisk } from './calculate.ts'
import { loadRiskFacts } from './queries.ts'
import { recalculateAllTiers } from './recalculate-all.ts'
import { recalculateRisk } from './recalculate.ts'

// 300 synthetic people (assessment items for all, RoSH and registrations for many, a placeholder tier for those
// supervised), on PGlite, or on PostgreSQL with PROBITY_TEST_DB=postgres.
const AS_OF = '2026-11-22'
const TODAY = LocalDate.parse('2026-12-03')
const ctx: RequestContext = { user: undefined, requestId: 'nightly-test', ip: null }

let handle: DatabaseHandle
beforeAll(async () => {
  handle = await createTestDatabase()
  let databaseUrl: string | undefined
  if (handle.kind === 'postgres') {
    const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')
    server.pathname = handle.description.slice(handle.description.lastIndexOf('/'))
    databaseUrl = server.toString()
  }
  await seedNational({ db: handle.db, kind: handle.kind, databaseUrl }, { scale: 0.0003, seed: 3, asOf: AS_OF })
}, 120_000)
afterAll(() => handle?.close())

const latestTiers = async (personId: number) =>
  handle.db
    .selectFrom('tier_calculations')
    .distinctOn('algorithm')
    .select(['algorithm', 'algorithm_version', 'tier', 'calculated_on'])
    .where('person_id', '=', personId)
    .orderBy('algorithm')
    .orderBy('id', 'desc')
    .execute()

const countRows = async (table: 'tier_calculations' | 'risk_scores' | 'outbox_events') =>
  Number((await handle.db.selectFrom(table).select(handle.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('the nightly tier recalculation', () => {
  let people: { id: number; crn: string }[]

  it('calculates every person, storing the predictors and tiers the pages would calculate', async () => {
    people = await handle.db
      .selectFrom('people')
      .select(['id', 'crn'])
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute()
    const run = await recalculateAllTiers(handle.db, ctx, { today: TODAY, trigger: 'NIGHTLY', batchSize: 70 })
    expect(run.people).toBe(people.length)
    // Nothing was stored by the seed but placeholder tiers, so everyone with assessment items is calculated in full.
    expect(run.fullyCalculated).toBeGreaterThan(people.length * 0.9)
    expect(run.scoresStored).toBeGreaterThan(people.length)
    expect(run.tiersStored).toBeGreaterThan(people.length)

    const facts = await loadRiskFacts(
      handle.db,
      people.map(p => p.id),
    )
    for (const p of people.filter((_, k) => k % 10 === 0)) {
      const expected = calculateRisk(facts.get(p.id)!, TODAY)
      const stored = await latestTiers(p.id)
      for (const t of expected.tiers.filter(x => x.result?.tier)) {
        expect(
          stored.find(s => s.algorithm === t.result!.algorithm),
          `${p.crn} ${t.name}`,
        ).toMatchObject({ tier: t.result!.tier, algorithm_version: t.result!.version, calculated_on: TODAY.toString() })
      }
      const scores = await handle.db
        .selectFrom('risk_scores')
        .select(['algorithm', 'score'])
        .where('person_id', '=', p.id)
        .execute()
      for (const s of expected.predictors.filter(x => x.result)) {
        expect(scores.find(x => x.algorithm === s.name)?.score, `${p.crn} ${s.name}`).toBeCloseTo(s.result!.score!, 10)
      }
    }
  })

  it('gives the people with assessment items a real tier v3 from the ARP and CSRP it calculated and stored', async () => {
    const v3 = await handle.db
      .selectFrom('tier_calculations')
      .distinctOn('person_id')
      .select(['person_id', 'tier', 'inputs'])
      .where('algorithm', 'like', 'tier-v3%')
      .orderBy('person_id')
      .orderBy('id', 'desc')
      .execute()
    const scored = v3.filter(t => {
      const inputs = t.inputs as { arp: unknown; csrp: unknown }
      return inputs.arp !== null && inputs.csrp !== null
    })
    // Most seeded people have every static input; 80 % have the dynamic answers too.
    expect(scored.length).toBeGreaterThan(v3.length / 2)
    for (const t of scored) expect(t.tier, `person ${t.person_id}`).toMatch(/^([A-G]|NOT_SUPERVISED)$/)
    const arp = await handle.db
      .selectFrom('risk_scores')
      .select(['score_type'])
      .where('algorithm', '=', 'ARP')
      .execute()
    // The seed answers no relationship status (6.8), so every ARP here is the static model, and says so.
    expect(arp.length).toBeGreaterThan(0)
    for (const a of arp) expect(a.score_type).toBe('STATIC')
  })

  it('stores what the pages store for the same person on the same day', async () => {
    const person = people[5]
    const nightly = await latestTiers(person.id)
    // The pages' recalculation, in a transaction rolled back so the nightly rows stay the latest.
    const fromPages = await handle.db
      .transaction()
      .execute(async trx => {
        const [r] = await recalculateRisk(trx, ctx, [person.id], { today: TODAY, trigger: 'TEST' })
        throw Object.assign(new Error('rollback'), { r })
      })
      .catch((e: { r?: Awaited<ReturnType<typeof recalculateRisk>>[number] }) => e.r!)
    expect(fromPages.tierChanges).toEqual([])
    expect(nightly.map(t => t.tier).sort()).toEqual(
      fromPages.outcome.tiers
        .filter(t => t.result?.tier)
        .map(t => t.result!.tier)
        .sort(),
    )
  })

  it('writes nothing for people whose tiers did not change, and records the run', async () => {
    const before = {
      tiers: await countRows('tier_calculations'),
      scores: await countRows('risk_scores'),
      events: await countRows('outbox_events'),
    }
    const run = await recalculateAllTiers(
      handle.db,
      { ...ctx, requestId: 'second-run' },
      { today: TODAY, trigger: 'NIGHTLY' },
    )
    expect(run).toMatchObject({
      people: people.length,
      fullyCalculated: expect.any(Number),
      tiersStored: 0,
      scoresStored: 0,
      tierChanges: 0,
    })
    // People whose items cannot give RSR and OGRS3 are calculated in full again (nothing stored to reuse).
    expect(run.fullyCalculated).toBeLessThan(people.length * 0.1)
    expect({
      tiers: await countRows('tier_calculations'),
      scores: await countRows('risk_scores'),
      events: await countRows('outbox_events'),
    }).toEqual(before)
    const audits = await handle.db
      .selectFrom('audit_events')
      .select(['action', 'person_id', 'detail'])
      .where('request_id', '=', 'second-run')
      .execute()
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({
      action: 'TIERS_RECALCULATED',
      person_id: null,
      detail: expect.objectContaining({ people: people.length, tiersStored: 0 }),
    })
  })

  it('stores a changed tier with its audit row and event, from the stored scores', async () => {
    // A MAPPA level 3 registration recorded by another system (nothing recalculated): tonight's run must see it.
    const person = people.find((_, k) => k % 7 === 3)!
    const was = await latestTiers(person.id)
    await handle.db
      .insertInto('registrations')
      .values({
        person_id: person.id,
        type_code: 'MAPP',
        mappa_category: 2,
        mappa_level: 3,
        registered_date: '2026-12-01',
      })
      .execute()
    const scoresBefore = await countRows('risk_scores')
    const run = await recalculateAllTiers(
      handle.db,
      { ...ctx, requestId: 'third-run' },
      { today: TODAY, trigger: 'NIGHTLY' },
    )
    expect(run.tierChanges).toBe(1)
    expect(await countRows('risk_scores')).toBe(scoresBefore)
    const now = await latestTiers(person.id)
    const v2 = now.find(t => t.algorithm.startsWith('tier-v2'))!
    expect(v2.tier).toMatch(/^A/)
    expect(v2.tier).not.toBe(was.find(t => t.algorithm.startsWith('tier-v2'))?.tier)
    const events = await handle.db
      .selectFrom('outbox_events')
      .select(['event_type', 'payload'])
      .where('person_id', '=', person.id)
      .where('event_type', '=', 'person.tier.changed')
      .execute()
    expect(events.at(-1)?.payload).toMatchObject({ crn: person.crn, trigger: 'NIGHTLY' })
    const audit = await handle.db
      .selectFrom('audit_events')
      .select(['person_id', 'detail'])
      .where('request_id', '=', 'third-run')
      .where('action', '=', 'RISK_RECALCULATED')
      .execute()
    expect(audit).toEqual([
      { person_id: person.id, detail: expect.objectContaining({ trigger: 'NIGHTLY', storedScores: [] }) },
    ])
  })

  it('recalculates the predictors of a person whose assessment items changed without a recalculation', async () => {
    const person = people[8]
    const items = await handle.db
      .selectFrom('risk_assessment_items')
      .select(['items', 'version', 'assessment_date'])
      .where('person_id', '=', person.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow()
    const changed = { ...(items.items as Record<string, unknown>), totalNumberOfSanctionsForAllOffences: 40 }
    await handle.db
      .insertInto('risk_assessment_items')
      .values({
        person_id: person.id,
        version: items.version + 1,
        assessment_date: items.assessment_date,
        items: JSON.stringify(changed),
        created_at: new Date(Date.now() + 1000),
      })
      .execute()
    const run = await recalculateAllTiers(
      handle.db,
      { ...ctx, requestId: 'fourth-run' },
      { today: TODAY, trigger: 'NIGHTLY' },
    )
    expect(run.scoresStored).toBeGreaterThan(0)
    const ogrs = await handle.db
      .selectFrom('risk_scores')
      .select(['score', 'inputs'])
      .where('person_id', '=', person.id)
      .where('algorithm', '=', 'OGRS3')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(ogrs.inputs).toMatchObject({ totalNumberOfSanctionsForAllOffences: 40 })
  })

  it('stops after the limit', async () => {
    const run = await recalculateAllTiers(handle.db, ctx, {
      today: TODAY,
      trigger: 'NIGHTLY',
      batchSize: 40,
      limit: 100,
    })
    expect(run.people).toBe(100)
  })
})
