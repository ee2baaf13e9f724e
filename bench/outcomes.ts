import { pathToFileURL } from 'node:url'
import { LocalDate } from '@js-joda/core'
import { sql } from 'kysely'
import { connect, type DatabaseHandle } from '../src/db/connect.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createScratchDatabase } from '../src/db/scratch-database.ts'
import { systemClock } from '../src/clock.ts'
import type { Database } from '../src/db/schema.ts'
import { buildCohort, importConvictionsExtract } from '../src/features/outcomes/index.ts'
import type { Kysely } from 'kysely'

/**
 * Proven reoffending cohorts at national scale (issue 19 item 2): `buildCohort` (the statements' and the public
 * dashboard's read) for one quarter of about 60,000 index events, as many as a national quarter of adults released
 * from custody or starting a community sentence. The national seed (src/seed/national) holds no releases from
 * custody or PNC convictions, so the quarter is loaded here in SQL (INSERT … SELECT generate_series): 12 regions; N
 * people (60,000; 6,000 with PROBITY_BENCH_QUICK=1; or PROBITY_BENCH_COHORT) with an index event in 2025 Q1 (70 %
 * community sentences, 30 % releases from custody of a sentence a year before; 5 % also a PNC caution in the quarter),
 * 40 % a later court conviction with one to three counts, 14 % a PNC conviction, OGRS3 for all and ARP for half; and
 * 2 N more people whose sentences fall in the two years before (not in the cohort). Then the whole quarter and one
 * region's, each the median of 5 runs (2 quick).
 *
 * On a fresh PostgreSQL database (TEST_DATABASE_URL's server, created and dropped here; skipped when none answers)
 * and on PGlite in memory.
 *
 * @example
 * node bin/run-ts.mjs bench/outcomes.ts
 */
export async function benchOutcomes(): Promise<void> {
  const quick = process.env.PROBITY_BENCH_QUICK === '1'
  const n = Number(process.env.PROBITY_BENCH_COHORT ?? (quick ? 6_000 : 60_000))
  const runs = quick ? 2 : 5
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const scratch = await createScratchDatabase(serverUrl, 'probity_bench_outcomes').catch((e: Error) => {
    console.log(`outcomes cohort, PostgreSQL: skipped (${e.message})`)
    return undefined
  })
  if (scratch) {
    const handle = await connect({ databaseUrl: scratch.url })
    try {
      await run('PostgreSQL', handle, n, runs)
    } finally {
      await handle.close()
      await scratch.drop()
    }
  }
  const pglite = await connect({ dataDir: 'memory://' })
  try {
    await run('PGlite (in memory)', pglite, n, runs)
  } finally {
    await pglite.close()
  }
}

const FROM = LocalDate.parse('2025-01-01')
const TO = LocalDate.parse('2025-03-31')

async function run(label: string, handle: DatabaseHandle, n: number, runs: number) {
  await migrateToLatest(handle.db)
  const loadStarted = performance.now()
  const regions = await load(handle, n)
  const loadSeconds = (performance.now() - loadStarted) / 1000
  const asOf = LocalDate.parse('2026-12-07')
  const time = async (regionId?: number) => {
    const times: number[] = []
    let size = 0
    let rate = 0
    for (let k = 0; k < runs; k++) {
      const started = performance.now()
      const cohort = await buildCohort(handle.db, { from: FROM, to: TO, asOf, regionId })
      times.push((performance.now() - started) / 1000)
      size = cohort.figures.cohortSize
      rate = cohort.figures.binaryRate
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]
    return { median, size, rate }
  }
  const all = await time()
  const one = await time(regions[0])
  const fmt = (x: number) => Math.round(x).toLocaleString('en-GB')
  console.log(
    `outcomes cohort, ${label}: 2025 Q1, ${fmt(all.size)} index events (binary rate ${all.rate}) in ${all.median.toFixed(2)} s ` +
      `(median of ${runs}) = ${fmt(all.size / all.median)} index events/s; one region: ${fmt(one.size)} in ` +
      `${one.median.toFixed(2)} s; loaded ${fmt(3 * n)} people in ${loadSeconds.toFixed(1)} s`,
  )
}

/** The organisation (12 regions of one provider, a team each) and the people; returns the region ids. */
export async function load({ db }: DatabaseHandle, n: number): Promise<number[]> {
  const provider = await db
    .insertInto('providers')
    .values({ code: 'BENCHOUT', name: 'Bench outcomes', kind: 'public' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const regions: number[] = []
  const teams: number[] = []
  for (let k = 0; k < 12; k++) {
    const region = await db
      .insertInto('regions')
      .values({ provider_id: provider.id, code: `BO-R${k}`, name: `Region ${k}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    const du = await db
      .insertInto('delivery_units')
      .values({ region_id: region.id, code: `BO-D${k}`, name: `Unit ${k}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    const team = await db
      .insertInto('teams')
      .values({ delivery_unit_id: du.id, code: `BO-T${k}`, name: `Team ${k}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    regions.push(Number(region.id))
    teams.push(Number(team.id))
  }
  const teamArray = sql.raw(`array[${teams.join(',')}]::bigint[]`)
  const total = 3 * n
  await sql`
    insert into people (crn, forename, surname, date_of_birth, gender, managing_team_id, case_status)
    select 'O' || lpad(g::text, 6, '0'), 'Bench', 'Person' || g, date '1970-01-01' + (g % 12000), 'male',
           (${teamArray})[1 + g % 12], 'ended'
      from generate_series(1, ${total}) g`.execute(db)
  // Each person's index day: in the quarter for the first n, in the two years before for the others.
  await sql`
    create temporary table bench_people as
    select p.id, g.g,
           case when g.g <= ${n} then date '2025-01-01' + (g.g % 90) else date '2022-12-01' + (g.g % 730) end as day
      from people p join generate_series(1, ${total}) g(g) on p.crn = 'O' || lpad(g.g::text, 6, '0')`.execute(db)
  await sql`
    insert into events (person_id, event_number, status, conviction_date)
    select id, 1, 'terminated', case when g % 10 < 7 then day - 14 else day - 365 end from bench_people`.execute(db)
  await sql`
    insert into offences (person_id, event_id, offence_code, offence_date, is_main)
    select e.person_id, e.id, '10501', e.conviction_date - 40, true from events e join bench_people b on b.id = e.person_id`.execute(
    db,
  )
  await sql`
    insert into sentences (person_id, event_id, sentence_type, sentence_date, length_value, length_unit)
    select b.id, e.id, case when b.g % 10 < 7 then 'community_order' else 'custodial' end,
           case when b.g % 10 < 7 then b.day else e.conviction_date end, 12, 'months'
      from bench_people b join events e on e.person_id = b.id`.execute(db)
  await sql`
    insert into custody_records (person_id, sentence_id, prison_number, reception_date, released_on, release_type)
    select s.person_id, s.id, 'A' || lpad((b.g % 10000)::text, 4, '0') || 'BC', s.sentence_date, b.day, 'automatic'
      from sentences s join bench_people b on b.id = s.person_id where s.sentence_type = 'custodial'`.execute(db)
  await sql`
    insert into custody_releases (custody_record_id, person_id, released_on, release_type, first_appointment_due)
    select c.id, c.person_id, c.released_on, 'automatic', c.released_on + 1 from custody_records c
      join bench_people b on b.id = c.person_id`.execute(db)
  await reoffending(db, n)
  // As autovacuum would have by the time a statement is run.
  await sql`analyze`.execute(db)
  return regions
}

/** Later court convictions, PNC convictions and cautions, and the predictors. */
async function reoffending(db: DatabaseHandle['db'], n: number) {
  await sql`
    insert into events (person_id, event_number, status, conviction_date)
    select id, 2, 'sentenced', day + 150 from bench_people where g % 5 < 2`.execute(db)
  await sql`
    insert into offences (person_id, event_id, offence_code, offence_date, offence_count, is_main)
    select e.person_id, e.id, '10400', b.day + 40 + b.g % 200, 1 + b.g % 3, true
      from events e join bench_people b on b.id = e.person_id where e.event_number = 2`.execute(db)
  const imported = await db
    .insertInto('pnc_imports')
    .values({
      file_name: 'bench.csv',
      format: 'csv',
      checksum: 'bench',
      rows_read: 0,
      added: 0,
      already_held: 0,
      unmatched: 0,
      rejected: 0,
      report: '[]',
      imported_by: null,
      imported_at: new Date('2026-12-07T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await sql`
    insert into proven_offences (person_id, pnc_key, disposal, offence_code, offence_date, proven_date, import_id)
    select id, 'BC-' || g, 'conviction', '10501', day + 60, day + 100, ${Number(imported.id)}::bigint from bench_people where g % 7 = 0
    union all
    select id, 'BK-' || g, 'caution', '10501', day + 3, day + 5, ${Number(imported.id)}::bigint
      from bench_people where g % 20 = 0 and g <= ${n}`.execute(db)
  await sql`
    insert into risk_scores (person_id, algorithm, algorithm_version, calculated_on, score, inputs, output)
    select id, 'OGRS3', '3', day, 10 + g % 80, '{}'::jsonb, '{}'::jsonb from bench_people
    union all
    select id, 'ARP', '4', day, 5 + g % 85, '{}'::jsonb, '{}'::jsonb from bench_people where g % 2 = 0`.execute(db)
}

/**
 * For the HTTP benchmark's "PNC import report" journey: the latest PNC import, or (on a database with none) a
 * 200-row extract about these CRNs imported through the product's own use case. Returns its id.
 */
export async function preparePncImport(db: Kysely<Database>, crns: readonly string[]): Promise<number> {
  const latest = await db.selectFrom('pnc_imports').select('id').orderBy('id', 'desc').executeTakeFirst()
  if (latest) return Number(latest.id)
  const lines = ['pncKey,crn,disposal,offenceCode,offenceDate,provenDate,provenBy']
  for (const [k, crn] of crns.slice(0, 200).entries())
    lines.push(
      `BENCH-${k},${crn},${k % 4 ? 'conviction' : 'caution'},10501,2026-0${1 + (k % 6)}-10,2026-08-01,Bench Court`,
    )
  const ctx = { user: undefined, requestId: 'bench-setup-pnc', ip: null }
  const bytes = Buffer.from(lines.join('\n'), 'utf8')
  const result = await importConvictionsExtract({ db, clock: systemClock }, ctx, {
    ok: true,
    value: { fileName: 'bench-extract.csv', bytes },
  })
  return result.id
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchOutcomes()
