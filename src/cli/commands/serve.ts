import closeWithGrace from 'close-with-grace'
import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { seedDemoIfEmpty } from '../../seed/demo.ts'
import { buildApp } from '../../web/app.ts'
import type { Command } from '../io.ts'

/**
 * `probity serve` (what `npm start` runs): migrates, seeds the demo region on an empty database (unless
 * PROBITY_SEED_DEMO=false), then listens. SIGINT/SIGTERM finish in-flight requests before closing the database.
 */
const serve: Command = async (_args, io) => {
  const config = loadConfig()
  const handle = await connect(config)
  await migrateToLatest(handle.db)
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(handle.db)
    if (seeded) io.out(seeded.summary)
  }
  const app = await buildApp({ config, db: handle.db, databaseKind: handle.kind })
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    await app.close()
    await handle.close()
  })
  await app.listen({ port: config.port, host: config.host })
  io.out(`Probity is running at http://localhost:${config.port} (database: ${handle.description})`)
  // Keep running until a signal arrives.
  return new Promise<number>(() => {})
}
export default serve
