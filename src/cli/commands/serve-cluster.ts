import cluster, { type Worker } from 'node:cluster'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import closeWithGrace from 'close-with-grace'
import pino, { type Logger } from 'pino'
import { startAuditSealer, type AuditSealer } from '../../access/audit-chain.ts'
import type { VictimTaskMaker } from '../../features/victims/index.ts'
import type { Config } from '../../config.ts'
import { connect, type DatabaseHandle } from '../../db/connect.ts'
import { prepareSchema } from '../../db/migrate.ts'
import { systemClock } from '../../clock.ts'
import { seedDemoIfEmpty } from '../../seed/demo.ts'
import type { buildApp } from '../../web/app.ts'
import type { CliIo } from '../io.ts'
import { findMaxConnections } from '../queries.ts'

/**
 * `probity serve` with more than one process (PROBITY_WORKERS): node:cluster. The primary migrates and seeds once,
 * then forks the workers, which only connect and listen; the cluster shares the port between them (the primary
 * accepts connections and hands them round-robin to the workers). The app is stateless (sessions, CSRF tokens and
 * account lockouts are in the database); the per-IP rate limit is counted in each process.
 *
 * - A worker that stops unexpectedly is logged and replaced (after a growing pause, up to 30 s, when replacements keep
 *   failing before they listen). A worker that fails while the server is starting stops the whole server (exit 1).
 * - SIGINT/SIGTERM to the primary: it sends SIGTERM to every worker, which stops accepting, finishes its in-flight
 *   requests and closes its database pool (close-with-grace, 10 s at most); the primary exits when they have (15 s at
 *   most, then it kills what is left and exits 1).
 */

/** The command the workers run: this same `probity serve`, whatever started the primary (npm start, npx, a test). */
const BIN = fileURLToPath(new URL('../../../bin/probity.mjs', import.meta.url))
/** Each worker's PostgreSQL pool holds up to this many connections (`src/db/connect.ts`). */
const POOL_SIZE = 20
const WORKER_GRACE_MS = 10_000
const PRIMARY_GRACE_MS = 15_000

/** Messages over the IPC channels (benchmarks only: PROBITY_REPORT_MEMORY). */
interface MemoryRequest {
  probity: 'memory'
  id: number
}
export interface WorkerMemory {
  pid: number
  heapUsed: number
  rss: number
  /** Whether the figures were taken after a full garbage collection (live objects only). */
  gc: boolean
}
interface MemoryReport {
  probity: 'memory'
  id: number
  workers: WorkerMemory[]
}
const isMemoryRequest = (m: unknown): m is MemoryRequest =>
  typeof m === 'object' && m !== null && (m as MemoryRequest).probity === 'memory'

/** A full garbage collection, so memory figures count live objects (no --expose-gc needed at start). */
function forcedGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc')
    return runInNewContext('gc') as () => void
  } catch {
    return undefined
  }
}

function ownMemory(gc: (() => void) | undefined): WorkerMemory {
  gc?.()
  const m = process.memoryUsage()
  return { pid: process.pid, heapUsed: m.heapUsed, rss: m.rss, gc: gc !== undefined }
}

/**
 * PROBITY_REPORT_MEMORY in a single-process server started with an IPC channel (the HTTP benchmark): answers
 * `{ probity: 'memory', id }` with this process's memory after a forced GC, and shuts down (gracefully, as on
 * SIGTERM) when the parent goes away.
 */
export function answerMemoryRequests(): void {
  if (!process.send) return
  const gc = forcedGc()
  process.on('message', (m: unknown) => {
    if (isMemoryRequest(m))
      process.send?.({ probity: 'memory', id: m.id, workers: [ownMemory(gc)] } satisfies MemoryReport)
  })
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'))
}

/** A worker: connect, build the app, listen on the shared port. Never migrates or seeds (the primary has). */
export async function serveWorker(config: Config): Promise<number> {
  const running: {
    handle?: DatabaseHandle
    app?: Awaited<ReturnType<typeof buildApp>>
    sealer?: AuditSealer
    victimTasks?: VictimTaskMaker
  } = {}
  // Signals are handled below, once: a terminal's Ctrl-C reaches every worker as well as the primary, which then
  // sends SIGTERM too, and close-with-grace would exit at once on a second signal.
  const graceful = closeWithGrace({ delay: WORKER_GRACE_MS, skip: ['SIGINT', 'SIGTERM'] }, async ({ err }) => {
    if (err && running.app) running.app.log.error({ err }, 'worker shutting down after an error')
    else if (err) console.error('worker shutting down after an error', err)
    await running.app?.close()
    await running.sealer?.stop()
    await running.victimTasks?.stop()
    await running.handle?.close()
  })
  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    void graceful.close()
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  // The primary has gone (killed outright): stop too rather than linger.
  process.on('disconnect', shutdown)
  if (config.reportMemory) {
    const gc = forcedGc()
    process.on('message', (m: unknown) => {
      if (isMemoryRequest(m))
        process.send?.({ probity: 'memory', id: m.id, workers: [ownMemory(gc)] } satisfies MemoryReport)
    })
  }

  const handle = (running.handle = await connect(config))
  const app = (running.app = await (
    await import('../../web/app.ts')
  ).buildApp({ config, db: handle.db, databaseKind: handle.kind }))
  // Every worker runs a sealer; they take turns (pg_try_advisory_xact_lock), so one seals while the others skip.
  running.sealer = startAuditSealer(handle.db, {
    onError: err => app.log.error({ err }, 'sealing the audit trail failed'),
  })
  // Likewise the victim task maker: its cursor row is locked, so two workers never make the same task.
  const { startVictimTaskMaker } = await import('../../features/victims/index.ts')
  running.victimTasks = startVictimTaskMaker(handle.db, systemClock, {
    onError: err => app.log.error({ err }, 'making victim liaison tasks failed'),
  })
  await app.listen({ port: config.port, host: config.host })
  return new Promise<number>(() => {})
}

/** Migrates and seeds once, and warns when the workers' pools could exceed the server's connections. */
async function prepareDatabase(config: Config, io: CliIo, log: Logger): Promise<string> {
  const handle = await connect(config)
  try {
    await prepareSchema(config, handle)
    if (config.seedDemo) {
      const seeded = await seedDemoIfEmpty(handle.db, { living: true, clock: systemClock })
      if (seeded) io.out(seeded.summary)
    }
    if (handle.kind === 'postgres') {
      const allowed = await findMaxConnections(handle.db)
      const wanted = config.workers * POOL_SIZE
      if (allowed !== undefined && wanted > allowed) {
        log.warn(
          `PROBITY_WORKERS=${config.workers}: the workers may open ${wanted} database connections (${POOL_SIZE} each) but the server allows ${allowed} ` +
            '(max_connections): requests will fail under load. Run fewer workers, raise max_connections or put a connection pooler in front.',
        )
      }
    }
    return handle.description
  } finally {
    await handle.close()
  }
}

interface Workers {
  /** Resolves with the port once every first worker listens; rejects when one stops before. */
  startup: Promise<number>
  fork: () => void
  alive: () => Worker[]
  stopWorkers: () => Promise<void>
}

/** Forks on demand, replaces a worker that stops unexpectedly (with a growing pause) and stops them all. */
function superviseWorkers(wanted: number, log: Logger): Workers {
  const listened = new Set<number>()
  let started = false
  let shuttingDown = false
  let failuresInARow = 0
  const fork = () => {
    if (!shuttingDown) cluster.fork()
  }
  const alive = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead())
  const allExited = () =>
    new Promise<void>(resolve => {
      const check = () => {
        if (alive().length === 0) {
          cluster.off('exit', check)
          resolve()
        }
      }
      cluster.on('exit', check)
      check()
    })
  const stopWorkers = async () => {
    shuttingDown = true
    for (const w of alive()) w.process.kill('SIGTERM')
    await allExited()
  }

  let startupFailed: (message: string) => void = () => {}
  const startup = new Promise<number>((resolve, reject) => {
    startupFailed = message => reject(new Error(message))
    cluster.on('listening', (worker, address) => {
      listened.add(worker.id)
      failuresInARow = 0
      if (!started && listened.size === wanted) {
        started = true
        resolve(address.port)
      } else if (started) {
        log.info({ worker: worker.id, pid: worker.process.pid }, `worker ${worker.id} is listening (a replacement)`)
      }
    })
  })

  cluster.on('exit', (worker, code, signal) => {
    if (shuttingDown) return
    const how = signal ? `signal ${signal}` : `exit code ${code}`
    if (!started) {
      startupFailed(`probity serve: worker ${worker.id} stopped while the server was starting (${how})`)
      return
    }
    if (!listened.has(worker.id)) failuresInARow++
    const pause = failuresInARow ? Math.min(30_000, 1000 * 2 ** (failuresInARow - 1)) : 0
    log.error(
      { worker: worker.id, pid: worker.process.pid, code, signal },
      `worker ${worker.id} stopped unexpectedly (${how}); starting another${pause ? ` in ${pause / 1000} s` : ''}`,
    )
    setTimeout(fork, pause)
  })
  return { startup, fork, alive, stopWorkers }
}

/** Benchmarks: ask every worker for its memory and answer the parent with all of them (at most 5 s). */
function relayMemoryRequests(alive: () => Worker[]): void {
  let nextId = 0
  const waiting = new Map<number, (m: WorkerMemory) => void>()
  cluster.on('message', (_worker, m: unknown) => {
    if (isMemoryRequest(m) && 'workers' in (m as object)) waiting.get(m.id)?.((m as MemoryReport).workers[0])
  })
  process.on('message', async (m: unknown) => {
    if (!isMemoryRequest(m)) return
    const workers = alive().filter(w => w.isConnected())
    const answers = await Promise.all(
      workers.map(
        w =>
          new Promise<WorkerMemory | undefined>(resolve => {
            const id = ++nextId
            const timer = setTimeout(() => (waiting.delete(id), resolve(undefined)), 5000)
            waiting.set(id, report => (clearTimeout(timer), waiting.delete(id), resolve(report)))
            w.send({ probity: 'memory', id } satisfies MemoryRequest)
          }),
      ),
    )
    process.send?.({
      probity: 'memory',
      id: m.id,
      workers: answers.filter((a): a is WorkerMemory => a !== undefined),
    } satisfies MemoryReport)
  })
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'))
}

/** The primary: migrate and seed once, fork `config.workers` workers, keep them running, stop them on a signal. */
export async function servePrimary(config: Config, io: CliIo): Promise<number> {
  const log = pino({ level: config.logLevel, base: { role: 'primary' } })
  const description = await prepareDatabase(config, io, log)

  cluster.setupPrimary({ exec: BIN, args: ['serve'] })
  // The public forms' tokens must verify on whichever worker the form comes back to: without CP_FORM_SECRET every
  // worker inherits the one key the primary made (workers are forked with the primary's environment).
  process.env.CP_FORM_SECRET ||= config.communityPayback.formSecret
  const wanted = config.workers
  const workers = superviseWorkers(wanted, log)
  const graceful = closeWithGrace(
    {
      delay: PRIMARY_GRACE_MS,
      onTimeout: () => {
        log.error(`workers still running after ${PRIMARY_GRACE_MS} ms: killing them`)
        for (const w of workers.alive()) w.process.kill('SIGKILL')
      },
    },
    async ({ err, signal }) => {
      if (err) log.error({ err }, 'shutting down after an error')
      else log.info(`${signal ?? 'exit'}: stopping the workers (in-flight requests finish first)`)
      await workers.stopWorkers()
    },
  )
  if (config.reportMemory && process.send) relayMemoryRequests(workers.alive)

  for (let k = 0; k < wanted; k++) workers.fork()
  let port: number
  try {
    port = await workers.startup
  } catch (error) {
    graceful.uninstall()
    io.err((error as Error).message)
    await workers.stopWorkers()
    return 1
  }
  io.out(`Probity is running at http://localhost:${port} (database: ${description}; ${wanted} worker processes)`)
  // Keep running until a signal arrives.
  return new Promise<number>(() => {})
}
