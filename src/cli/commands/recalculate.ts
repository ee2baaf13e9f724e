import { LocalDate } from '@js-joda/core'
import { systemClock } from '../../clock.ts'
import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { startAllPostSentenceSupervision } from '../../features/custody/index.ts'
import { recalculateAllTiers } from '../../features/risk/index.ts'
import { recalculateAllKeyDates } from '../../features/sentencing/index.ts'
import type { CliIo, Command } from '../io.ts'
import type { DatabaseHandle } from '../../db/connect.ts'

const USAGE =
  'Usage: probity recalculate release-dates|tiers|pss [--as-of YYYY-MM-DD] [--batch-size N] [--force (release dates only)]'

/**
 * `probity recalculate tiers`: the nightly tier recalculation of every person (`recalculateAllTiers`: tiers from the
 * stored predictor scores, only changed tiers stored), with `--as-of` and `--batch-size` as below.
 *
 * `probity recalculate pss`: the nightly start of post-sentence supervision (custody's
 * `startAllPostSentenceSupervision`): each case on licence whose licence has ended and whose sentence has a later
 * TUSED moves to PSS, with its audit row and event. `--as-of` runs it as on another date.
 *
 * `probity recalculate release-dates`: recalculates the key dates of every current custodial case with the sentencing
 * feature's `recalculateAllKeyDates` (the nightly job), storing those that changed, and prints the counts and the time
 * taken. `--as-of` calculates as on another date (default today), `--batch-size` people per transaction (default
 * 5,000), `--force` stores a new calculation for every case even where nothing changed. Exit 0 when done, 1 with a
 * message on bad arguments or a failure (batches committed before it are kept; running again finishes the job).
 *
 * @example
 * // DATABASE_URL=postgres://… probity recalculate release-dates
 * // Recalculated release dates as on 2026-11-22: 10,406 custodial cases (10,407 sentences, 0 refused) in 2.2 s = 4,730 cases/s
 * //   10,406 changed and stored, 0 unchanged (not rewritten), 3 batches
 */
interface Options {
  what: 'release-dates' | 'tiers' | 'pss'
  today: LocalDate
  batchSize: number
  force: boolean
}

/** The options after the calculation's name, or the message that refuses them. */
function parseOptions(what: Options['what'], rest: string[]): Options | { error: string } {
  const options: Options = { what, today: systemClock.today(), batchSize: 5_000, force: false }
  for (let k = 0; k < rest.length; k++) {
    const name = rest[k]
    if (name === '--force' && what === 'release-dates') {
      options.force = true
      continue
    }
    const value = rest[k + 1]
    if (name === '--as-of' && value !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
        return { error: `probity recalculate: --as-of must be a date like 2026-11-22, got "${value}". ${USAGE}` }
      try {
        options.today = LocalDate.parse(value)
      } catch {
        return { error: `probity recalculate: --as-of ${value} is not a real calendar date. ${USAGE}` }
      }
    } else if (name === '--batch-size' && value !== undefined) {
      options.batchSize = Number(value)
      if (!Number.isInteger(options.batchSize) || options.batchSize < 1)
        return {
          error: `probity recalculate: --batch-size must be a whole number of 1 or more, got "${value}". ${USAGE}`,
        }
    } else {
      return { error: `probity recalculate: unexpected argument ${name}. ${USAGE}` }
    }
    k++
  }
  return options
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-GB')

async function recalculateTiers(handle: DatabaseHandle, io: CliIo, { today, batchSize }: Options): Promise<number> {
  try {
    const ctx = { user: undefined, requestId: 'cli-recalculate-tiers', ip: null }
    const run = await recalculateAllTiers(handle.db, ctx, { today, trigger: 'recalculate tiers', batchSize })
    io.out(
      `Recalculated tiers as on ${run.calculatedOn}: ${fmt(run.people)} people in ${run.seconds.toFixed(1)} s = ${fmt(run.people / Math.max(run.seconds, 0.001))} people/s\n` +
        `  ${fmt(run.tierChanges)} people's tier changed (${fmt(run.tiersStored)} tiers stored); ${fmt(run.fullyCalculated)} had their predictors calculated (${fmt(run.scoresStored)} scores stored)`,
    )
    return 0
  } catch (error) {
    io.err(`probity recalculate: the tiers could not be recalculated: ${(error as Error).message}`)
    return 1
  }
}

async function startPss(handle: DatabaseHandle, io: CliIo, { today, batchSize }: Options): Promise<number> {
  try {
    const ctx = { user: undefined, requestId: 'cli-recalculate-pss', ip: null }
    const run = await startAllPostSentenceSupervision(handle.db, ctx, today, batchSize)
    io.out(
      `Post-sentence supervision as on ${today.toString()}: ${fmt(run.checked)} cases on licence with a TUSED checked, ` +
        `${fmt(run.started)} moved to PSS, in ${run.seconds.toFixed(1)} s`,
    )
    return 0
  } catch (error) {
    io.err(`probity recalculate: post-sentence supervision could not be started: ${(error as Error).message}`)
    return 1
  }
}

async function recalculateReleaseDates(
  handle: DatabaseHandle,
  io: CliIo,
  { today, batchSize, force }: Options,
): Promise<number> {
  try {
    const ctx = { user: undefined, requestId: 'cli-recalculate-release-dates', ip: null }
    const run = await recalculateAllKeyDates(handle.db, ctx, {
      today,
      trigger: 'recalculate release-dates',
      batchSize,
      force,
    })
    io.out(
      `Recalculated release dates as on ${run.calculatedOn}: ${fmt(run.people)} custodial cases (${fmt(run.sentences)} sentences, ` +
        `${fmt(run.refused)} refused) in ${run.seconds.toFixed(1)} s = ${fmt(run.people / Math.max(run.seconds, 0.001))} cases/s\n` +
        `  ${fmt(run.changed)} changed and stored, ${fmt(run.unchanged)} unchanged (not rewritten), ${fmt(run.batches)} batches`,
    )
    return 0
  } catch (error) {
    io.err(`probity recalculate: the release dates could not be recalculated: ${(error as Error).message}`)
    return 1
  }
}

const recalculate: Command = async (args, io) => {
  const [what, ...rest] = args
  if (what === '--help' || what === '-h') {
    io.out(USAGE)
    return 0
  }
  if (what !== 'release-dates' && what !== 'tiers' && what !== 'pss') {
    io.err(
      `probity recalculate: ${what === undefined ? 'say what to recalculate' : `unknown calculation "${what}"`}. ${USAGE}`,
    )
    return 1
  }
  const options = parseOptions(what, rest)
  if ('error' in options) {
    io.err(options.error)
    return 1
  }
  let handle: DatabaseHandle
  try {
    handle = await connect(loadConfig())
  } catch (error) {
    io.err(`probity recalculate: could not open the database: ${(error as Error).message}`)
    return 1
  }
  try {
    if (what === 'tiers') return await recalculateTiers(handle, io, options)
    if (what === 'pss') return await startPss(handle, io, options)
    return await recalculateReleaseDates(handle, io, options)
  } finally {
    await handle.close()
  }
}
export default recalculate
