import { fork, type ChildProcess } from 'node:child_process'
import { availableParallelism } from 'node:os'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config.ts'
import { connect, POSTGRES_SESSION_SETTINGS } from '../src/db/connect.ts'
import { createScratchDatabase } from '../src/db/scratch-database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import type { Database } from '../src/db/schema.ts'
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../src/seed/demo.ts'
import { DEMO_CONTRACT, seedContracts } from '../src/seed/living/contracts.ts'
import { systemClock } from '../src/clock.ts'
import { latestFinalQuarter } from '../src/domain/outcomes/periods.ts'
import { crnPrefixOf, seedNational } from '../src/seed/national/index.ts'
import { buildApp } from '../src/web/app.ts'
import type { WorkerMemory } from '../src/cli/commands/serve-cluster.ts'
import { prepareCustodyWork } from './custody-work.ts'
import { prepareProtectionWork } from './protection-work.ts'
import { BENCH_AP_USER, preparePremisesWork } from './premises-work.ts'
import { BENCH_UPW_CASE_MANAGER, BENCH_UPW_MANAGER, BENCH_UPW_SUPERVISOR, prepareUpwWork } from './upw-work.ts'
import { prepareReferralWork } from './referral-work.ts'
import type { LoadCommand, LoadList, LoadRequest, LoadResult } from './load.ts'
import { benchNationalRecalculation } from './national-recalculation.ts'
import { preparePncImport } from './outcomes.ts'
import { capacitySettings, findCapacity, printCapacity } from './capacity.ts'

/**
 * The HTTP benchmark (issue 7): the real app over a PostgreSQL database holding the national dataset, driven with
 * concurrent simulated users through the main journeys. Two servers on the same database: the app built in this
 * process (buildApp + listen) for the lone requests, so their SQL can be captured; and `probity serve` started as a
 * child process with BENCH_WORKERS worker processes (default 2; PROBITY_SEED_DEMO=false, NODE_ENV=production,
 * TRUST_PROXY=127.0.0.1,::1, LOG_LEVEL=silent), as it is deployed, for the loads and the soak. The load is generated in
 * another child process (`bench/load.ts`), so the load generator does not take a server's event loop.
 *
 * Database: BENCH_DATABASE_URL (seeded here with the national dataset if its seed is missing), or a fresh database
 * created on the local server (TEST_DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432) and seeded at
 * BENCH_SCALE (default 0.01), dropped afterwards unless BENCH_KEEP=1. BENCH_ONLY (names, comma-separated) runs only
 * the journeys whose name contains one of them.
 *
 * Per journey:
 * 1. alone: one user, the page's SQL captured with a Kysely `log` hook and replayed directly (in a transaction rolled
 *    back afterwards); the overhead ratio is the median page time ÷ the median time of the same SQL.
 * 2. saturating (against `probity serve`): BENCH_CONNECTIONS users (50; 10 when PROBITY_BENCH_QUICK=1) requesting
 *    back to back for BENCH_SECONDS (15; 1 quick: CI's pass proves the loads work, the figures come from full runs), with autocannon: the most the server does, and the p95 then.
 * 3. think time (against `probity serve`): the same users in a closed loop, each sending a request, waiting for the
 *    answer, then thinking an exponentially distributed time with mean BENCH_THINK_MS (1000), for BENCH_SECONDS:
 *    achieved req/s and client p50/p95/p99.
 * Then the soak, when BENCH_SOAK_MINUTES > 0 (default 0; 20 s when PROBITY_BENCH_QUICK=1): every journey mixed, the
 * same users with think time, for that long, sampling every worker's memory as it goes: RSS from /proc/<pid>/status,
 * heapUsed after a forced GC, reported by the workers over IPC (PROBITY_REPORT_MEMORY).
 */

const SEED = 1
/** Issue 21: a page may cost at most twice its own SQL (the overhead ratio); above it the table marks '!'. */
const MAX_OVERHEAD = 2
const quick = process.env.PROBITY_BENCH_QUICK === '1'

interface Journey {
  name: string
  budgetMs: number
  expect: number
  /** The requests the journey cycles through (pre-generated; an outcome's version is bumped as it is used). */
  requests: LoadRequest[]
  /** Share of the soak's requests (out of 100). */
  soakWeight: number
  /** A budget for the page alone (one user), where the issue sets one: the exact CRN search's 10 ms (issue 21). */
  aloneBudgetMs?: number
  /** A practitioner's page: part of the capacity figure's mix (management, public and admin pages are not). */
  practitioner?: boolean
}

export interface JourneyResult {
  name: string
  requests: number
  /** Requests per second with every user requesting back to back (saturating), and the p95 then. */
  rps: number
  flatP95: number
  /** Requests per second achieved with the users thinking BENCH_THINK_MS (mean) between requests. */
  thinkRps: number
  /** Client latency percentiles in the think-time run. */
  p50: number
  p95: number
  p99: number
  errors: number
  budgetMs: number
  aloneBudgetMs?: number
  pageMs: number
  sqlMs: number
  queries: number
  ratio: number
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  )

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

/** The load generator's process (bench/load.ts), driven over its IPC channel one command at a time. */
function startLoader() {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url)),
    [fileURLToPath(new URL('./load.ts', import.meta.url))],
    {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const run = (cmd: LoadCommand) =>
    new Promise<LoadResult>((resolve, reject) => {
      const onMessage = (m: unknown) => {
        child.off('exit', onExit)
        const answer = m as { ok: true; result: LoadResult } | { ok: false; error: string }
        if (answer.ok) resolve(answer.result)
        else reject(new Error(`load generator: ${answer.error}`))
      }
      const onExit = (code: number | null) => {
        child.off('message', onMessage)
        reject(new Error(`load generator exited (${code})`))
      }
      child.once('message', onMessage)
      child.once('exit', onExit)
      child.send(cmd)
    })
  const stop = () => {
    if (child.connected) child.send({ kind: 'exit' } satisfies LoadCommand)
  }
  return { run, stop }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise(resolve => server.close(resolve))
  return port
}

/** A process's resident memory, from /proc/<pid>/status (VmRSS), in bytes; undefined when it has gone. */
function rssOf(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb === undefined ? undefined : Number(kb) * 1024
  } catch {
    return undefined
  }
}

/**
 * The Node processes whose parent is `pid` (from /proc: the cluster's workers). Other children are left out: tsx
 * starts esbuild's service process under `probity serve` when its compile cache is cold.
 */
function childrenOf(pid: number): number[] {
  const out: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const parent = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]
      if (parent === String(pid) && readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0] === process.execPath)
        out.push(Number(name))
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => a - b)
}

/**
 * `probity serve` as deployed, in a child process over `url` with `workers` worker processes (node:cluster when
 * more than one). Its IPC channel answers memory requests (PROBITY_REPORT_MEMORY); `pids()` are the processes that
 * serve requests (the workers, or the server itself with one).
 */
async function startServer(url: string, workers: number) {
  const port = await freePort()
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env))
    if (!/^(DATABASE_URL|PROBITY_|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$|TRUST_PROXY$)/.test(k)) env[k] = v
  Object.assign(env, {
    DATABASE_URL: url,
    PROBITY_WORKERS: String(workers),
    PROBITY_SEED_DEMO: 'false',
    NODE_ENV: 'production',
    TRUST_PROXY: '127.0.0.1,::1',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: String(port),
    PROBITY_REPORT_MEMORY: 'true',
  })
  const child: ChildProcess = fork(fileURLToPath(new URL('../bin/probity.mjs', import.meta.url)), ['serve'], {
    env,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  })
  let output = ''
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`probity serve did not start in 120 s:\n${output}`)), 120_000)
    child.stdout!.on('data', chunk => {
      output += chunk
      if (output.includes('Probity is running')) {
        clearTimeout(timer)
        resolve()
      }
    })
    void exited.then(code => (clearTimeout(timer), reject(new Error(`probity serve exited (${code}):\n${output}`))))
  })
  let nextId = 0
  const memory = () =>
    new Promise<WorkerMemory[]>(resolve => {
      const id = ++nextId
      const timer = setTimeout(() => (child.off('message', onMessage), resolve([])), 10_000)
      const onMessage = (m: { probity?: string; id?: number; workers?: WorkerMemory[] }) => {
        if (m.probity !== 'memory' || m.id !== id) return
        clearTimeout(timer)
        child.off('message', onMessage)
        resolve(m.workers ?? [])
      }
      child.on('message', onMessage)
      child.send({ probity: 'memory', id })
    })
  const pids = () => (workers > 1 ? childrenOf(child.pid!) : [child.pid!])
  const stop = async () => {
    if (child.exitCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    const code = await exited
    clearTimeout(timer)
    if (code !== 0) console.log(`http: probity serve exited with status ${code} on SIGTERM`)
  }
  return { base: `http://127.0.0.1:${port}`, pid: child.pid!, pids, memory, stop }
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
  // `probity serve` for the loads starts meanwhile (its workers take a few seconds to load).
  const workers = Number(process.env.BENCH_WORKERS ?? '2')
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`BENCH_WORKERS must be a whole number from 1, got "${process.env.BENCH_WORKERS}"`)
  const serverStarting = startServer(url, workers)
  serverStarting.catch(() => {})

  // The app's own pool, with a log hook timing every query (used only while one request runs alone).
  let capture: { sql: CompiledQuery[]; ms: number } | null = null
  const pool = new pg.Pool({
    connectionString: url,
    max: 20,
    // The same type parsers as src/db/connect.ts: dates stay ISO strings, bigint and numeric become numbers.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 1082
          ? (v: string) => v
          : oid === 20 || oid === 1700
            ? (v: string) => Number(v)
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  })
  // The benchmark database is dropped at the end; an idle connection closed then must not crash the run.
  pool.on('error', () => {})
  // The same session settings as the app's connections (no JIT, no parallel workers).
  pool.on('connect', client => {
    client.query(POSTGRES_SESSION_SETTINGS).catch(() => {})
  })
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: event => {
      if (capture && event.level === 'query') {
        capture.sql.push(event.query)
        capture.ms += event.queryDurationMillis
      }
    },
  })
  const config = loadConfig({
    NODE_ENV: 'production',
    PROBITY_SEED_DEMO: 'false',
    TRUST_PROXY: '127.0.0.1,::1',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
  })
  const app = await buildApp({ config, db, databaseKind: 'postgres', logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  // `base`: the in-process app (sign-in, lone requests with their SQL captured); `server.base`: `probity serve`.
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const direct = new pg.Client({ connectionString: url })
  await direct.connect()
  await direct.query(POSTGRES_SESSION_SETTINGS)
  const loader = startLoader()

  try {
    // What the journeys need: the practitioners' cases, long-running cases, appointments waiting for an outcome,
    // CRNs and names from across the country.
    const prefix = crnPrefixOf(SEED)
    const users = [1, 2, 3, 4, 5].map(k => `nat${SEED}.practitioner${k}`)
    // An auditor, for the who-has-looked page (auditors and administrators open it): made once, like the seed's users.
    const auditorName = `nat${SEED}.bench-auditor`
    const { password_hash } = await db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', users[0])
      .executeTakeFirstOrThrow()
    const hasAuditor = await db.selectFrom('users').select('id').where('username', '=', auditorName).executeTakeFirst()
    if (!hasAuditor)
      await db
        .insertInto('users')
        .values({
          username: auditorName,
          display_name: 'Bench Auditor',
          staff_id: null,
          password_hash,
          roles: ['auditor'],
        })
        .execute()
    const sessions = await Promise.all(users.map(u => signIn(base, u)))
    const auditor = await signIn(base, auditorName)
    const staff = await db.selectFrom('users').select(['username', 'staff_id']).where('username', 'in', users).execute()
    const staffOf = new Map(staff.map(s => [s.username, s.staff_id!]))
    const mine = await db
      .selectFrom('people')
      .select('crn')
      .where('managing_staff_id', '=', staffOf.get(users[0])!)
      .orderBy('crn')
      .execute()
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
    const sessionOfStaff = new Map(users.map((u, k) => [staffOf.get(u)!, k]))
    // Pending appointments, each with its practitioner's session: the outcome journey cycles through them, posting the
    // version it last saw (bumped as it is used, here and in the load generator; read back after each load).
    const outcomes: LoadRequest[] = pending.map(p => {
      const s = sessions[sessionOfStaff.get(p.managing_staff_id!)!]
      const body = new URLSearchParams({ _csrf: s.csrf, outcome: 'attended_complied' }).toString()
      return {
        method: 'POST',
        path: `/people/${p.crn}/appointments/${p.id}/outcome`,
        body,
        cookie: s.cookie,
        version: p.version,
      }
    })
    const get = (path: string): LoadRequest => ({ method: 'GET', path, cookie: sessions[0].cookie })
    // Issue 14's records (custody, Through the Gate, licences, recalls) for the practitioners' custodial cases, which
    // the national seed does not make: written once through the features' services (bench/custody-work.ts).
    const custodyWork = await prepareCustodyWork(db, config, { practitioners: users, senior: `nat${SEED}.senior` })
    console.log(
      `http: issue 14's records: ${custodyWork.created} custodial cases set up in ${custodyWork.seconds.toFixed(1)} s ` +
        `(${custodyWork.custody.length} with a custody record, ${custodyWork.licences.length} with a licence, ${custodyWork.recalls.length} with a recall` +
        `${Object.keys(custodyWork.refused).length ? `; refused by the rules: ${JSON.stringify(custodyWork.refused)}` : ''})`,
    )
    // Each case visited by its own case manager (a practitioner who may see it).
    const asManager = (staffId: number, path: string): LoadRequest => ({
      method: 'GET',
      path,
      cookie: sessions[sessionOfStaff.get(staffId)!].cookie,
    })
    // Issue 15's records (victims, MAPPA levels and meetings) on those cases: bench/protection-work.ts.
    const protection = await prepareProtectionWork(
      db,
      config,
      { officer: `nat${SEED}.bench-vlo`, practitioners: users, senior: `nat${SEED}.senior` },
      custodyWork.custody,
    )
    console.log(
      `http: issue 15's records: ${protection.created} victims set up in ${protection.seconds.toFixed(1)} s ` +
        `(${protection.victims.length} for ${protection.officer}, ${protection.mappa.length} MAPPA cases with a level` +
        `${Object.keys(protection.refused).length ? `; refused by the rules: ${JSON.stringify(protection.refused)}` : ''})`,
    )
    if (!protection.victims.length || !protection.mappa.length)
      throw new Error('issue 15 journeys: no victim or no MAPPA case was set up')
    const officer = await signIn(base, protection.officer)
    const asOfficer = (path: string): LoadRequest => ({ method: 'GET', path, cookie: officer.cookie })
    // Issue 16's records (a premises with its beds and bookings): bench/premises-work.ts.
    const premisesWork = await preparePremisesWork(db, config)
    console.log(
      `http: issue 16's records: a premises of ${premisesWork.beds} beds with ${premisesWork.bookings} bookings, ` +
        `${premisesWork.applications.length} applications (one accepted), ${premisesWork.stays.length} residents arrived`,
    )
    if (!premisesWork.stays.length) throw new Error('issue 16 journeys: no resident has arrived at the bench premises')
    const apStaff = await signIn(base, BENCH_AP_USER)
    const asApStaff = (path: string): LoadRequest => ({ method: 'GET', path, cookie: apStaff.cookie })
    // Issue 17's records (projects, sessions, allocations and records, a completed project with an approved photo,
    // public nominations): bench/upw-work.ts.
    const upwWork = await prepareUpwWork(db, config)
    console.log(
      `http: issue 17's records set up in ${upwWork.seconds.toFixed(1)} s: ${upwWork.projects.length} projects, ` +
        `${upwWork.sessions.length} sessions with people (${upwWork.recordings.length} up to today), ` +
        `${upwWork.allocated} allocated and ${upwWork.recorded} recorded now, ${upwWork.nominations} nominations` +
        `${Object.keys(upwWork.refused).length ? `; refused by the rules: ${JSON.stringify(upwWork.refused)}` : ''}`,
    )
    if (!upwWork.sessions.length || !upwWork.recordings.length || !upwWork.people.length)
      throw new Error('issue 17 journeys: no session with people, no past allocation or no case of the case manager')
    const supervisor = await signIn(base, BENCH_UPW_SUPERVISOR)
    const asSupervisor = (path: string): LoadRequest => ({ method: 'GET', path, cookie: supervisor.cookie })
    const caseManager = await signIn(base, BENCH_UPW_CASE_MANAGER)
    // Issue 18's referrals (one each for the case manager's first unpaid work cases): bench/referral-work.ts.
    const referralWork = await prepareReferralWork(db, config, BENCH_UPW_CASE_MANAGER, upwWork.people.slice(0, 6))
    console.log(
      `http: issue 18's referrals: ${referralWork.referrals.length} cases with one (${referralWork.sent} sent now)` +
        `${Object.keys(referralWork.refused).length ? `; refused by the rules: ${JSON.stringify(referralWork.refused)}` : ''}`,
    )
    const asCaseManager = (path: string): LoadRequest => ({ method: 'GET', path, cookie: caseManager.cookie })
    const upwManager = await signIn(base, BENCH_UPW_MANAGER)
    const asUpwManager = (path: string): LoadRequest => ({ method: 'GET', path, cookie: upwManager.cookie })
    const nominationIds = (
      await db
        .selectFrom('cp_nominations as n')
        .innerJoin('providers as v', 'v.id', 'n.provider_id')
        .select('n.id')
        .where('v.code', '=', 'PS')
        .orderBy('n.id')
        .limit(20)
        .execute()
    ).map(n => n.id)
    // The public face: no sign-in, no cookie (each request from its own address, as the public's are).
    // Browsers ask for compressed answers; BENCH_PUBLIC_ENCODING="" measures clients that do not.
    const publicEncoding = process.env.BENCH_PUBLIC_ENCODING ?? 'gzip, deflate, br'
    const asPublic = (path: string): LoadRequest => ({
      method: 'GET',
      path,
      cookie: '',
      ...(publicEncoding ? { headers: { 'accept-encoding': publicEncoding } } : {}),
    })
    const inCustody = custodyWork.custody.filter(c => c.caseStatus === 'in_custody')
    if (!inCustody.length || !custodyWork.licences.length || !custodyWork.recalls.length)
      throw new Error('issue 14 journeys: no case in custody, with a licence or with a recall was set up')
    // soakWeight: the soak's mix, mostly reading cases, caseloads and searching, some outcomes.
    const journeys: Journey[] = [
      {
        name: 'search by CRN',
        practitioner: true,
        // Issue 21: under 10 ms alone, under 30 ms p95 under load.
        budgetMs: 30,
        aloneBudgetMs: 10,
        expect: 200,
        soakWeight: 15,
        requests: sample.map(p => get(`/people?q=${p.crn}`)),
      },
      {
        name: 'search by misspelt name',
        practitioner: true,
        budgetMs: 100,
        expect: 200,
        soakWeight: 5,
        requests: sample.map(p => get(`/people?q=${encodeURIComponent(`${p.forename} ${misspell(p.surname)}`)}`)),
      },
      {
        name: 'case overview',
        practitioner: true,
        budgetMs: 50,
        expect: 200,
        soakWeight: 30,
        requests: mine.map(p => get(`/people/${p.crn}`)),
      },
      {
        name: 'risk page',
        practitioner: true,
        budgetMs: 50,
        expect: 200,
        soakWeight: 10,
        requests: mine.map(p => get(`/people/${p.crn}/risk`)),
      },
      {
        name: `caseload (${mine.length} cases)`,
        practitioner: true,
        budgetMs: 50,
        expect: 200,
        soakWeight: 15,
        requests: [get('/caseload')],
      },
      {
        name: `activity log (${longRunning.n} contacts)`,
        practitioner: true,
        budgetMs: 50,
        expect: 200,
        soakWeight: 15,
        requests: [get(`/people/${longRunning.crn}/activity`)],
      },
      { name: 'home', budgetMs: 50, expect: 200, soakWeight: 5, practitioner: true, requests: [get('/')] },
      {
        name: 'who has looked (auditor)',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: mine.map(p => ({ method: 'GET', path: `/people/${p.crn}/audit`, cookie: auditor.cookie })),
      },
      { name: 'record an outcome', budgetMs: 50, expect: 303, soakWeight: 7, practitioner: true, requests: outcomes },
      // Issue 21 sets the queue's budget at 100 ms (it reads a whole delivery unit's unallocated cases).
      { name: 'allocation queue', budgetMs: 100, expect: 200, soakWeight: 3, requests: [get('/allocations')] },
      // Issue 14's pages, on the records bench/custody-work.ts wrote.
      {
        name: 'custody page',
        practitioner: true,
        budgetMs: 50,
        expect: 200,
        soakWeight: 2,
        requests: custodyWork.custody.map(c => asManager(c.staffId, `/people/${c.crn}/custody`)),
      },
      {
        name: 'resettlement page (in custody)',
        practitioner: true,
        budgetMs: 50,
        expect: 200,
        soakWeight: 2,
        requests: inCustody.map(c => asManager(c.staffId, `/people/${c.crn}/resettlement`)),
      },
      {
        name: 'licence page',
        practitioner: true,
        budgetMs: 50,
        expect: 200,
        soakWeight: 2,
        requests: custodyWork.licences.map(c => asManager(c.staffId, `/people/${c.crn}/licence`)),
      },
      {
        name: 'recall page',
        practitioner: true,
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: custodyWork.recalls.map(c => asManager(c.staffId, `/people/${c.crn}/recall`)),
      },
      {
        name: 'resettlement work list (team)',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [get('/resettlement')],
      },
      // Issue 15's pages, on the records bench/protection-work.ts wrote.
      {
        name: 'MAPPA page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: protection.mappa.map(c => asManager(c.staffId, `/people/${c.crn}/mappa`)),
      },
      { name: 'MAPPA nominal list (PDU)', budgetMs: 50, expect: 200, soakWeight: 1, requests: [get('/mappa')] },
      {
        name: `victim work list (${protection.victims.length} victims)`,
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asOfficer('/victims')],
      },
      {
        name: "victim's page",
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: protection.victims.map(id => asOfficer(`/victims/${id}`)),
      },
      // Issue 16's bed plan: every bed's nights for 12 weeks.
      {
        name: `bed plan (${premisesWork.beds} beds, 12 weeks)`,
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asApStaff(`/approved-premises/${premisesWork.premisesId}/bed-plan`)],
      },
      // Issue 16's applications, matching and stays, on the records bench/premises-work.ts wrote.
      {
        name: `AP applications list (${premisesWork.applications.length})`,
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asApStaff('/approved-premises/applications')],
      },
      {
        name: 'AP application page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: premisesWork.applications.map(id => asApStaff(`/approved-premises/applications/${id}`)),
      },
      {
        name: 'AP application match page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asApStaff(`/approved-premises/applications/${premisesWork.accepted}/match`)],
      },
      {
        name: "AP resident's stay page",
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: premisesWork.stays.map(b =>
          asApStaff(`/approved-premises/${premisesWork.premisesId}/residents/${b}`),
        ),
      },
      // Issue 17's staff pages, on the records bench/upw-work.ts wrote, as the supervisor (the person's page as
      // their case manager).
      { name: 'UPW home', budgetMs: 50, expect: 200, soakWeight: 1, requests: [asSupervisor('/unpaid-work')] },
      {
        name: 'UPW session register',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.sessions.map(id => asSupervisor(`/unpaid-work/sessions/${id}`)),
      },
      {
        name: 'UPW recording page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.recordings.map(r =>
          asSupervisor(`/unpaid-work/sessions/${r.sessionId}/register/${r.allocationId}`),
        ),
      },
      {
        name: "UPW person's page",
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.people.map(crn => ({
          method: 'GET',
          path: `/people/${crn}/unpaid-work`,
          cookie: caseManager.cookie,
        })),
      },
      {
        name: 'UPW orders at risk',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asSupervisor('/unpaid-work/orders-at-risk')],
      },
      {
        name: 'UPW nominations list',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asSupervisor('/unpaid-work/nominations')],
      },
      {
        name: 'UPW projects list',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asSupervisor('/unpaid-work/projects')],
      },
      {
        name: 'UPW project page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.projects.map(id => asSupervisor(`/unpaid-work/projects/${id}`)),
      },
      {
        name: "UPW project's photos",
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.projects.map(id => asSupervisor(`/unpaid-work/projects/${id}/photos`)),
      },
      {
        name: 'UPW new session form',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.projects.map(id => asUpwManager(`/unpaid-work/projects/${id}/sessions/new`)),
      },
      {
        name: 'UPW allocate form',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.sessions.map(id => asUpwManager(`/unpaid-work/sessions/${id}/allocate`)),
      },
      {
        name: 'UPW nomination page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: nominationIds.map(id => asUpwManager(`/unpaid-work/nominations/${id}`)),
      },
      {
        name: 'UPW photos to check',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asUpwManager('/unpaid-work/photos')],
      },
      {
        name: 'UPW commitments page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.people.map(crn => ({
          method: 'GET',
          path: `/people/${crn}/unpaid-work/commitments`,
          cookie: caseManager.cookie,
        })),
      },
      // The public Community Payback face (no sign-in): the map page, the list, and the open-data GeoJSON.
      { name: 'public home', budgetMs: 50, expect: 200, soakWeight: 1, requests: [asPublic('/community-payback')] },
      {
        name: 'public nominate form',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asPublic('/community-payback/nominate')],
      },
      {
        name: 'public follow form',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asPublic('/community-payback/status')],
      },
      {
        name: 'public project page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asPublic(`/community-payback/projects/${upwWork.completedProjectId}`)],
      },
      {
        name: 'public map',
        budgetMs: 50,
        expect: 200,
        soakWeight: 2,
        requests: [asPublic('/community-payback/map')],
      },
      {
        name: 'public projects list',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asPublic('/community-payback/projects')],
      },
      {
        name: 'public projects GeoJSON',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asPublic('/community-payback/projects.geojson')],
      },
      // The open outcomes dashboard (issue 19 item 4): figures computed once a day, then served from memory.
      {
        name: 'public outcomes dashboard',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asPublic('/outcomes')],
      },
      { name: 'public outcomes CSV', budgetMs: 50, expect: 200, soakWeight: 1, requests: [asPublic('/outcomes.csv')] },
      // Issue 18's directory and monitoring (the demo's partner directory): a practitioner's search by need and area
      // carrying a CRN, and a senior's monitoring for the last 3 months (their provider's referrals).
      {
        name: 'partner directory search',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [
          { method: 'GET', path: '/partner-services', cookie: caseManager.cookie },
          { method: 'GET', path: '/partner-services?pathway=accommodation&accepting=yes', cookie: caseManager.cookie },
          { method: 'GET', path: '/partner-services?region=all&q=support', cookie: caseManager.cookie },
        ],
      },
      // Issue 18's referrals from a case, as the case manager: the case's referrals and one referral's page.
      {
        name: "case's referrals",
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: upwWork.people.slice(0, 6).map(crn => asCaseManager(`/people/${crn}/referrals`)),
      },
      ...(referralWork.referrals.length
        ? [
            {
              name: 'referral page',
              budgetMs: 50,
              expect: 200,
              soakWeight: 1,
              requests: referralWork.referrals.map(([crn, id]) => asCaseManager(`/people/${crn}/referrals/${id}`)),
            },
          ]
        : []),
      {
        name: 'partner monitoring',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asUpwManager('/partner-services/monitoring')],
      },
    ]
    // Issue 18's partner portal as pip.partner (Northtown Housing Trust): the home and each referral sent to it (the
    // referrals bench/referral-work.ts sent to the demo's "Accommodation support").
    const partner = await signIn(base, 'pip.partner')
    const asPartner = (path: string): LoadRequest => ({ method: 'GET', path, cookie: partner.cookie })
    const partnerReferrals = await db
      .selectFrom('referrals as r')
      .innerJoin('partner_organisations as o', 'o.id', 'r.organisation_id')
      .select('r.reference')
      .where('o.code', '=', 'NHT')
      .orderBy('r.id')
      .limit(20)
      .execute()
    journeys.push({
      name: 'partner portal home',
      budgetMs: 50,
      expect: 200,
      soakWeight: 1,
      requests: [asPartner('/partner')],
    })
    if (partnerReferrals.length)
      journeys.push({
        name: 'partner portal referral page',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: partnerReferrals.map(r => asPartner(`/partner/referrals/${r.reference}`)),
      })

    // Issue 19 item 5's team performance: the service levels (last full quarter) as the senior (their team) and as a
    // contract manager (every provider, by provider), and the team's workload.
    const contracts = await signIn(base, 'morgan.contracts')
    journeys.push(
      {
        name: 'performance home (team)',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asUpwManager('/performance')],
      },
      {
        name: 'performance home (providers)',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [{ method: 'GET', path: '/performance?level=provider', cookie: contracts.cookie }],
      },
      {
        name: 'performance workload (team)',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asUpwManager('/performance/workload')],
      },
    )

    // Issue 19's contracts as morgan.contracts: the demo contract (seeded here as in the living demo) and its
    // statement for the latest final quarter, built from the region's cohort on each request.
    await seedContracts(db, systemClock)
    const demoContract = await db
      .selectFrom('contracts')
      .select('id')
      .where('reference', '=', DEMO_CONTRACT)
      .executeTakeFirst()
    if (demoContract) {
      const contractManager = await signIn(base, 'morgan.contracts')
      const asContractManager = (path: string): LoadRequest => ({ method: 'GET', path, cookie: contractManager.cookie })
      const finalQuarter = latestFinalQuarter(systemClock.today())
      journeys.push(
        {
          name: 'contract page',
          budgetMs: 50,
          expect: 200,
          soakWeight: 1,
          requests: [asContractManager(`/contracts/${demoContract.id}`)],
        },
        {
          name: 'contract statement',
          budgetMs: 200,
          expect: 200,
          soakWeight: 1,
          requests: [asContractManager(`/contracts/${demoContract.id}/statements/${finalQuarter}`)],
        },
      )
    }

    // Issue 19 item 2's PNC extract imports as morgan.contracts: the list of imports and a 200-row import's
    // reconciliation report (bench/outcomes.ts imports one about national CRNs when the database has none).
    {
      const importId = await preparePncImport(
        db,
        Array.from({ length: 200 }, (_, k) => `${crnPrefixOf(SEED)}${String(k + 1).padStart(6, '0')}`),
      )
      const pncManager = await signIn(base, 'morgan.contracts')
      const asPncManager = (path: string): LoadRequest => ({ method: 'GET', path, cookie: pncManager.cookie })
      journeys.push(
        {
          name: 'PNC imports',
          budgetMs: 50,
          expect: 200,
          soakWeight: 1,
          requests: [asPncManager('/contracts/convictions')],
        },
        {
          name: 'PNC import report',
          budgetMs: 100,
          expect: 200,
          soakWeight: 1,
          requests: [asPncManager(`/contracts/convictions/imports/${importId}`)],
        },
      )
    }

    // Issue 19's other pages (issue 21: every new page joins the benchmark): the contracts list and forms, the cohort
    // behind a statement, the cases behind a service level's misses, and the workload's settings and reductions.
    {
      const manager = await signIn(base, 'morgan.contracts')
      const asManager = (path: string): LoadRequest => ({ method: 'GET', path, cookie: manager.cookie })
      const finalQuarter = latestFinalQuarter(systemClock.today())
      journeys.push(
        { name: 'contracts list', budgetMs: 50, expect: 200, soakWeight: 1, requests: [asManager('/contracts')] },
        {
          name: 'new contract form',
          budgetMs: 50,
          expect: 200,
          soakWeight: 1,
          requests: [asManager('/contracts/new')],
        },
        {
          name: 'workload settings form',
          budgetMs: 50,
          expect: 200,
          soakWeight: 1,
          requests: [asManager('/performance/workload/settings')],
        },
      )
      if (demoContract)
        journeys.push(
          {
            name: 'contract terms form',
            budgetMs: 50,
            expect: 200,
            soakWeight: 1,
            requests: [asManager(`/contracts/${demoContract.id}/terms/payment-by-results`)],
          },
          {
            name: 'new subcontractor form',
            budgetMs: 50,
            expect: 200,
            soakWeight: 1,
            requests: [asManager(`/contracts/${demoContract.id}/subcontractors/new`)],
          },
          {
            name: 'contract cohort',
            budgetMs: 200,
            expect: 200,
            soakWeight: 1,
            requests: [asManager(`/contracts/${demoContract.id}/statements/${finalQuarter}/cohort`)],
          },
        )
      // The cases behind a service level's misses, reached from the senior's performance home as they reach it.
      const home = await (await fetch(`${base}/performance`, { headers: { cookie: upwManager.cookie } })).text()
      const misses = /href="(\/performance\/service-levels\/allocation\?[^"]+)"/
        .exec(home)?.[1]
        ?.replaceAll('&amp;', '&')
      if (!misses) throw new Error('issue 19 journeys: the performance home links to no service level misses')
      journeys.push({
        name: 'service level misses (team)',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asUpwManager(misses)],
      })
      // A practitioner's reductions form, reached from the team's workload page as the senior reaches it.
      const workload = await (
        await fetch(`${base}/performance/workload`, { headers: { cookie: upwManager.cookie } })
      ).text()
      const reductions = /href="(\/performance\/workload\/staff\/[^"]+\/reductions)"/.exec(workload)?.[1]
      if (!reductions) throw new Error('issue 19 journeys: the workload page links to no reductions form')
      journeys.push({
        name: 'workload reductions form',
        budgetMs: 50,
        expect: 200,
        soakWeight: 1,
        requests: [asUpwManager(reductions)],
      })
    }

    // BENCH_ONLY="MAPPA,victim": only the journeys whose name contains one of these (case-insensitive), to measure
    // a change to a few pages without the whole run.
    const only = (process.env.BENCH_ONLY ?? '')
      .split(',')
      .map(s => s.trim().toLowerCase())
      .filter(Boolean)
    if (only.length > 0) {
      const kept = journeys.filter(j => only.some(o => j.name.toLowerCase().includes(o)))
      if (kept.length === 0) throw new Error(`BENCH_ONLY="${process.env.BENCH_ONLY}" matches no journey`)
      journeys.splice(0, journeys.length, ...kept)
    }

    const server = await serverStarting
    // The outcomes dashboard computes the day's figures on its first request in each worker (then serves them from
    // memory all day): a few requests first, so the loads measure the day, not its first request.
    if (journeys.some(j => j.name.startsWith('public outcomes')))
      await Promise.all(Array.from({ length: 8 }, () => fetch(`${server.base}/outcomes`).then(r => r.text())))
    const connections = Number(process.env.BENCH_CONNECTIONS ?? (quick ? 10 : 50))
    const seconds = Number(process.env.BENCH_SECONDS ?? (quick ? 1 : 15))
    const thinkMs = Number(process.env.BENCH_THINK_MS ?? '1000')
    const soakMinutes = Number(process.env.BENCH_SOAK_MINUTES ?? (quick ? 1 / 3 : 0))
    const alone = quick ? 4 : 30
    const timeoutMs = 10_000
    const results: JourneyResult[] = []
    const listOf = (j: Journey, weight = 1): LoadList => ({
      name: j.name,
      expect: j.expect,
      weight,
      requests: j.requests,
    })
    // One load command in the load generator's process. Afterwards the appointments' versions are read back from
    // the database: autocannon prepares (and bumps) requests it never sends when the time is up, and a timed-out
    // outcome may or may not have been recorded.
    const drive = async (cmd: Extract<LoadCommand, { kind: 'saturate' | 'think' }>) => {
      const r = await loader.run(cmd)
      // Let requests still in flight finish before anything else is measured.
      await new Promise(resolve => setTimeout(resolve, 500))
      const now = new Map(
        (
          await db
            .selectFrom('contacts')
            .select(['id', 'version'])
            .where(
              'id',
              'in',
              pending.map(p => p.id),
            )
            .execute()
        ).map(c => [c.id, c.version]),
      )
      pending.forEach((p, k) => (outcomes[k].version = now.get(p.id)))
      return r
    }
    // Errors: answers with a status other than the journey's, time-outs and failed connections.
    const errorsOf = (r: LoadResult, of: Journey[], label: string) => {
      const codes = new Map<string, number>()
      r.status.forEach((status, i) => {
        if (status !== of[r.list[i]].expect)
          codes.set(`${of[r.list[i]].name} ${status}`, (codes.get(`${of[r.list[i]].name} ${status}`) ?? 0) + 1)
      })
      const unexpected = [...codes.values()].reduce((a, n) => a + n, 0)
      const errors = unexpected + r.errors + r.timeouts
      if (errors)
        console.log(
          `http: ${label}: unexpected status ${JSON.stringify(Object.fromEntries(codes))}, ${r.timeouts} time-outs, ${r.errors} failed connections`,
        )
      return { errors, unexpected }
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)

    // BENCH_JOURNEYS=0 skips the per-journey runs (to measure the soak or the capacity alone).
    for (const j of process.env.BENCH_JOURNEYS === '0' ? [] : journeys) {
      // 1. Alone: page time, and its SQL captured then replayed directly.
      const pageTimes: number[] = []
      const sqlTimes: number[] = []
      let queries = 0
      for (let k = 0; k < alone; k++) {
        const r = j.requests[k % j.requests.length]
        const body = r.version === undefined ? r.body : `${r.body}&version=${r.version++}`
        capture = { sql: [], ms: 0 }
        const t0 = performance.now()
        const res = await fetch(base + r.path, {
          method: r.method,
          redirect: 'manual',
          headers: {
            cookie: r.cookie,
            'x-forwarded-for': `10.255.${k % 250}.${(k >> 8) % 250}`,
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          body,
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
          for (const [ms, text] of each.sort((a, b) => b[0] - a[0]).slice(0, 3))
            console.log(`  trace ${j.name}: ${ms.toFixed(1)} ms ${text.replace(/\s+/g, ' ').slice(0, 300)}`)
        }
        await direct.query('rollback')
      }
      // 2. Saturating: the users requesting back to back (autocannon), the most the server does.
      const flat = await drive({ kind: 'saturate', base: server.base, connections, seconds, list: listOf(j) })
      const flatErrors = errorsOf(flat, [j], `${j.name} (saturating)`)
      // 3. Think time: the same users in a closed loop, each waiting for the answer then thinking (mean thinkMs).
      const paced = await drive({
        kind: 'think',
        base: server.base,
        users: connections,
        seconds,
        thinkMs,
        timeoutMs,
        lists: [listOf(j)],
      })
      const pacedErrors = errorsOf(paced, [j], `${j.name} (think time)`)
      const latencies = sorted(paced.latency)
      const pageMs = median(pageTimes)
      const sqlMs = median(sqlTimes)
      results.push({
        name: j.name,
        requests: flat.latency.length + paced.latency.length,
        rps: flat.latency.length / flat.seconds,
        flatP95: percentile(sorted(flat.latency), 95),
        thinkRps: paced.latency.length / paced.seconds,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        errors: flatErrors.errors + pacedErrors.errors,
        budgetMs: j.budgetMs,
        aloneBudgetMs: j.aloneBudgetMs,
        pageMs,
        sqlMs,
        queries,
        // A page that asks the database nothing (the public face's cached work) has no overhead ratio.
        ratio: queries > 0 ? pageMs / sqlMs : NaN,
      })
    }

    const f = (x: number) => (Number.isNaN(x) ? '-' : x >= 100 ? x.toFixed(0) : x.toFixed(1))
    console.log(
      `http: ${connections} simulated users, ${seconds} s per journey and load model, scale ${scale} (seed ${SEED}; ready in ${seedSeconds.toFixed(0)} s), Node ${process.version}, ${availableParallelism()} CPUs, PostgreSQL on the same machine, load generated in a separate process\n` +
        `  server for the loads: \`probity serve\` in a child process with ${workers} worker process${workers > 1 ? 'es (node:cluster)' : ' (no cluster)'} (BENCH_WORKERS), NODE_ENV=production\n` +
        `  saturating: the users requesting back to back, no think time (autocannon): the most the server does, and the client p95 then\n` +
        `  think time: closed loop, each user sends a request, waits for the whole answer, thinks ${thinkMs} ms on average (exponential), repeats: ` +
        `achieved req/s (at most ≈ ${Math.round((connections * 1000) / thinkMs)} if pages were instant), client p50/p95/p99; budgets apply to the client p95\n` +
        `  alone: one user, ${alone} requests to the app in the benchmark's own process, median page time; SQL: the same requests' statements replayed directly; overhead = alone ÷ SQL. errors: both loads (unexpected status, time-outs, failed connections)`,
    )
    console.log(
      `                                   saturating     | think time, ${workers} worker${workers > 1 ? 's' : ' '}` +
        ' '.repeat(34) +
        '| alone, 1 user',
    )
    console.log(
      '  journey                       max req/s (p95 ms)    req/s   p50 ms   p95 ms   p99 ms  budget p95  errors  alone ms   SQL ms (queries)  overhead',
    )
    for (const r of results) {
      console.log(
        `  ${r.name.padEnd(31)} ${f(r.rps).padStart(6)} (${f(r.flatP95).padStart(6)}) ${f(r.thinkRps).padStart(8)} ${f(r.p50).padStart(8)} ${f(r.p95).padStart(8)} ${f(r.p99).padStart(8)} ${`< ${r.budgetMs}`.padStart(10)}${r.p95 < r.budgetMs ? ' ' : '!'} ${String(r.errors).padStart(6)} ${f(r.pageMs).padStart(9)}${r.aloneBudgetMs === undefined || r.pageMs < r.aloneBudgetMs ? ' ' : '!'} ${f(r.sqlMs).padStart(7)} (${String(r.queries).padStart(2)}) ${(Number.isNaN(r.ratio) ? '-' : `${r.ratio.toFixed(1)}×`).padStart(9)}${Number.isNaN(r.ratio) || r.ratio < MAX_OVERHEAD ? '' : '!'}`,
      )
    }

    // The soak: every journey mixed, the users with think time, for BENCH_SOAK_MINUTES; every worker's memory sampled.
    if (soakMinutes > 0) {
      const soakSeconds = Math.round(soakMinutes * 60)
      const warmUp = Math.min(60, soakSeconds / 10)
      const every = Math.min(10, soakSeconds / 10)
      const bucket = soakSeconds >= 300 ? 60 : Math.max(5, Math.round(soakSeconds / 6))
      // Per worker process (by pid): its RSS from /proc, and its heapUsed after a forced GC when it reports one.
      const memory = new Map<number, { t: number; rss: number; heap?: number }[]>()
      let forcedGc = false
      const mix = journeys.map(j => listOf(j, j.soakWeight))
      const started = performance.now()
      const sampleMemory = async () => {
        // First the workers' own report (each collects its garbage first), then their RSS.
        const reports = new Map((await server.memory()).map(w => [w.pid, w]))
        const t = (performance.now() - started) / 1000
        for (const pid of server.pids()) {
          const rss = rssOf(pid)
          if (rss === undefined) continue
          const report = reports.get(pid)
          if (report?.gc) forcedGc = true
          if (!memory.has(pid)) memory.set(pid, [])
          memory.get(pid)!.push({ t, rss, heap: report?.heapUsed })
        }
      }
      await sampleMemory()
      let sampling = true
      const sampler = (async () => {
        while (sampling) {
          await new Promise(resolve => setTimeout(resolve, every * 1000))
          if (sampling) await sampleMemory()
        }
      })()
      const r = await drive({
        kind: 'think',
        base: server.base,
        users: connections,
        seconds: soakSeconds,
        thinkMs,
        timeoutMs,
        lists: mix,
      })
      sampling = false
      await sampler
      await sampleMemory()
      const soakErrors = errorsOf(r, journeys, 'soak')
      const total = mix.reduce((a, l) => a + l.weight, 0)
      console.log(
        `http soak: ${connections} users with think time (mean ${thinkMs} ms, exponential), ${soakSeconds >= 120 ? `${(soakSeconds / 60).toFixed(1)} min` : `${soakSeconds} s`}, every journey mixed: ` +
          mix.map(l => `${l.name} ${Math.round((100 * l.weight) / total)} %`).join(', '),
      )
      console.log(
        `  requests ${r.latency.length.toLocaleString('en-GB')} (${f(r.latency.length / r.seconds)} req/s), errors ${soakErrors.errors} (unexpected status ${soakErrors.unexpected}, time-outs ${r.timeouts}, failed connections ${r.errors}); ` +
          `client p50/p95/p99 ${f(percentile(sorted(r.latency), 50))}/${f(percentile(sorted(r.latency), 95))}/${f(percentile(sorted(r.latency), 99))} ms`,
      )
      console.log(`  from s   requests    req/s   p50 ms   p95 ms   p99 ms`)
      for (let from = 0; from < soakSeconds; from += bucket) {
        const inBucket = sorted(
          r.latency.filter((_, i) => r.sentAt[i] >= from * 1000 && r.sentAt[i] < (from + bucket) * 1000),
        )
        const width = Math.min(bucket, soakSeconds - from)
        console.log(
          `  ${String(from).padStart(6)} ${String(inBucket.length).padStart(10)} ${f(inBucket.length / width).padStart(8)} ${f(percentile(inBucket, 50)).padStart(8)} ${f(percentile(inBucket, 95)).padStart(8)} ${f(percentile(inBucket, 99)).padStart(8)}`,
        )
      }
      console.log('  journey                         requests   p95 ms  errors')
      journeys.forEach((j, k) => {
        const mine = r.latency.filter((_, i) => r.list[i] === k)
        const wrong = r.status.filter((s, i) => r.list[i] === k && s !== j.expect).length
        console.log(
          `  ${j.name.padEnd(31)} ${String(mine.length).padStart(8)} ${f(percentile(sorted(mine), 95)).padStart(8)} ${String(wrong).padStart(7)}`,
        )
      })
      const mib = (b: number | undefined) => (b === undefined ? '-' : (b / 1048576).toFixed(1))
      const signed = (x: number) => (Number.isNaN(x) ? '-' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`)
      type Sample = { t: number; rss: number; heap?: number }
      /** Growth in MiB/min by least squares over the samples after the warm-up. */
      const slope = (after: Sample[], y: (m: Sample) => number | undefined) => {
        const points = after.filter(m => y(m) !== undefined)
        if (points.length < 2) return NaN
        const mt = points.reduce((a, m) => a + m.t, 0) / points.length
        const my = points.reduce((a, m) => a + y(m)!, 0) / points.length
        const num = points.reduce((a, m) => a + (m.t - mt) * (y(m)! - my), 0)
        const den = points.reduce((a, m) => a + (m.t - mt) ** 2, 0)
        return ((num / den) * 60) / 1048576
      }
      console.log(
        `  memory of each worker process, every ${f(every)} s (${f(warmUp)} s warm-up left out of the slopes, by least squares): rss from /proc/<pid>/status (VmRSS); ` +
          `heapUsed as the worker reports it over IPC, ${forcedGc ? 'after a forced full GC (live objects; the collection is a short pause under load)' : 'without a forced GC'}`,
      )
      console.log(
        '  worker  samples   rss MiB before   after warm-up → end   MiB/min   heapUsed MiB before   after warm-up → end   MiB/min',
      )
      let k = 0
      for (const samples of memory.values()) {
        k++
        const after = samples.filter(m => m.t >= warmUp)
        const first = after[0] ?? samples[0]
        const last = samples[samples.length - 1]
        const note =
          last.t < (performance.now() - started) / 1000 - every * 2
            ? ' (stopped during the soak)'
            : samples[0].t > 0.5 * every
              ? ' (started during the soak)'
              : ''
        console.log(
          `  ${String(k).padStart(6)} ${String(after.length).padStart(8)} ${mib(samples[0].rss).padStart(16)} ${`${mib(first.rss)} → ${mib(last.rss)}`.padStart(21)} ${signed(slope(after, m => m.rss)).padStart(9)} ` +
            `${mib(samples[0].heap).padStart(21)} ${`${mib(first.heap)} → ${mib(last.heap)}`.padStart(21)} ${signed(slope(after, m => m.heap)).padStart(9)}${note}`,
        )
      }
    }
    // Capacity (issue 21): the most practitioners one node serves with p95 < 100 ms and no errors.
    // The practitioners' journeys: the load's lists are built from this one array, so its indices are the lists'.
    const practitioners = journeys.filter(j => j.practitioner)
    if (process.env.BENCH_CAPACITY !== '0' && practitioners.length > 0) {
      // In the soak's proportions.
      const mix = practitioners.map(j => listOf(j, j.soakWeight))
      // Warm the workers first (templates compiled, code optimised, caches filled), as a morning's first pages do;
      // without it the first number tried measures the start-up, not the node.
      await drive({ kind: 'think', base: server.base, users: connections, seconds, thinkMs, timeoutMs, lists: mix })
      const result = await findCapacity(
        users =>
          drive({
            kind: 'think',
            base: server.base,
            users,
            seconds: capacitySettings.seconds,
            thinkMs: capacitySettings.thinkMs,
            timeoutMs,
            lists: mix,
          }).then(r => ({
            ...r,
            wrongStatus: errorsOf(r, practitioners, `capacity, ${users} users`).unexpected,
          })),
        capacitySettings,
      )
      const total = mix.reduce((a, l) => a + l.weight, 0)
      printCapacity(
        result,
        capacitySettings,
        workers,
        mix.map(l => `${l.name} ${Math.round((100 * l.weight) / total)} %`),
      )
    }
    // The whole-dataset recalculations, on the same database (their own connections; the server is idle now).
    // BENCH_RECALCULATE=0 skips them (to repeat the HTTP journeys alone).
    if (process.env.BENCH_RECALCULATE !== '0') await benchNationalRecalculation(url, SEED)
    return results
  } finally {
    loader.stop()
    await (await serverStarting.catch(() => undefined))?.stop()
    await direct.end()
    await app.close()
    await db.destroy()
    if (drop) await drop()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchHttp()
