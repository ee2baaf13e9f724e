import type { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { buildBooking, calculateKeyDates, type CurrentCustodialSentence } from '../../domain/sentencing/index.ts'
import { currentCustodialSentences, insertKeyDateCalculation, storeKeyDates, type KeyDatesColumns } from './queries.ts'

/** A current custodial sentence as read for a key-date calculation (per person or in batches). */
export interface CustodialSentenceFacts {
  id: number
  custodial_type: 'SDS' | 'SDS_PLUS' | null
  sentence_date: string
  length_value: number | null
  length_unit: 'days' | 'weeks' | 'months' | 'years' | null
  consecutive_to_sentence_id: number | null
  remand_days: number
  tagged_bail_days: number
  offence_date: string | null
  conviction_date: string | null
}

/** What a key-date calculation stores: on every sentence of the booking and in `key_date_calculations`. */
export interface StoredKeyDates {
  booking: ReturnType<typeof buildBooking>
  dates: Record<string, string> | null
  explanations: { explanations: unknown; regime: unknown; hints: unknown } | null
  problem: string | null
  /** The booking's end (SLED, else LED, else SED); only written when there are dates. */
  expectedEndDate: string | null
}

/**
 * The key dates of one person's current custodial sentences (in id order): the booking built from ALL of them, the
 * release-date engine's dates and explanations, or the reason it refused. The per-person `recalculateKeyDates` and
 * the batched `recalculateAllKeyDates` both store exactly this.
 */
export function keyDatesFor(
  dateOfBirth: string,
  rows: readonly CustodialSentenceFacts[],
  today: LocalDate,
): StoredKeyDates {
  const sentences: CurrentCustodialSentence[] = rows.map(r => ({
    ref: String(r.id),
    custodialType: r.custodial_type ?? 'SDS',
    sentenceDate: r.sentence_date,
    // The validation on record refuses a custodial sentence without an offence date; older rows fall back to conviction.
    offenceDate: r.offence_date ?? r.conviction_date ?? r.sentence_date,
    length: { value: r.length_value ?? 0, unit: r.length_unit ?? 'days' },
    consecutiveTo: r.consecutive_to_sentence_id === null ? null : String(r.consecutive_to_sentence_id),
    remandDays: r.remand_days,
    taggedBailDays: r.tagged_bail_days,
  }))
  const booking = buildBooking(dateOfBirth, sentences)
  const outcome = calculateKeyDates(booking, today)
  const dates = outcome.ok ? outcome.value.dates : null
  return {
    booking,
    dates,
    explanations: outcome.ok
      ? { explanations: outcome.value.explanations, regime: outcome.value.regime, hints: outcome.value.hints }
      : null,
    problem: outcome.ok ? null : `The release dates could not be calculated: ${outcome.message}`,
    // The booking's end is each sentence's expected end: the latest licence or sentence expiry.
    expectedEndDate: dates ? (dates.SLED ?? dates.LED ?? dates.SED ?? null) : null,
  }
}

/**
 * Recalculates a person's custodial key dates: one booking from ALL their current custodial sentences, calculated by
 * the release-date engine, stored on every one of those sentence rows (booking, dates, explanations) and appended to
 * `key_date_calculations`. Call it in the same transaction as any change to a custodial sentence (added, amended,
 * terminated), with the clock's `today` and `now`. For every custodial case at once (nightly), see `recalculateAllKeyDates` in recalculate-all.ts.
 */
export async function recalculateKeyDates(
  db: Executor,
  ctx: RequestContext,
  person: { id: number; date_of_birth: string },
  options: { today: LocalDate; now: Date; trigger: string },
): Promise<{ sentenceIds: number[]; dates: Record<string, string> | null; problem: string | null }> {
  const rows = await currentCustodialSentences(db, person.id)
  if (rows.length === 0) return { sentenceIds: [], dates: null, problem: null }
  const stored = keyDatesFor(person.date_of_birth, rows, options.today)
  const columns = keyDatesColumns(stored)
  const ids = rows.map(r => r.id)
  await storeKeyDates(db, ids, { ...columns, expectedEndDate: stored.expectedEndDate, at: options.now })
  await insertKeyDateCalculation(db, {
    ...columns,
    personId: person.id,
    sentenceIds: ids,
    trigger: options.trigger,
    by: ctx.user?.id ?? null,
  })
  return { sentenceIds: ids, dates: stored.dates, problem: stored.problem }
}

/** What is stored of a calculation, as the JSON columns take it. */
export function keyDatesColumns(stored: StoredKeyDates): KeyDatesColumns {
  return {
    booking: JSON.stringify(stored.booking),
    dates: stored.dates ? JSON.stringify(stored.dates) : null,
    explanations: stored.explanations ? JSON.stringify(stored.explanations) : null,
    problem: stored.problem,
  }
}
