import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createScratchDatabase } from '../db/scratch-database.ts'

/**
 * `probity serve` as it runs in production: a real child process (`bin/probity.mjs serve`), real HTTP. On PostgreSQL
 * (`npm run test:pg`) with PROBITY_WORKERS=2: two worker processes under the primary, both answering on the one port,
 * a killed worker replaced, SIGTERM ending everything cleanly. On PGlite (`npm run test:unit`): `auto` serves in one
 * process. In both: PROBITY_WORKERS=2 without DATABASE_URL is refused.
 *
 * It lives in src/web because `npm run test:pg` runs this folder (the cluster needs a PostgreSQL server).
 */

const BIN = fileURLToPath(new URL('../../bin/probity.mjs', import.meta.url))
const onPostgres = process.env.PROBITY_TEST_DB === 'postgres'
const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

function postForm(port: number, path: string, form: Record<string, string>, cookie: string) {
  const payload = new URLSearchParams(form).toString()
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'content-length': payload.length },
      },
      res => {
        let body = ''
        res.on('data', chunk => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}

/**
 * A public form's signed token (CP_FORM_SECRET unset) is issued by one worker and checked by whichever worker the form
 * comes back to: the workers share the primary's key, so none refuses it.
 */
async function publicFormTokensHoldOnEveryWorker(port: number) {
  const page = await get(port, '/community-payback/status')
  const cookie = String(page.headers['set-cookie'] ?? '').split(';')[0]!
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(page.body)?.[1] ?? ''
  const form = { _csrf: field('_csrf'), formToken: field('formToken'), reference: 'CP-AAAA-AAAA', email: 'a@b.example' }
  // A token is refused when sent back sooner than 3 seconds after it was issued.
  await new Promise(resolve => setTimeout(resolve, 3_100))
  for (let k = 0; k < 8; k++) {
    const answer = await postForm(port, '/community-payback/status', form, cookie)
    expect(answer.body).toContain('We could not find a nomination with that reference and email address')
  }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise(resolve => server.close(resolve))
  return port
}

/** The environment of the test process without any Probity setting, plus `settings`. */
function envWith(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(DATABASE_URL|PROBITY_|PORT$|HOST$|LOG_LEVEL$|NODE_ENV$|TRUST_PROXY$)/.test(k)) env[k] = v
  }
  return { ...env, ...settings }
}

interface Served {
  child: ChildProcess
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

let lastOutput = () => ''
function start(env: NodeJS.ProcessEnv): Served {
  const child = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', chunk => (output += chunk))
  child.stderr!.on('data', chunk => (output += chunk))
  lastOutput = () => output
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  return { child, output: () => output, exited }
}

async function until(what: string, condition: () => boolean, ms = 90_000) {
  const end = Date.now() + ms
  while (!condition()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}; the server said:\n${lastOutput().slice(-3000)}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

/** GET on a new connection each time (no keep-alive), so the cluster hands each request to a worker afresh. */
function get(port: number, path: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false, timeout: 10_000 }, res => {
        let body = ''
        res.on('data', c => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      })
      .on('timeout', function (this: http.ClientRequest) {
        this.destroy(new Error(`GET ${path}: no answer in 10 s`))
      })
      .on('error', reject)
  })
}

/**
 * Node processes whose parent is `pid` (from /proc): the cluster's workers. Other children are left out: tsx starts
 * esbuild's service process to compile TypeScript when its cache is cold (as on a fresh clone).
 */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter(name => /^\d+$/.test(name))
    .filter(name => {
      try {
        const parent = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]
        const program = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0]
        return parent === String(pid) && program === process.execPath
      } catch {
        return false
      }
    })
    .map(Number)
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The processes that logged a request for `path` (pino's `pid` on each request line). */
function pidsThatServed(output: string, path: string): Set<number> {
  const pids = new Set<number>()
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const entry = JSON.parse(line) as { pid?: number; req?: { url?: string } }
      if (entry.req?.url === path && entry.pid) pids.add(entry.pid)
    } catch {
      // not a log line
    }
  }
  return pids
}

describe('probity serve and PROBITY_WORKERS', () => {
  it('refuses PROBITY_WORKERS=2 without DATABASE_URL (embedded PGlite is one process’s database), exit 1 with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'probity-workers-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const served = start(envWith({ PROBITY_WORKERS: '2', PROBITY_DATA_DIR: dir, PORT: String(await freePort()) }))
    const { code } = await served.exited
    expect(code).toBe(1)
    expect(served.output()).toContain('PROBITY_WORKERS=2 needs DATABASE_URL')
    expect(served.output()).not.toContain('Probity is running')
    // Nothing was created: the check comes before the database is opened.
    expect(readdirSync(dir)).toEqual([])
  }, 60_000)

  if (onPostgres) {
    it('PROBITY_WORKERS=2 on PostgreSQL: two workers answer on one port, a killed worker is replaced, SIGTERM stops them all', async () => {
      const scratch = await createScratchDatabase(
        process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        'probity_test',
      )
      cleanups.push(scratch.drop)
      const port = await freePort()
      const served = start(
        envWith({
          DATABASE_URL: scratch.url,
          PROBITY_WORKERS: '2',
          PROBITY_SEED_DEMO: 'false',
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'info',
          NODE_ENV: 'production',
        }),
      )
      const primary = served.child.pid!
      await until(
        'the server to start',
        () => served.output().includes('Probity is running') || served.child.exitCode !== null,
      )
      expect(served.output()).toContain(`Probity is running at http://localhost:${port}`)
      expect(served.output()).toContain('2 worker processes')

      const workers = childrenOf(primary)
      expect(workers).toHaveLength(2)
      for (let k = 0; k < 10; k++) {
        const res = await get(port, '/health')
        expect(res.status).toBe(200)
        expect(JSON.parse(res.body)).toMatchObject({ status: 'UP', database: { kind: 'postgres' } })
        // No process ids in what the public sees.
        expect(res.body).not.toMatch(new RegExp(`\\b(${[primary, ...workers].join('|')})\\b`))
      }
      await until('the request logs', () => pidsThatServed(served.output(), '/health').size === 2, 10_000)
      await publicFormTokensHoldOnEveryWorker(port)
      expect([...pidsThatServed(served.output(), '/health')].sort()).toEqual([...workers].sort())
      expect(served.output()).not.toMatch(/worker \d+ stopped/)

      // A worker that dies is logged and replaced; the other keeps answering meanwhile. (A connection the primary
      // hands to the worker in the instant it dies, before the primary knows, is lost: a load balancer retries it.)
      process.kill(workers[0], 'SIGKILL')
      await until('the primary to notice', () =>
        /worker \d+ stopped unexpectedly \(signal SIGKILL\); starting another/.test(served.output()),
      )
      expect((await get(port, '/health')).status).toBe(200)
      await until(
        'a replacement worker',
        () =>
          childrenOf(primary).length === 2 &&
          !childrenOf(primary).includes(workers[0]) &&
          /is listening \(a replacement\)/.test(served.output()),
      )
      expect(served.output()).toMatch(/worker \d+ stopped unexpectedly \(signal SIGKILL\); starting another/)
      const now = childrenOf(primary)
      for (let k = 0; k < 4; k++) expect((await get(port, '/health')).status).toBe(200)
      await until(
        'the replacement to answer',
        () => now.every(pid => pidsThatServed(served.output(), '/health').has(pid)),
        10_000,
      )

      // SIGTERM to the primary: the workers finish and exit, then the primary, with status 0.
      served.child.kill('SIGTERM')
      expect(await served.exited).toEqual({ code: 0, signal: null })
      for (const pid of now) expect(alive(pid)).toBe(false)
      await expect(get(port, '/health')).rejects.toThrow(/ECONNREFUSED/)
    }, 180_000)
  } else {
    it('PROBITY_WORKERS=auto with embedded PGlite serves in one process, and SIGTERM stops it cleanly', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'probity-workers-'))
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
      const port = await freePort()
      const served = start(
        envWith({
          PROBITY_WORKERS: 'auto',
          PROBITY_DATA_DIR: dir,
          PROBITY_SEED_DEMO: 'false',
          PORT: String(port),
          HOST: '127.0.0.1',
          LOG_LEVEL: 'silent',
        }),
      )
      await until(
        'the server to start',
        () => served.output().includes('Probity is running') || served.child.exitCode !== null,
      )
      expect(served.output()).toContain(`Probity is running at http://localhost:${port} (database: pglite`)
      const res = await get(port, '/health')
      expect(res.status).toBe(200)
      expect(JSON.parse(res.body)).toMatchObject({ status: 'UP', database: { kind: 'pglite' } })
      expect(childrenOf(served.child.pid!)).toEqual([])
      served.child.kill('SIGTERM')
      expect(await served.exited).toEqual({ code: 0, signal: null })
    }, 120_000)
  }
})
