import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { runTierRequest } from '../src/domain/tier/index.ts'

/** The public reference requests (v2 and v3 mixed), so the benchmark exercises every rule the tests cover. */
function loadRequests(): unknown[] {
  const url = new URL('../test/vectors/tier.json', import.meta.url)
  const { cases } = JSON.parse(readFileSync(url, 'utf8')) as { cases: { request: unknown }[] }
  return cases.map(c => c.request)
}

/**
 * Tier calculations per second on one core (single-threaded loop), through `runTierRequest`: validation of the
 * JSON request, the calculation and the explanation, i.e. the cost a `probity tier` batch or a recalculation job
 * pays per person.
 *
 * @example
 * await benchTier() // prints e.g. "tier: 85 reference requests, 250,000 calculations/s on one core (v2 …, v3 …)"
 */
export async function benchTier(): Promise<void> {
  const requests = loadRequests()
  const byKind = (kind: string) => requests.filter(r => (r as { calculation: string }).calculation === kind)
  const measure = (batch: unknown[], ms: number): number => {
    let n = 0
    const start = performance.now()
    let elapsed = 0
    while (elapsed < ms) {
      for (const request of batch) runTierRequest(request)
      n += batch.length
      elapsed = performance.now() - start
    }
    return Math.round((n * 1000) / elapsed)
  }
  measure(requests, 300) // warm up the JIT before timing
  const all = measure(requests, 2000)
  const v2 = measure(byKind('v2'), 1000)
  const v3 = measure(byKind('v3'), 1000)
  const fmt = (n: number) => n.toLocaleString('en-GB')
  console.log(
    `tier: ${requests.length} reference requests, ${fmt(all)} calculations/s on one core ` +
      `(v2 alone ${fmt(v2)}/s, v3 alone ${fmt(v3)}/s)`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchTier()
