import { pathToFileURL } from 'node:url'
import { sql } from 'kysely'
import { connect, type DatabaseHandle } from '../src/db/connect.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { createScratchDatabase } from '../src/db/scratch-database.ts'
import { normaliseName } from '../src/domain/names/normalise.ts'
import { searchNameCandidates, type NameSearchWay } from '../src/features/people/queries.ts'
import { rankCandidates } from '../src/features/people/search.ts'
import { seedNational } from '../src/seed/national/index.ts'
import { SCALE1_CASES, TYPO_RULES, type TypoCase } from './name-typos.ts'

/**
 * The misspelt-name search's recall and time (issue 21): each typo is searched as the people page searches a name
 * (`searchNameCandidates`, then `rankCandidates`; no audit row, so it only reads) and the person it should find is
 * looked for in the first 50 results (the page) and the first 10. Prints recall@50, recall@10, the median, p95 and
 * maximum time per search (SQL and ranking, each search the median of its runs), and how many searches went each
 * way with the names that way read (a trigram fallback's count is the searches whose typo changed how the surname
 * sounds).
 *
 * Cases: `TYPO_RULES` applied to 60 people chosen by CRN at even steps through the national seed's CRNs, plus, on
 * the national dataset at seed 1, scale 1.0, the fixed `SCALE1_CASES` (bench/name-typos.ts).
 *
 * Database: BENCH_NAME_SEARCH_URL (an already seeded national database, e.g. probity_scale1; only read), or a fresh
 * database on the local server (TEST_DATABASE_URL's server), migrated and seeded at scale 0.01 with
 * PROBITY_BENCH_QUICK=1 (CI) or PROBITY_BENCH_NAME_SCALE (default 0.1), dropped afterwards.
 *
 * @example
 * BENCH_NAME_SEARCH_URL=postgres://postgres@127.0.0.1:5432/probity_scale1 node bin/run-ts.mjs bench/name-search.ts
 */
export async function benchNameSearch(): Promise<void> {
  const quick = process.env.PROBITY_BENCH_QUICK === '1'
  const runs = quick ? 1 : 3
  const given = process.env.BENCH_NAME_SEARCH_URL
  if (given) {
    const handle = await connect({ databaseUrl: given })
    try {
      await run(handle, runs)
    } finally {
      await handle.close()
    }
    return
  }
  const scale = quick ? 0.01 : Number(process.env.PROBITY_BENCH_NAME_SCALE ?? 0.1)
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const scratch = await createScratchDatabase(serverUrl, 'probity_bench_names').catch((e: Error) => {
    console.log(`name search: skipped (${e.message})`)
    return undefined
  })
  if (!scratch) return
  const handle = await connect({ databaseUrl: scratch.url })
  try {
    await migrateToLatest(handle.db)
    await seedNational({ db: handle.db, kind: 'postgres', databaseUrl: scratch.url }, { scale, seed: 1 })
    await sql`analyze`.execute(handle.db)
    await run(handle, runs)
  } finally {
    await handle.close()
    await scratch.drop()
  }
}

const GENERATED_PEOPLE = 60

type Person = { crn: string; forename: string; surname: string; date_of_birth: string }

/** The cases for this database: the rules applied to people at even CRN steps, and the fixed cases that apply. */
async function casesFor(handle: DatabaseHandle): Promise<{ cases: TypoCase[]; fixedSkipped: number }> {
  const db = handle.db
  const { count } = (
    await sql<{ count: number }>`select count(*)::int as count from people where crn like 'N%'`.execute(db)
  ).rows[0]
  const crns = Array.from(
    { length: GENERATED_PEOPLE },
    (_, i) => `N${String(Math.floor((i * count) / GENERATED_PEOPLE)).padStart(6, '0')}`,
  )
  const chosen = (
    await sql<Person>`
      select crn, forename, surname, date_of_birth::text as date_of_birth from people
      where crn = any(${crns}::text[]) and deleted_at is null order by crn`.execute(db)
  ).rows
  const cases: TypoCase[] = []
  chosen.forEach((p, i) => {
    // Each person gets the first rule that applies, starting at a different rule for each.
    for (let j = 0; j < TYPO_RULES.length; j++) {
      const rule = TYPO_RULES[(i + j) % TYPO_RULES.length]
      const typed = rule.apply(p)
      if (typed) {
        cases.push({
          typed,
          rule: rule.name,
          crn: p.crn,
          forename: p.forename,
          surname: p.surname,
          dateOfBirth: p.date_of_birth,
        })
        break
      }
    }
  })
  const fixed = (
    await sql<Person>`
      select crn, forename, surname, date_of_birth::text as date_of_birth from people
      where crn = any(${SCALE1_CASES.map(c => c.crn)}::text[]) and deleted_at is null`.execute(db)
  ).rows
  const present = new Set(fixed.map(p => `${p.crn}|${p.forename}|${p.surname}|${p.date_of_birth}`))
  const applicable = SCALE1_CASES.filter(c => present.has(`${c.crn}|${c.forename}|${c.surname}|${c.dateOfBirth}`))
  return { cases: [...cases, ...applicable], fixedSkipped: SCALE1_CASES.length - applicable.length }
}

interface Outcome {
  c: TypoCase
  rank: number | null
  /** Someone with the target's exact name is among the 50 (telling a ranking tie from a name not found). */
  nameShown: boolean
  ms: number
  ways: { way: NameSearchWay; names: number }[]
}

/** One search as the people page makes it (src/features/people/search.ts `findByName`, without the audit). */
async function search(handle: DatabaseHandle, c: TypoCase, runs: number): Promise<Outcome> {
  const normalised = normaliseName(c.typed)
  const tokens = normalised.split(' ').filter(Boolean).slice(0, 6)
  const times: number[] = []
  let rank: number | null = null
  let nameShown = false
  let ways: Outcome['ways'] = []
  for (let k = 0; k < runs; k++) {
    await handle.db.transaction().execute(async trx => {
      const started = performance.now()
      const found = await searchNameCandidates(trx, normalised, tokens, undefined)
      const ranked = rankCandidates(found.candidates, tokens, null)
      times.push(performance.now() - started)
      ways = found.ways
      const top = ranked.slice(0, 50).map(r => r.personId)
      const shown = (
        await sql<{ id: number; crn: string; forename: string; surname: string }>`
          select id, crn, forename, surname from people where id = any(${top}::bigint[])`.execute(trx)
      ).rows
      const crnOf = new Map(shown.map(r => [Number(r.id), r.crn]))
      const at = top.findIndex(id => crnOf.get(id) === c.crn)
      nameShown = shown.some(r => r.forename === c.forename && r.surname === c.surname)
      rank = at >= 0 ? at + 1 : null
    })
  }
  return { c, rank, nameShown, ms: median(times), ways }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function run(handle: DatabaseHandle, runs: number) {
  const { cases, fixedSkipped } = await casesFor(handle)
  // One pass first so every search is timed on warm caches, as a busy server's are.
  for (const c of cases) await search(handle, c, 1)
  const outcomes: Outcome[] = []
  for (const c of cases) outcomes.push(await search(handle, c, runs))
  const pct = (n: number) => `${((100 * n) / outcomes.length).toFixed(1)} %`
  const at50 = outcomes.filter(o => o.rank !== null).length
  const at10 = outcomes.filter(o => o.rank !== null && o.rank <= 10).length
  const named = outcomes.filter(o => o.nameShown).length
  const times = outcomes.map(o => o.ms)
  const ms = (x: number) => `${x.toFixed(1)} ms`
  console.log(
    `name search (${handle.description}): ${outcomes.length} misspellings (${outcomes.length - (SCALE1_CASES.length - fixedSkipped)} from rules, ${SCALE1_CASES.length - fixedSkipped} fixed; ${fixedSkipped} fixed cases not in this database)`,
  )
  console.log(
    `  recall@50 ${at50}/${outcomes.length} (${pct(at50)}), recall@10 ${at10}/${outcomes.length} (${pct(at10)})`,
  )
  console.log(`  the target's exact name among the 50: ${named}/${outcomes.length} (${pct(named)})`)
  console.log(
    `  per search: median ${ms(median(times))}, p95 ${ms(percentile(times, 95))}, max ${ms(Math.max(...times))}`,
  )
  const byWay = new Map<NameSearchWay, { searches: number; names: number; times: number[] }>()
  for (const o of outcomes) {
    for (const w of o.ways) {
      const entry = byWay.get(w.way) ?? { searches: 0, names: 0, times: [] }
      entry.searches++
      entry.names += w.names
      entry.times.push(o.ms)
      byWay.set(w.way, entry)
    }
  }
  for (const [way, e] of byWay)
    console.log(
      `  way ${way}: ${e.searches} searches read ${e.names} names (${(e.names / e.searches).toFixed(0)} each); those searches median ${ms(median(e.times))}, max ${ms(Math.max(...e.times))}`,
    )
  for (const o of outcomes.filter(o => o.rank === null || o.rank > 10))
    console.log(
      `  ${o.rank === null ? 'not found' : `at ${o.rank}`}: "${o.c.typed}" (${o.c.rule}) for ${o.c.crn} ${o.c.forename} ${o.c.surname}`,
    )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchNameSearch()
