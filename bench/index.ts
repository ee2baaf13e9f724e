/**
 * `npm run bench`: measured, not asserted. Prints throughput and percentiles; budgets live in the issues.
 * PROBITY_BENCH_QUICK=1 (used by CI) runs the same code once, briefly, to prove it works.
 */
import { benchHttp } from './http.ts'
import { benchNameSearch } from './name-search.ts'
import { benchOutcomes } from './outcomes.ts'
import { benchReleaseDates } from './release-dates.ts'
import { benchRisk } from './risk.ts'
import { benchTier } from './tier.ts'
import { benchTierRecalculation } from './tier-recalculation.ts'

const started = Date.now()
console.log(`Probity benchmarks on Node ${process.version}, ${new Date().toISOString()}`)
await benchReleaseDates()
await benchRisk()
await benchTier()
await benchTierRecalculation()
await benchOutcomes()
await benchNameSearch()
await benchHttp()
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
