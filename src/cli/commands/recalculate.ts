import { LocalDate } from '@js-joda/core'
import { loadConfig } from '../../config.ts'
import { connect } from '../../db/connect.ts'
import { recalculateAllTiers } from '../../features/risk/index.ts'
import { recalculateAllKeyDates } from '../../features/sentencing/index.ts'
import type { Command } from '../io.ts'

const USAGE =
  'Usage: probity recalculate release-dates|tiers [--as-of YYYY-MM-DD] [--batch-size N] [--force (release dates only)]'

/**
 * `probity recalculate tiers`: the nightly tier recalculation of every person (`recalculateAllTiers`: tiers from the
 * stored predictor scores, only changed tiers stored), with `--as-of` and `--batch-size` as below.
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
const recalculate: Command = async (args, io) => {
  const [what, ...rest] = args
  if (what === '--help' || what === '-h') {
    io.out(USAGE)
    return 0
  }
  if (what !== 'release-dates' && what !== 'tiers') {
    io.err(
      `probity recalculate: ${what === undefined ? 'say what to recalculate' : `unknown calculation "${what}"`}. ${USAGE}`,
    )
    return 1
  }
  let today = LocalDate.now()
  let batchSize = 5_000
  let force = false
  for (let k = 0; k < rest.length; k++) {
    const name = rest[k]
    if (name === '--force' && what === 'release-dates') {
      force = true
      continue
    }
    const value = rest[k + 1]
    if (name === '--as-of' && value !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        io.err(`probity recalculate: --as-of must be a date like 2026-11-22, got "${value}". ${USAGE}`)
        return 1
      }
      try {
        today = LocalDate.parse(value)
      } catch {
        io.err(`probity recalculate: --as-of ${value} is not a real calendar date. ${USAGE}`)
        return 1
      }
    } else if (name === '--batch-size' && value !== undefined) {
      batchSize = Number(value)
      if (!Number.isInteger(batchSize) || batchSize < 1) {
        io.err(`probity recalculate: --batch-size must be a whole number of 1 or more, got "${value}". ${USAGE}`)
        return 1
      }
    } else {
      io.err(`probity recalculate: unexpected argument ${name}. ${USAGE}`)
      return 1
    }
    k++
  }

  let handle
  try {
    handle = await connect(loadConfig())
  } catch (error) {
    io.err(`probity recalculate: could not open the database: ${(error as Error).message}`)
    return 1
  }
  const fmt = (x: number) => Math.round(x).toLocaleString('en-GB')
  if (what === 'tiers') {
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
    } finally {
      await handle.close()
    }
  }
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
  } finally {
    await handle.close()
  }
}
export default recalculate
