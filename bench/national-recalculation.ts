import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../src/access/audit.ts'
import { connect } from '../src/db/connect.ts'
import { recalculateAllKeyDates } from '../src/features/sentencing/recalculate-all.ts'
import { recalculateRisk } from '../src/features/risk/recalculate.ts'
import { crnPrefixOf } from '../src/seed/national/index.ts'

/**
 * Whole-dataset recalculations over the seeded national database (issue 7 budgets: tiers of 1,000,000 people under
 * 60 s; release dates of every custodial case under 30 s). Runs after the HTTP benchmark on the same database.
 *
 * Tiers: the pages' own `recalculateRisk` (predictors and tiers, stored with their inputs and explanations, audit and
 * outbox rows) in batches of 1,000; PROBITY_BENCH_QUICK=1 stops after 2,000 people. Release dates: every current
 * custodial case through the product's nightly `recalculateAllKeyDates` (src/features/sentencing/recalculate-all.ts:
 * batches of 5,000 people, the sentencing domain's `buildBooking` and `calculateKeyDates`, one UPDATE … FROM unnest and
 * one INSERT … SELECT per batch), once storing every case and once for the next night (only changes written).
 */
export async function benchNationalRecalculation(databaseUrl: string, seed: number): Promise<void> {
  const quick = process.env.PROBITY_BENCH_QUICK === '1'
  const handle = await connect({ databaseUrl })
  const fmt = (x: number) => Math.round(x).toLocaleString('en-GB')
  const today = LocalDate.now()
  try {
    // Tiers.
    const ids = (
      await handle.db
        .selectFrom('people')
        .select('id')
        .where('crn', 'like', `${crnPrefixOf(seed)}%`)
        .orderBy('id')
        .limit(quick ? 2_000 : 10_000_000)
        .execute()
    ).map(r => r.id)
    const ctx: RequestContext = { user: undefined, requestId: 'bench-national-tiers', ip: null }
    let started = performance.now()
    for (let k = 0; k < ids.length; k += 1000) {
      const slice = ids.slice(k, k + 1000)
      await handle.db.transaction().execute(trx => recalculateRisk(trx, ctx, slice, { today, trigger: 'BENCH' }))
    }
    let seconds = (performance.now() - started) / 1000
    console.log(
      `national tier recalculation: ${fmt(ids.length)} people in ${seconds.toFixed(1)} s = ${fmt(ids.length / seconds)} people/s; ` +
        `1,000,000 people ≈ ${(1_000_000 / (ids.length / seconds) / 60).toFixed(1)} min (budget 1 min)`,
    )

    // Release dates for every custodial case: the product's nightly recalculation, twice. The first rewrites every
    // case (force: the seed stores no key dates, and a reused database must not measure an already-stored state);
    // the second, the next night, is the steady state: every case calculated, only the changed ones written.
    const releaseCtx: RequestContext = { user: undefined, requestId: 'bench-national-release-dates', ip: null }
    const all = await recalculateAllKeyDates(handle.db, releaseCtx, { today, trigger: 'BENCH', force: true })
    console.log(
      `national release-date recalculation: ${fmt(all.people)} custodial cases (${fmt(all.sentences)} sentences, ${fmt(all.refused)} refused) in ${all.seconds.toFixed(1)} s = ` +
        `${fmt(all.people / all.seconds)} cases/s (budget: every custodial case under 30 s)`,
    )
    const next = await recalculateAllKeyDates(handle.db, releaseCtx, { today: today.plusDays(1), trigger: 'BENCH' })
    console.log(
      `  every case stored (${fmt(all.changed)}); the next night: ${fmt(next.people)} cases in ${next.seconds.toFixed(1)} s = ` +
        `${fmt(next.people / next.seconds)} cases/s, ${fmt(next.changed)} changed and stored, ${fmt(next.unchanged)} unchanged (not rewritten)`,
    )
  } finally {
    await handle.close()
  }
}
