import { pathToFileURL } from 'node:url'
import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../src/access/audit.ts'
import { connect, type DatabaseHandle } from '../src/db/connect.ts'
import { createScratchDatabase } from '../src/db/scratch-database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import type { AssessmentItems } from '../src/features/risk/items.ts'
import { recalculateRisk } from '../src/features/risk/recalculate.ts'

/**
 * Recalculating and storing every person's predictors and tiers (what a rules-version bump or a nightly lifer/IPP
 * re-tier costs), on a fresh PGlite database and on a PostgreSQL server, through the same `recalculateRisk` the
 * pages use: four batched reads, the pure calculation, bulk inserts of scores, tiers, audit rows and outbox events.
 *
 * N people (10,000; 1,000 with PROBITY_BENCH_QUICK=1; or PROBITY_BENCH_PEOPLE) get synthetic risk inputs:
 * assessment items for every person, a RoSH assessment for most, registrations for some (MAPPA, domestic abuse,
 * child protection …). PostgreSQL: TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, in a
 * temporary database created and dropped here; skipped with a note when no server answers.
 *
 * @example
 * node bin/run-ts.mjs bench/tier-recalculation.ts
 */
export async function benchTierRecalculation(): Promise<void> {
  const quick = process.env.PROBITY_BENCH_QUICK === '1'
  const n = Number(process.env.PROBITY_BENCH_PEOPLE ?? (quick ? 1_000 : 10_000))
  const batch = 500

  const pglite = await connect({ dataDir: 'memory://' })
  try {
    await migrateToLatest(pglite.db)
    await run('PGlite (in memory)', pglite, n, batch)
  } finally {
    await pglite.close()
  }

  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const temp = await tempPostgres(serverUrl).catch((e: Error) => {
    console.log(`tier recalculation, PostgreSQL: skipped (${e.message})`)
    return undefined
  })
  if (temp) {
    try {
      await migrateToLatest(temp.db)
      await run(`PostgreSQL (${temp.description})`, temp, n, batch)
    } finally {
      await temp.close()
    }
  }
}

async function tempPostgres(serverUrl: string): Promise<DatabaseHandle> {
  const scratch = await createScratchDatabase(serverUrl, 'probity_bench')
  const handle = await connect({ databaseUrl: scratch.url })
  return {
    ...handle,
    close: async () => {
      await handle.close()
      await scratch.drop()
    },
  }
}

/** A small deterministic generator, so every run and both databases get the same people. */
function generator(seed: number) {
  let s = seed >>> 0
  const next = () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  }
}

const OFFENCES = ['02700', '00101', '02800', '03000', '05400', '09200', '10400', '12500', '19500', '80300']
const LEVELS = ['low', 'medium', 'high', 'very_high'] as const
const SEVERITIES = ['NO_NEED', 'STANDARD', 'SEVERE'] as const
const iso = (d: LocalDate) => d.toString()

async function seed(handle: DatabaseHandle, n: number): Promise<number[]> {
  const g = generator(20261122)
  const base = LocalDate.parse('2026-11-22')
  const ids: number[] = []
  const chunk = 1000
  for (let start = 0; start < n; start += chunk) {
    const size = Math.min(chunk, n - start)
    const people = Array.from({ length: size }, (_, k) => {
      const i = start + k
      return {
        crn: `B${String(100000 + i).padStart(6, '0')}`,
        forename: 'Synthetic',
        surname: `Person${i}`,
        date_of_birth: iso(base.minusYears(g.int(19, 70)).minusDays(g.int(0, 364))),
        gender: (g.next() < 0.85 ? 'male' : 'female') as 'male' | 'female',
      }
    })
    const rows = await handle.db.insertInto('people').values(people).returning(['id', 'date_of_birth']).execute()
    const items = rows.map(p => {
      const dob = LocalDate.parse(p.date_of_birth)
      const conviction = base.minusDays(g.int(30, 700))
      const total = g.int(1, 30)
      const firstAge = g.int(12, Math.max(12, dob.until(conviction).years()))
      const score = () => g.int(0, 2)
      const full = g.next() < 0.8
      const i: AssessmentItems = {
        sentenceType: g.pick(['CUSTODY', 'COMMUNITY_REHABILITATIVE', 'COMMUNITY_OTHER'] as const),
        dateOfCurrentConviction: iso(conviction),
        dateAtStartOfFollowup: iso(conviction.plusDays(g.int(0, 20))),
        currentOffenceCode: g.pick(OFFENCES),
        supervisionStatus: 'COMMUNITY',
        totalNumberOfSanctionsForAllOffences: total,
        totalNumberOfViolentSanctions: g.int(0, Math.min(total, 5)),
        dateOfFirstSanction: iso(
          dob.plusYears(firstAge).plusDays(g.int(0, 200)).isAfter(conviction) ? conviction : dob.plusYears(firstAge),
        ),
        previousConvictions: [],
        hasEverCommittedSexualOffence: g.next() < 0.05,
        totalContactAdultSexualSanctions: 0,
        totalContactChildSexualSanctions: 0,
        totalNonContactSexualOffences: 0,
        totalIndecentImageSanctions: 0,
        isCurrentOffenceSexuallyMotivated: false,
        needs: {
          ATTITUDES: g.pick(SEVERITIES),
          THINKING_AND_BEHAVIOUR: g.pick(SEVERITIES),
          ACCOMMODATION: g.pick(SEVERITIES),
        },
        ...(full
          ? {
              isCurrentlyOfNoFixedAbodeOrTransientAccommodation: g.next() < 0.1,
              isUnemployed: g.next() < 0.5,
              regularOffendingActivities: score(),
              currentDrugMisuse: score(),
              motivationToTackleDrugMisuse: score(),
              problemSolvingSkills: score(),
              awarenessOfConsequences: score(),
              understandsOtherPeoplesViews: score(),
              proCriminalAttitudes: score(),
              doesRecogniseImpactOfOffendingOnOthers: g.next() < 0.5,
              currentAlcoholUseProblems: score(),
              excessiveAlcoholUse: score(),
              hasCurrentPsychiatricTreatment: g.next() < 0.1,
              temperControl: score(),
              impulsivityProblems: score(),
              didOffenceInvolveCarryingOrUsingWeapon: g.next() < 0.1,
              suitabilityOfAccommodation: score(),
              currentRelationshipWithPartner: score(),
              evidenceOfDomesticAbuse: false,
            }
          : {}),
        ...(g.next() < 0.3
          ? {
              arpPercent: g.int(5, 95),
              arpType: 'DYNAMIC' as const,
              csrpPercent: g.int(0, 900) / 100,
              csrpType: 'DYNAMIC' as const,
            }
          : {}),
      }
      return {
        person_id: p.id,
        version: 1,
        assessment_date: iso(base.minusDays(g.int(0, 20))),
        items: JSON.stringify(i),
      }
    })
    await handle.db.insertInto('risk_assessment_items').values(items).execute()
    const rosh = rows
      .filter(() => g.next() < 0.8)
      .map(p => {
        const levels = [g.pick(LEVELS), g.pick(LEVELS.slice(0, 3)), g.pick(LEVELS.slice(0, 2)), 'low' as const]
        const overall = levels.reduce((a, b) => (LEVELS.indexOf(b) > LEVELS.indexOf(a) ? b : a))
        return {
          person_id: p.id,
          assessment_date: iso(base.minusDays(g.int(0, 100))),
          public_level: levels[0],
          known_adult_level: levels[1],
          children_level: levels[2],
          staff_level: levels[3],
          overall_level: overall,
        }
      })
    if (rosh.length) await handle.db.insertInto('rosh_assessments').values(rosh).execute()
    const regs = rows.flatMap(p => {
      const r = g.next()
      const registered = iso(base.minusDays(g.int(0, 900)))
      if (r < 0.08)
        return [
          {
            person_id: p.id,
            type_code: 'MAPP',
            mappa_category: g.int(1, 3),
            mappa_level: g.int(1, 3),
            registered_date: registered,
          },
        ]
      if (r < 0.25)
        return [
          {
            person_id: p.id,
            type_code: g.pick(['ADVP', 'REG30', 'RCPR', 'SPO', 'IIOM', 'RMDO']),
            registered_date: registered,
          },
        ]
      return []
    })
    if (regs.length) await handle.db.insertInto('registrations').values(regs).execute()
    ids.push(...rows.map(r => r.id))
  }
  return ids
}

async function run(label: string, handle: DatabaseHandle, n: number, batch: number) {
  const seeded = performance.now()
  const ids = await seed(handle, n)
  const seedSeconds = (performance.now() - seeded) / 1000
  const ctx: RequestContext = { user: undefined, requestId: 'bench-tier-recalculation', ip: null }
  const today = LocalDate.parse('2026-11-22')
  let changed = 0
  const start = performance.now()
  for (let i = 0; i < ids.length; i += batch) {
    const slice = ids.slice(i, i + batch)
    const results = await handle.db
      .transaction()
      .execute(trx => recalculateRisk(trx, ctx, slice, { today, trigger: 'BENCH' }))
    changed += results.filter(r => r.tierChanges.length > 0).length
  }
  const seconds = (performance.now() - start) / 1000
  const perSecond = n / seconds
  const stored = await handle.db
    .selectFrom('tier_calculations')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const projected = 1_000_000 / perSecond
  const fmt = (x: number) => Math.round(x).toLocaleString('en-GB')
  console.log(
    `tier recalculation, ${label}: ${fmt(n)} people (seeded in ${seedSeconds.toFixed(1)} s), recalculated and stored in ` +
      `${seconds.toFixed(1)} s = ${fmt(perSecond)} people/s (batches of ${batch}); ${fmt(Number(stored.n))} tiers stored, ` +
      `${fmt(changed)} tier-changed events; 1,000,000 people ≈ ${projected >= 3600 ? `${(projected / 3600).toFixed(1)} h` : `${(projected / 60).toFixed(1)} min`} on one process`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchTierRecalculation()
