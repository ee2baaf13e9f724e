import cluster from 'node:cluster'
import closeWithGrace from 'close-with-grace'
import { startAuditSealer } from '../../access/audit-chain.ts'
import { loadConfig, type Config } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { prepareSchema } from '../../db/migrate.ts'
import { systemClock } from '../../clock.ts'
import { seedDemoIfEmpty } from '../../seed/demo.ts'
import type { Command } from '../io.ts'
import { answerMemoryRequests, servePrimary, serveWorker } from './serve-cluster.ts'

/**
 * `probity serve` (what `npm start` runs): migrates (unless PROBITY_MIGRATE_ON_START=false; as MIGRATION_DATABASE_URL
 * when set), seeds the demo region with its living layer dated from today on an empty database (unless
 * PROBITY_SEED_DEMO=false) and prints who to sign in as, then listens. SIGINT/SIGTERM finish in-flight requests before closing the database.
 *
 * With PROBITY_WORKERS above 1 (`auto`: one per CPU with a PostgreSQL server), this process migrates and seeds, then
 * runs that many worker processes with node:cluster, sharing the port (`serve-cluster.ts`). With one worker (always,
 * with embedded PGlite) it serves in this process, as it always has.
 */
const serve: Command = async (_args, io) => {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    io.err(`probity serve: ${(error as Error).message}`)
    return 1
  }
  if (cluster.isWorker) return serveWorker(config)
  if (config.workers > 1) return servePrimary(config, io)

  const handle = await connect(config)
  try {
    await prepareSchema(config, handle)
  } catch (error) {
    await handle.close()
    io.err(`probity serve: ${(error as Error).message}`)
    return 1
  }
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(handle.db, { living: true, clock: systemClock })
    if (seeded) io.out(seeded.summary)
  }
  const { buildApp } = await import('../../web/app.ts')
  const app = await buildApp({ config, db: handle.db, databaseKind: handle.kind })
  const sealer = startAuditSealer(handle.db, {
    onError: err => app.log.error({ err }, 'sealing the audit trail failed'),
  })
  // Tasks for victim liaison officers from key events in offenders' records (one run at a time: the cursor is locked).
  const { startVictimTaskMaker } = await import('../../features/victims/index.ts')
  const victimTasks = startVictimTaskMaker(handle.db, systemClock, {
    onError: err => app.log.error({ err }, 'making victim liaison tasks failed'),
  })
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    await app.close()
    await sealer.stop()
    await victimTasks.stop()
    await handle.close()
  })
  if (config.reportMemory) answerMemoryRequests()
  await app.listen({ port: config.port, host: config.host })
  io.out(`Probity is running at http://localhost:${config.port} (database: ${handle.description})`)
  // Keep running until a signal arrives.
  return new Promise<number>(() => {})
}
export default serve
