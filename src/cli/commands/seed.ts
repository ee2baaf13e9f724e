import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { prepareSchema } from '../../db/migrate.ts'
import { systemClock } from '../../clock.ts'
import { seedDemoIfEmpty } from '../../seed/demo.ts'
import { seedNational } from '../../seed/national/index.ts'
import type { Command } from '../io.ts'

const USAGE = 'Usage: probity seed [--scale N [--seed S] [--as-of YYYY-MM-DD]]'

/**
 * `probity seed`: the synthetic demo region and its living layer dated from today (src/seed/living: appointments today,
 * a court list, an allocation queue, enforcement in progress), into an empty database; prints who to sign in as.
 * `probity seed --scale N`: the demo region (if the database is empty) and beside it the synthetic national dataset
 * at scale N (1.0 ≈ 1,000,000 people, 25,000,000 contacts; see src/seed/national). Idempotent per --seed.
 */
const seed: Command = async (args, io) => {
  const options: Record<string, string> = {}
  for (let k = 0; k < args.length; k++) {
    const name = args[k]
    if (!['--scale', '--seed', '--as-of'].includes(name) || args[k + 1] === undefined) {
      io.err(`probity seed: unexpected argument ${name}. ${USAGE}`)
      return 1
    }
    options[name.slice(2)] = args[++k]
  }
  if ((options.seed || options['as-of']) && !options.scale) {
    io.err(`probity seed: --seed and --as-of go with --scale. ${USAGE}`)
    return 1
  }
  const config = loadConfig()
  const handle = await connect(config)
  try {
    await prepareSchema(config, handle)
    const demo = await seedDemoIfEmpty(handle.db, { living: true, clock: systemClock })
    if (!options.scale) {
      if (!demo) {
        io.err('The database already holds data; the demo region is only seeded into an empty database.')
        return 1
      }
      io.out(demo.summary)
      return 0
    }
    if (demo) io.out(demo.summary)
    const scale = Number(options.scale)
    const seedNumber = options.seed ? Number(options.seed) : 1
    if (options['as-of'] && !/^\d{4}-\d{2}-\d{2}$/.test(options['as-of'])) {
      io.err('probity seed: --as-of must be a date like 2026-11-22')
      return 1
    }
    try {
      const result = await seedNational(
        { db: handle.db, kind: handle.kind, databaseUrl: config.databaseUrl },
        { scale, seed: seedNumber, asOf: options['as-of'], log: line => io.out(line) },
      )
      io.out(result.summary)
      return 0
    } catch (error) {
      io.err(`probity seed: ${(error as Error).message}`)
      return 1
    }
  } finally {
    await handle.close()
  }
}
export default seed
