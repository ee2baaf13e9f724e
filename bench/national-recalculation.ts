import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../src/access/audit.ts'
import { connect } from '../src/db/connect.ts'
import { recalculateAllKeyDates } from '../src/features/sentencing/recalculate-all.ts'
import { recalculateAllTiers, type TierRecalculationRun } from '../src/features/risk/recalculate-all.ts'

/**
 * Whole-dataset recalculations over the seeded national database (issue 7 budgets: tiers of 1,000,000 people under
 * 60 s; release dates of every custodial case under 30 s). Runs after the HTTP benchmark on the same database.
 *
 * Tiers: the product's nightly `recalculateAllTiers` (src/features/risk/recalculate-all.ts), run twice: right after
 * the seed (every person's predictors calculated and stored too) and for the next day (the steady state: tiers from
 * the stored scores, only changes written); PROBITY_BENCH_QUICK=1 stops after 2,000 people. Release dates: every current
 * custodial case through the product's nightly `recalculateAllKeyDates` (src/features/sentencing/recalculate-all.ts:
 * batches of 5,000 people, the sentencing domain's `buildBooking` and `calculateKeyDates`, one UPDATE … FROM unnest and
 * one INSERT … SELECT per batch), once storing every case and once for the next night (only changes written).
 */
export async function benchNationalRecalculation(databaseUrl: string, _seed: number): Promise<void> {
  const quick = process.env.PROBITY_BENCH_QUICK === '1'
  const handle = await connect({ databaseUrl })
  const fmt = (x: number) => Math.round(x).toLocaleString('en-GB')
  const today = LocalDate.now()
  try {
    // Tiers: the product's nightly run, twice. The first after the seed calculates everyone's predictors too (the
    // seed stores none); the second, the next night, is the steady state the budget is about.
    const ctx: RequestContext = { user: undefined, requestId: 'bench-national-tiers', ip: null }
    const limit = quick ? 2_000 : undefined
    const describe = (r: TierRecalculationRun) =>
      `${fmt(r.people)} people in ${r.seconds.toFixed(1)} s = ${fmt(r.people / r.seconds)} people/s ` +
      `(${fmt(r.fullyCalculated)} with their predictors; ${fmt(r.scoresStored)} scores and ${fmt(r.tiersStored)} tiers stored, ${fmt(r.tierChanges)} people's tier changed)`
    const first = await recalculateAllTiers(handle.db, ctx, { today, trigger: 'BENCH', limit })
    console.log(`national tier recalculation, first run (predictors calculated too): ${describe(first)}`)
    const nightly = await recalculateAllTiers(handle.db, ctx, { today: today.plusDays(1), trigger: 'BENCH', limit })
    console.log(
      `national tier recalculation, the next night: ${describe(nightly)}; ` +
        `1,000,000 people ≈ ${(1_000_000 / (nightly.people / nightly.seconds)).toFixed(0)} s (budget 60 s)`,
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
