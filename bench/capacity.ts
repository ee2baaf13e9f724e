/**
 * The headline capacity figure (issue 21): how many practitioners one node serves at once. Each simulated
 * practitioner works through the benchmark's mixed journey (the practitioners' pages of the soak's mix, in its
 * proportions: search, case pages, caseload, activity log, home, recording an outcome, the
 * custody and licence pages; management, public and admin pages are measured on their own), thinking 20 s on average between pages
 * (exponential); a number of practitioners is served when the client p95 stays under 100 ms with no error (no
 * unexpected status, time-out or failed connection). The search doubles the number until a step fails, then halves
 * the gap between the last number served and the first not served a few times.
 *
 * The figure to compare it with: in 2015 London's new case system let 1,250 of its 3,000 staff on at a time.
 */

export interface CapacitySettings {
  /** Mean think time between pages, ms (exponential). */
  thinkMs: number
  /** How long each number of practitioners is run, s. */
  seconds: number
  /** The first number tried, and the largest. */
  from: number
  max: number
  /** How many times the gap between served and not served is halved after the doubling. */
  refine: number
  /** Numbers are rounded to a multiple of this. */
  roundTo: number
  /** A number is served when the client p95 is under this, ms, with no error. */
  p95Ms: number
}

/**
 * BENCH_CAPACITY_* override each setting (BENCH_CAPACITY_REFINE may be 0: no halving after the first failure); the
 * quick pass (CI) proves the search works in about half a minute (100 then 200 practitioners, 10 s each: too few
 * requests for a figure to quote).
 */
export function capacitySettingsFrom(env: NodeJS.ProcessEnv): CapacitySettings {
  const quick = env.PROBITY_BENCH_QUICK === '1'
  const numberFrom = (name: string, fallback: number, { zero = false } = {}) => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isFinite(n) || n < 0 || (n === 0 && !zero))
      throw new Error(`${name} must be a ${zero ? 'number, 0 or more' : 'positive number'}, got "${raw}"`)
    return n
  }
  return {
    thinkMs: numberFrom('BENCH_CAPACITY_THINK_MS', 20_000),
    seconds: numberFrom('BENCH_CAPACITY_SECONDS', quick ? 10 : 60),
    from: numberFrom('BENCH_CAPACITY_FROM', quick ? 100 : 500),
    max: numberFrom('BENCH_CAPACITY_MAX', quick ? 200 : 16_000),
    refine: numberFrom('BENCH_CAPACITY_REFINE', quick ? 0 : 3, { zero: true }),
    roundTo: numberFrom('BENCH_CAPACITY_ROUND', quick ? 10 : 50),
    p95Ms: numberFrom('BENCH_CAPACITY_P95_MS', 100),
  }
}

export const capacitySettings: CapacitySettings = capacitySettingsFrom(process.env)

export interface CapacityStep {
  users: number
  requests: number
  /** Requests per second achieved, and offered (users ÷ think time) had every page been instant. */
  rps: number
  offeredRps: number
  p50: number
  p95: number
  p99: number
  errors: number
  served: boolean
}

export interface CapacityResult {
  steps: CapacityStep[]
  /** The most practitioners served; 0 when even the first number was not. */
  served: number
  /** The fewest not served; undefined when every number up to the largest was served. */
  notServed?: number
}

/** The next number of practitioners to try, or undefined when the search is done. Pure, so it is tested. */
export function nextCapacityStep(steps: readonly CapacityStep[], s: CapacitySettings): number | undefined {
  if (steps.length === 0) return s.from
  const served = steps.filter(t => t.served).map(t => t.users)
  const failed = steps.filter(t => !t.served).map(t => t.users)
  const best = served.length ? Math.max(...served) : 0
  const worst = failed.length ? Math.min(...failed) : undefined
  if (worst === undefined) {
    // Still doubling.
    const next = Math.min(s.max, best * 2)
    return next > best ? next : undefined
  }
  if (best === 0) return undefined
  const refinements = steps.length - steps.findIndex(t => !t.served) - 1
  if (refinements >= s.refine) return undefined
  const middle = Math.round((best + worst) / 2 / s.roundTo) * s.roundTo
  return middle > best && middle < worst ? middle : undefined
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN

/** Runs the search; `run` drives that many practitioners for `s.seconds` and returns the load's raw result. */
export async function findCapacity(
  run: (users: number) => Promise<{
    latency: number[]
    seconds: number
    timeouts: number
    errors: number
    wrongStatus: number
  }>,
  s: CapacitySettings,
): Promise<CapacityResult> {
  const steps: CapacityStep[] = []
  for (let users = nextCapacityStep(steps, s); users !== undefined; users = nextCapacityStep(steps, s)) {
    const r = await run(users)
    const sorted = [...r.latency].sort((a, b) => a - b)
    const errors = r.wrongStatus + r.timeouts + r.errors
    const p95 = percentile(sorted, 95)
    steps.push({
      users,
      requests: sorted.length,
      rps: sorted.length / r.seconds,
      offeredRps: (users * 1000) / s.thinkMs,
      p50: percentile(sorted, 50),
      p95,
      p99: percentile(sorted, 99),
      errors,
      served: errors === 0 && p95 < s.p95Ms,
    })
  }
  const served = Math.max(0, ...steps.filter(t => t.served).map(t => t.users))
  const failed = steps.filter(t => !t.served).map(t => t.users)
  return { steps, served, notServed: failed.length ? Math.min(...failed) : undefined }
}

export function printCapacity(result: CapacityResult, s: CapacitySettings, workers: number, mix: string[]) {
  const f = (x: number) => (Number.isNaN(x) ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1))
  console.log(
    `http capacity: practitioners working through their mixed journey (${mix.join(', ')}), each thinking ${s.thinkMs / 1000} s on average ` +
      `(exponential) between pages, ${s.seconds} s per number tried, against \`probity serve\` with ${workers} worker${workers > 1 ? 's' : ''}; ` +
      `served = client p95 < ${s.p95Ms} ms and no error (unexpected status, time-out, failed connection)`,
  )
  console.log('    users  offered req/s  achieved req/s   p50 ms   p95 ms   p99 ms  errors  served')
  for (const t of result.steps)
    console.log(
      `  ${String(t.users).padStart(7)} ${f(t.offeredRps).padStart(14)} ${f(t.rps).padStart(15)} ${f(t.p50).padStart(8)} ${f(t.p95).padStart(8)} ${f(t.p99).padStart(8)} ${String(t.errors).padStart(7)}  ${t.served ? 'yes' : 'no'}`,
    )
  const upTo =
    result.notServed === undefined
      ? `at least ${result.served.toLocaleString('en-GB')} (every number tried was served; BENCH_CAPACITY_MAX raises the ceiling)`
      : result.served === 0
        ? `fewer than ${result.notServed.toLocaleString('en-GB')}`
        : `${result.served.toLocaleString('en-GB')} (${result.notServed.toLocaleString('en-GB')} were not)`
  console.log(
    `  capacity: ${upTo} concurrent practitioners on this node (goal 3,000; London's system in 2015: 1,250 of 3,000 staff at a time)`,
  )
}
