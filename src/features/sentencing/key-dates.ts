import { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { buildBooking, calculateKeyDates, type CurrentCustodialSentence } from '../../domain/sentencing/index.ts'
import { currentCustodialSentences } from './queries.ts'

/**
 * Recalculates a person's custodial key dates: one booking from ALL their current custodial sentences, calculated by
 * the release-date engine, stored on every one of those sentence rows (booking, dates, explanations) and appended to
 * `key_date_calculations`. Call it in the same transaction as any change to a custodial sentence (added, amended,
 * terminated).
 */
export async function recalculateKeyDates(
  db: Executor,
  ctx: RequestContext,
  person: { id: number; date_of_birth: string },
  options: { today: LocalDate; trigger: string },
): Promise<{ sentenceIds: number[]; dates: Record<string, string> | null; problem: string | null }> {
  const rows = await currentCustodialSentences(db, person.id)
  if (rows.length === 0) return { sentenceIds: [], dates: null, problem: null }
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
  const booking = buildBooking(person.date_of_birth, sentences)
  const outcome = calculateKeyDates(booking, options.today)
  const ids = rows.map(r => r.id)
  const dates = outcome.ok ? outcome.value.dates : null
  const explanations = outcome.ok
    ? { explanations: outcome.value.explanations, regime: outcome.value.regime, hints: outcome.value.hints }
    : null
  const problem = outcome.ok ? null : `The release dates could not be calculated: ${outcome.message}`
  await db
    .updateTable('sentences')
    .set({
      custodial_booking: JSON.stringify(booking),
      key_dates: dates ? JSON.stringify(dates) : null,
      key_dates_explanation: explanations ? JSON.stringify(explanations) : null,
      key_dates_calculated_at: new Date(),
      key_dates_problem: problem,
      // The booking's end is each sentence's expected end: the latest licence or sentence expiry.
      ...(dates ? { expected_end_date: dates.SLED ?? dates.LED ?? dates.SED ?? null } : {}),
    })
    .where('id', 'in', ids)
    .execute()
  await db
    .insertInto('key_date_calculations')
    .values({
      person_id: person.id,
      sentence_ids: ids,
      booking: JSON.stringify(booking),
      key_dates: dates ? JSON.stringify(dates) : null,
      explanations: explanations ? JSON.stringify(explanations) : null,
      problem,
      trigger: options.trigger,
      calculated_by: ctx.user?.id ?? null,
    })
    .execute()
  return { sentenceIds: ids, dates, problem }
}
