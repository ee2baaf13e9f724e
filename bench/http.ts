import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config.ts'
import { connect } from '../src/db/connect.ts'
import { createScratchDatabase } from '../src/db/scratch-database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import type { Database } from '../src/db/schema.ts'
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../src/seed/demo.ts'
import { crnPrefixOf, seedNational } from '../src/seed/national/index.ts'
import { buildApp } from '../src/web/app.ts'
import { benchNationalRecalculation } from './national-recalculation.ts'

/**
 * The HTTP benchmark (issue 7): the real app (buildApp + listen) over a PostgreSQL database holding the national
 * dataset, driven by autocannon with concurrent simulated users through the main journeys.
 *
 * Database: BENCH_DATABASE_URL (seeded here with the national dataset if its seed is missing), or a fresh database
 * created on the local server (TEST_DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432) and seeded at
 * BENCH_SCALE (default 0.01), dropped afterwards unless BENCH_KEEP=1.
 * Load: BENCH_CONNECTIONS simultaneous users (50; 10 when PROBITY_BENCH_QUICK=1) for BENCH_SECONDS per journey
 * (15; 3 quick).
 *
 * Per journey it prints requests/s, p50/p95/p99 latency under load, errors, and the overhead ratio: the median
 * single-user page time ÷ the median time of the same page's SQL run directly. The SQL is captured with a Kysely
 * `log` hook while the page is requested alone, then replayed statement by statement on a separate connection
 * (in a transaction rolled back afterwards).
 */

const SEED = 1
const quick = process.env.PROBITY_BENCH_QUICK === '1'

interface Journey {
  name: string
  budgetMs: number
  method: 'GET' | 'POST'
  /** Each request's path (and body for POST), by request number. */
  next: (k: number) => { path: string; body?: string }
  expect: number
  /** Which signed-in user makes the requests. */
  user: number
}

export interface JourneyResult {
  name: string
  requests: number
  /** Requests per second with every user requesting as fast as they can, and the p95 then. */
  rps: number
  flatP95: number
  /** The server's own p95 (Fastify's elapsed time) in the paced run. */
  serverP95: number
  /** Latency percentiles with the users paced (BENCH_USER_RATE requests per second each). */
  p50: number
  p95: number
  p99: number
  errors: number
  budgetMs: number
  pageMs: number
  sqlMs: number
  queries: number
  ratio: number
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN)
const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50)

/** Makes sure the database holds the national dataset (idempotent per seed). */
async function prepare(url: string, scale: number) {
  const handle = await connect({ databaseUrl: url })
  try {
    await migrateToLatest(handle.db)
    await seedDemoIfEmpty(handle.db)
    const result = await seedNational({ db: handle.db, kind: 'postgres', databaseUrl: url }, { scale, seed: SEED })
    console.log(result.status === 'seeded' ? result.summary.split('\n')[0] : `http: ${result.summary}`)
  } finally {
    await handle.close()
  }
}

/** A signed-in session over real HTTP: the cookie header and the CSRF token. */
async function signIn(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/sign-in`)
  const cookies = new Map<string, string>()
  const absorb = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const [k, v] = pair.split('=')
      cookies.set(k, v)
    }
  }
  absorb(page)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ username, password: DEMO_PASSWORD, _csrf: csrf }).toString(),
  })
  absorb(res)
  if (res.status !== 303 && res.status !== 302) throw new Error(`sign-in as ${username} failed: ${res.status}`)
  const home = await fetch(`${base}/people`, { headers: { cookie: cookieHeader() } })
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(await home.text())?.[1] ?? ''
  return { cookie: cookieHeader(), csrf: token }
}

/** Two adjacent letters of the surname swapped ("Smith" → "Smtih"), as a hurried user types it. */
const misspell = (name: string) => {
  const k = Math.max(1, Math.floor(name.length / 2) - 1)
  return name.slice(0, k) + name[k + 1] + name[k] + name.slice(k + 2)
}

export async function benchHttp(): Promise<JourneyResult[]> {
  const scale = Number(process.env.BENCH_SCALE ?? '0.01')
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  let url = process.env.BENCH_DATABASE_URL
  let drop: (() => Promise<void>) | undefined
  try {
    if (!url) {
      const created = await createScratchDatabase(serverUrl, 'probity_bench_http')
      url = created.url
      if (process.env.BENCH_KEEP !== '1') drop = created.drop
    }
  } catch (error) {
    console.log(`http: skipped (no PostgreSQL server: ${(error as Error).message})`)
    return []
  }
  const seedStarted = performance.now()
  await prepare(url, scale)
  const seedSeconds = (performance.now() - seedStarted) / 1000

  // The app's own pool, with a log hook timing every query (used only while one request runs alone).
  let capture: { sql: CompiledQuery[]; ms: number } | null = null
  const pool = new pg.Pool({
        connectionString: url,
        max: 20,
        // The same type parsers as src/db/connect.ts: dates stay ISO strings, bigint and numeric become numbers.
        types: { getTypeParser: ((oid: number, format?: string) => (oid === 1082 ? (v: string) => v : oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser },
  })
  // The benchmark database is dropped at the end; an idle connection closed then must not crash the run.
  pool.on('error', () => {})
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: event => {
      if (capture && event.level === 'query') {
        capture.sql.push(event.query)
        capture.ms += event.queryDurationMillis
      }
    },
  })
  const config = loadConfig({ NODE_ENV: 'production', PROBITY_SEED_DEMO: 'false', TRUST_PROXY: 'true', LOG_LEVEL: 'silent', DATABASE_URL: url })
  const app = await buildApp({ config, db, databaseKind: 'postgres', logger: false })
  // Server-side time of every response (routing to last byte handed to the socket), to set beside the client's.
  let serverTimes: number[] = []
  app.addHook('onResponse', async (_request, reply) => {
    serverTimes.push(reply.elapsedTime)
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const direct = new pg.Client({ connectionString: url })
  await direct.connect()

  try {
    // What the journeys need: the practitioners' cases, long-running cases, appointments waiting for an outcome,
    // CRNs and names from across the country.
    const prefix = crnPrefixOf(SEED)
    const users = [1, 2, 3, 4, 5].map(k => `nat${SEED}.practitioner${k}`)
    const sessions = await Promise.all(users.map(u => signIn(base, u)))
    const staff = await db.selectFrom('users').select(['username', 'staff_id']).where('username', 'in', users).execute()
    const staffOf = new Map(staff.map(s => [s.username, s.staff_id!]))
    const mine = await db.selectFrom('people').select('crn').where('managing_staff_id', '=', staffOf.get(users[0])!).orderBy('crn').execute()
    const longRunning = await db
      .selectFrom('contacts')
      .innerJoin('people', 'people.id', 'contacts.person_id')
      .select(['people.crn', db.fn.countAll<number>().as('n')])
      .where('people.managing_staff_id', '=', staffOf.get(users[0])!)
      .groupBy('people.crn')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    const sample = await db
      .selectFrom('people')
      .select(['crn', 'forename', 'surname'])
      .where('crn', 'like', `${prefix}%`)
      .where(eb => eb(eb.fn('mod', ['id', eb.lit(97)]), '=', 0))
      .limit(500)
      .execute()
    // Appointments of the last 60 days of the five practitioners' cases: the first outcome or a corrected one.
    const pending = await db
      .selectFrom('contacts')
      .innerJoin('people', 'people.id', 'contacts.person_id')
      .select(['contacts.id', 'contacts.version', 'people.crn', 'people.managing_staff_id'])
      .where('people.managing_staff_id', 'in', [...staffOf.values()])
      .where('contacts.is_appointment', '=', true)
      .where('contacts.starts_at', '<', new Date())
      .where('contacts.starts_at', '>', new Date(Date.now() - 60 * 86_400_000))
      .where(eb => eb.or([eb('contacts.outcome', 'is', null), eb('contacts.outcome', 'not like', 'rescheduled%')]))
      .orderBy('contacts.id')
      .execute()
    if (pending.length < 20) throw new Error(`only ${pending.length} recent appointments; seed a larger scale`)
    const versions = new Map(pending.map(p => [p.id, p.version]))
    const sessionOfStaff = new Map(users.map((u, k) => [staffOf.get(u)!, k]))
    // Pending appointments, each session's own: the outcome journey cycles through them, bumping the version it posts.
    const outcomeFor = (k: number) => {
      const p = pending[k % pending.length]
      const version = versions.get(p.id)!
      versions.set(p.id, version + 1)
      const s = sessions[sessionOfStaff.get(p.managing_staff_id!)!]
      return { path: `/people/${p.crn}/appointments/${p.id}/outcome`, body: new URLSearchParams({ _csrf: s.csrf, outcome: 'attended_complied', version: String(version) }).toString(), cookie: s.cookie }
    }

    const journeys: Journey[] = [
      { name: 'search by CRN', budgetMs: 10, method: 'GET', expect: 200, user: 0, next: k => ({ path: `/people?q=${sample[k % sample.length].crn}` }) },
      {
        name: 'search by misspelt name',
        budgetMs: 100,
        method: 'GET',
        expect: 200,
        user: 0,
        next: k => ({ path: `/people?q=${encodeURIComponent(`${sample[k % sample.length].forename} ${misspell(sample[k % sample.length].surname)}`)}` }),
      },
      { name: 'case overview', budgetMs: 50, method: 'GET', expect: 200, user: 0, next: k => ({ path: `/people/${mine[k % mine.length].crn}` }) },
      { name: 'risk page', budgetMs: 50, method: 'GET', expect: 200, user: 0, next: k => ({ path: `/people/${mine[k % mine.length].crn}/risk` }) },
      { name: `caseload (${mine.length} cases)`, budgetMs: 50, method: 'GET', expect: 200, user: 0, next: () => ({ path: '/caseload' }) },
      { name: `activity log (${longRunning.n} contacts)`, budgetMs: 50, method: 'GET', expect: 200, user: 0, next: () => ({ path: `/people/${longRunning.crn}/activity` }) },
      { name: 'record an outcome', budgetMs: 50, method: 'POST', expect: 303, user: 0, next: k => outcomeFor(k) },
      { name: 'allocation queue', budgetMs: 50, method: 'GET', expect: 200, user: 0, next: () => ({ path: '/allocations' }) },
    ]

    const connections = Number(process.env.BENCH_CONNECTIONS ?? (quick ? 10 : 50))
    const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 3 : 15))
    const alone = quick ? 8 : 30
    const userRate = Number(process.env.BENCH_USER_RATE ?? '1')
    const results: JourneyResult[] = []
    let requestNo = 0
    for (const j of journeys) {
      // 1. Alone: page time, and its SQL captured then replayed directly.
      const pageTimes: number[] = []
      const sqlTimes: number[] = []
      let queries = 0
      for (let k = 0; k < alone; k++) {
        const r = j.next(requestNo++) as { path: string; body?: string; cookie?: string }
        capture = { sql: [], ms: 0 }
        const t0 = performance.now()
        const res = await fetch(base + r.path, {
          method: j.method,
          redirect: 'manual',
          headers: { cookie: r.cookie ?? sessions[j.user].cookie, 'x-forwarded-for': `10.1.${k % 250}.${(k >> 8) % 250}`, ...(r.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
          body: r.body,
        })
        await res.arrayBuffer()
        pageTimes.push(performance.now() - t0)
        const captured: { sql: CompiledQuery[]; ms: number } = capture
        capture = null
        if (res.status !== j.expect) throw new Error(`${j.name}: ${r.path} answered ${res.status}`)
        queries = captured.sql.length
        await direct.query('begin')
        const s0 = performance.now()
        const each: [number, string][] = []
        for (const q of captured.sql) {
          const q0 = performance.now()
          await direct.query(q.sql, q.parameters as unknown[])
          each.push([performance.now() - q0, q.sql])
        }
        sqlTimes.push(performance.now() - s0)
        // BENCH_TRACE=1: the three slowest statements of any lone request slower than 20 ms in SQL.
        if (process.env.BENCH_TRACE === '1' && sqlTimes[sqlTimes.length - 1] > 20) {
          for (const [ms, text] of each.sort((a, b) => b[0] - a[0]).slice(0, 3)) console.log(`  trace ${j.name}: ${ms.toFixed(1)} ms ${text.replace(/\s+/g, ' ').slice(0, 300)}`)
        }
        await direct.query('rollback')
      }
      // 2. Under load: concurrent simulated users, each request from its own address (the per-IP rate limit is for
      //    abuse, not for a room of practitioners behind one proxy). First as fast as they can (the most the
      //    server does), then paced at BENCH_USER_RATE requests per second per user (default 1: a page a second
      //    each, far busier than a practitioner) for the latency percentiles the budgets are about.
      const load = async (overallRate?: number) => {
        const latencies: number[] = []
        const codes = new Map<number, number>()
        serverTimes = []
        const result = await autocannon({
          url: base,
          connections,
          duration: seconds,
          ...(overallRate ? { overallRate } : {}),
          requests: [
            {
              setupRequest: req => {
                const r = j.next(requestNo++) as { path: string; body?: string; cookie?: string }
                const n = requestNo
                return {
                  ...req,
                  method: j.method,
                  path: r.path,
                  body: r.body,
                  headers: {
                    cookie: r.cookie ?? sessions[j.user].cookie,
                    'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
                    ...(r.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
                  },
                }
              },
            },
          ],
          setupClient: client => {
            client.on('response', (status: number, _bytes: number, ms: number) => {
              latencies.push(ms)
              codes.set(status, (codes.get(status) ?? 0) + 1)
            })
          },
        })
        // Let requests still in flight finish before anything else is measured.
        await new Promise(resolve => setTimeout(resolve, 500))
        latencies.sort((a, b) => a - b)
        const server = [...serverTimes].sort((a, b) => a - b)
        const errors = [...codes].filter(([c]) => c !== j.expect).reduce((a, [, n]) => a + n, 0) + result.errors + result.timeouts
        if (errors) console.log(`http: ${j.name}: status codes ${JSON.stringify(Object.fromEntries(codes))}, ${result.errors} errors, ${result.timeouts} timeouts`)
        return { latencies, errors, server }
      }
      const flat = await load()
      const paced = await load(Math.max(1, Math.round(connections * userRate)))
      const latencies = paced.latencies
      const errors = flat.errors + paced.errors
      const pageMs = median(pageTimes)
      const sqlMs = median(sqlTimes)
      results.push({
        name: j.name,
        requests: flat.latencies.length + paced.latencies.length,
        rps: flat.latencies.length / seconds,
        flatP95: percentile(flat.latencies, 95),
        serverP95: percentile(paced.server, 95),
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        errors,
        budgetMs: j.budgetMs,
        pageMs,
        sqlMs,
        queries,
        ratio: pageMs / sqlMs,
      })
    }

    const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))
    console.log(
      `http: ${connections} simultaneous users, ${seconds} s per journey and load, scale ${scale} (seed ${SEED}; ready in ${seedSeconds.toFixed(0)} s), Node ${process.version}, PostgreSQL on the same machine\n` +
        `  max req/s and p95 with the users requesting back to back; p50/p95/p99 with them paced at ${userRate} req/s each (${Math.round(connections * userRate)} req/s in all)`,
    )
    console.log('  journey                       max req/s (p95 ms)   p50 ms   p95 ms   p99 ms  server p95  budget p95  errors  alone ms  SQL ms (queries)  overhead')
    for (const r of results) {
      console.log(
        `  ${r.name.padEnd(31)} ${f(r.rps).padStart(6)} (${f(r.flatP95).padStart(6)}) ${f(r.p50).padStart(8)} ${f(r.p95).padStart(8)} ${f(r.p99).padStart(8)} ${f(r.serverP95).padStart(11)} ${`< ${r.budgetMs}`.padStart(10)}${r.p95 < r.budgetMs ? ' ' : '!'} ${String(r.errors).padStart(6)} ${f(r.pageMs).padStart(9)} ${f(r.sqlMs).padStart(7)} (${String(r.queries).padStart(2)}) ${`${r.ratio.toFixed(1)}×`.padStart(9)}${r.ratio < 3 ? '' : '!'}`,
      )
    }
    // The whole-dataset recalculations, on the same database (their own connections; the server is idle now).
    // BENCH_RECALCULATE=0 skips them (to repeat the HTTP journeys alone).
    if (process.env.BENCH_RECALCULATE !== '0') await benchNationalRecalculation(url, SEED)
    return results
  } finally {
    await direct.end()
    await app.close()
    await db.destroy()
    if (drop) await drop()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchHttp()
