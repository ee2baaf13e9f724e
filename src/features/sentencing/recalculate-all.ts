import type { LocalDate } from '@js-joda/core'
import type { Kysely, Transaction } from 'kysely'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { Database } from '../../db/schema.ts'
import { keyDatesColumns, keyDatesFor } from './key-dates.ts'
import { readCustodialBatch, writeKeyDatesBatch, type BatchKeyDates, type BatchSentenceRow } from './queries.ts'

/** What a run of `recalculateAllKeyDates` did. */
export interface KeyDatesRecalculationRun {
  calculatedOn: string
  /** Custodial cases: people with at least one current (not terminated) custodial sentence. */
  people: number
  /** Their current custodial sentences. */
  sentences: number
  /** Cases the release-date engine refused (stored with the reason, as the per-person path stores them). */
  refused: number
  /** Cases whose stored key dates differed (or were never calculated): rewritten, with a `key_date_calculations` row. */
  changed: number
  /** Cases whose stored booking, dates, explanations, problem and expected end were already what was calculated: not rewritten. */
  unchanged: number
  batches: number
  seconds: number
}

/**
 * Recalculates the key dates of every current custodial case (nightly, or after a change of law), in batches of
 * `batchSize` people: one read of the batch's current custodial sentences, the same domain functions as the
 * per-person `recalculateKeyDates` (`keyDatesFor`: `buildBooking`, `calculateKeyDates`) and one set-based write
 * (`UPDATE … FROM unnest` and `INSERT … SELECT`), storing exactly what the per-person path stores: booking, dates,
 * explanations, problem and expected end on every current custodial sentence of the person, and a
 * `key_date_calculations` row (with `trigger`, `calculated_by` the context's user).
 *
 * A case whose stored values already equal the calculation is not rewritten and gets no history row (an
 * append-only row per case per night would be millions of rows a year saying nothing new); `force` rewrites every
 * case. Its `key_dates_calculated_at` then stays the time its dates were last (re)stored.
 *
 * Each batch reads and writes in its own REPEATABLE READ transaction, so a sentence recorded, amended or terminated
 * meanwhile (which recalculates the person in its own transaction) cannot be overwritten with dates calculated from
 * what it replaced: the batch fails with a serialization error and is retried. A run stopped half-way keeps the
 * batches it committed and can simply be run again. One `KEY_DATES_RECALCULATED` audit row records the run.
 *
 * @example
 * const run = await recalculateAllKeyDates(db, ctx, { today: clock.today(), trigger: 'nightly' })
 * console.log(`${run.people} cases, ${run.changed} changed, ${run.refused} refused`)
 */
export async function recalculateAllKeyDates(
  db: Kysely<Database>,
  ctx: RequestContext,
  options: RecalculationOptions & { batchSize?: number },
): Promise<KeyDatesRecalculationRun> {
  const started = performance.now()
  const batchSize = options.batchSize ?? 5_000
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a whole number of 1 or more, got ${batchSize}`)
  const run: KeyDatesRecalculationRun = {
    calculatedOn: options.today.toString(),
    people: 0,
    sentences: 0,
    refused: 0,
    changed: 0,
    unchanged: 0,
    batches: 0,
    seconds: 0,
  }
  let after = 0
  for (;;) {
    const outcome = await batchWithRetries(db, ctx, after, batchSize, options)
    if (!outcome) break
    after = outcome.lastPersonId
    run.batches++
    run.people += outcome.people
    run.sentences += outcome.sentences
    run.refused += outcome.refused
    run.changed += outcome.changed
    run.unchanged += outcome.people - outcome.changed
  }
  run.seconds = (performance.now() - started) / 1000
  const detail = { trigger: options.trigger, force: options.force ?? false, ...run }
  await audit(db, ctx, { action: 'KEY_DATES_RECALCULATED', personId: null, subject: null, detail })
  return run
}

interface RecalculationOptions {
  today: LocalDate
  trigger: string
  force?: boolean
}

interface BatchOutcome {
  lastPersonId: number
  people: number
  sentences: number
  refused: number
  changed: number
}

/** One batch in its own REPEATABLE READ transaction, read again after a concurrent change (up to 5 attempts). */
async function batchWithRetries(
  db: Kysely<Database>,
  ctx: RequestContext,
  after: number,
  size: number,
  options: RecalculationOptions,
): Promise<BatchOutcome | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(trx => recalculateBatch(trx, ctx, after, size, options))
    } catch (error) {
      // A concurrent change to one of the batch's sentences: read the batch again.
      if ((error as { code?: string }).code !== '40001' || attempt >= 5) throw error
    }
  }
}

/** One batch: the next `size` custodial cases after person `after`, read, calculated and written. Null when none are left. */
async function recalculateBatch(
  trx: Transaction<Database>,
  ctx: RequestContext,
  after: number,
  size: number,
  options: RecalculationOptions,
): Promise<BatchOutcome | null> {
  const rows = await readCustodialBatch(trx, after, size)
  if (rows.length === 0) return null
  const { cases, refused } = calculateBatch(rows, options.today)
  const written = await writeKeyDatesBatch(trx, cases, {
    force: options.force === true,
    trigger: options.trigger,
    by: ctx.user?.id ?? null,
  })
  return {
    lastPersonId: cases.person[cases.person.length - 1],
    people: cases.person.length,
    sentences: rows.length,
    refused,
    changed: written.length,
  }
}

/** The key dates of each case of a batch (rows in person order), by the same `keyDatesFor` as the per-person path. */
function calculateBatch(rows: readonly BatchSentenceRow[], today: LocalDate) {
  const cases: BatchKeyDates = {
    person: [],
    ids: [],
    booking: [],
    dates: [],
    explanations: [],
    problem: [],
    expectedEnd: [],
  }
  let refused = 0
  for (let i = 0; i < rows.length;) {
    const personId = rows[i].person_id
    let j = i
    while (j < rows.length && rows[j].person_id === personId) j++
    const list = rows.slice(i, j)
    const stored = keyDatesFor(list[0].date_of_birth, list, today)
    const columns = keyDatesColumns(stored)
    if (stored.problem !== null) refused++
    cases.person.push(personId)
    cases.ids.push(`{${list.map(r => r.id).join(',')}}`)
    cases.booking.push(columns.booking)
    cases.dates.push(columns.dates)
    cases.explanations.push(columns.explanations)
    cases.problem.push(columns.problem)
    cases.expectedEnd.push(stored.expectedEndDate)
    i = j
  }
  return { cases, refused }
}
