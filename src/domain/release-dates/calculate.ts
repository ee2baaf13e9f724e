import type { LocalDate } from '@js-joda/core'
import { hasT3Exclusion, isProgressionExcluded, parseRequest, type Booking } from './booking.ts'
import { calculateBookingOutcome, type BookingOutcome } from './booking-outcome.ts'
import { progressionBasis, sds40Basis, sds40ForNewSentencesBasis, STANDARD_BASIS } from './bases.ts'
import { applyTrancheDefaulting } from './early-release.ts'
import { nonWorkingDayHint } from './hints.ts'
import { KEY_DATES } from './key-dates.ts'
import { REGIMES } from './regimes.ts'
import type { UnitContext } from './unit-calculation.ts'
import { type CalculationOptions, DATE_KEY_ORDER, type DateKey, type ReleaseDateResult } from './types.ts'

/**
 * Progression tranche by total sentence length (spec §4.4). Only the first (≤ 574 days, 2026-10-01) and the
 * final (2027-06-08) tranches are documented in the spec; intermediate tranches are not modelled.
 */
function progressionTranche(booking: Booking): { date: LocalDate; name: string } {
  const longest = booking.units.reduce((n, u) => Math.max(n, u.days), 0)
  return longest <= 574
    ? { date: KEY_DATES.PROGRESSION_TRANCHE_1, name: 'progression model tranche 1' }
    : { date: KEY_DATES.PROGRESSION_FINAL_TRANCHE, name: 'progression model final tranche' }
}

function sds40Outcome(booking: Booking, ctx: UnitContext, t3Reverted: boolean): BookingOutcome {
  const early = calculateBookingOutcome(booking, sds40Basis(t3Reverted), ctx)
  if (!booking.units.some(u => u.start.isBefore(KEY_DATES.SDS40_TRANCHE_1))) return early
  const standard = calculateBookingOutcome(booking, sds40ForNewSentencesBasis(t3Reverted), ctx)
  // Spec §4.2: tranche 1 when every sentence (chains aggregated) is under 5 years, otherwise tranche 2.
  const t1 = booking.units.every(u => u.under5Years)
  return applyTrancheDefaulting(
    early,
    standard,
    t1 ? KEY_DATES.SDS40_TRANCHE_1 : KEY_DATES.SDS40_TRANCHE_2,
    t1 ? 'SDS40 tranche 1' : 'SDS40 tranche 2',
    false,
  )
}

function outcomeFor(booking: Booking): BookingOutcome {
  const regime = REGIMES[booking.regime]
  const ctx: UnitContext = {
    regime,
    pssRepealed: booking.pssRepealed,
    dateOfBirth: booking.dateOfBirth,
    // Spec §6: sex offenders and bookings with any SDS+ or SDS+-qualifying sentence get no HDCED.
    hdcExcluded: booking.activeSexOffender || booking.sentences.some(s => s.plus || s.sdsPlusQualifying),
  }
  if (!regime.sds40) return calculateBookingOutcome(booking, STANDARD_BASIS, ctx)

  let t3Reverted = false
  let outcome = sds40Outcome(booking, ctx, false)
  // Spec §4.2 "T3": people still in custody on 2024-12-16 go back to the earlier fraction.
  if (booking.sentences.some(hasT3Exclusion) && !outcome.dates[outcome.releaseKey]!.isBefore(KEY_DATES.SDS40_T3)) {
    t3Reverted = true
    outcome = sds40Outcome(booking, ctx, true)
  }
  if (!regime.progression || booking.sentences.every(isProgressionExcluded)) return outcome

  const progression = calculateBookingOutcome(booking, progressionBasis(t3Reverted), ctx)
  const tranche = progressionTranche(booking)
  return applyTrancheDefaulting(progression, outcome, tranche.date, tranche.name, true)
}

/**
 * Calculates the release dates of one booking. Throws `ReleaseDateRequestError` for a request it refuses.
 * Each date comes with the rule that produced it and a plain-English explanation, plus a non-working-day hint
 * where one applies; the dates themselves are never moved for weekends (spec §1.10).
 *
 * @example
 * const result = calculateReleaseDates(vector.request)
 * result.dates.CRD?.toString()        // '2023-07-11'
 * result.explanations.CRD?.text       // 'CRD: halfway point of 548 days = day 274 → 2023-07-11'
 * result.regime.name                  // 'standard_50'
 */
export function calculateReleaseDates(request: unknown, options: CalculationOptions = {}): ReleaseDateResult {
  const booking = parseRequest(request, options)
  const outcome = outcomeFor(booking)
  const dates: ReleaseDateResult['dates'] = {}
  const explanations: ReleaseDateResult['explanations'] = {}
  const hints: ReleaseDateResult['hints'] = {}
  for (const key of DATE_KEY_ORDER) {
    const date = outcome.dates[key]
    if (!date) continue
    dates[key] = date
    const e = outcome.explanations[key]
    if (e) explanations[key] = e
    const hint = nonWorkingDayHint(key, date)
    if (hint) hints[key] = hint
  }
  const regime = REGIMES[booking.regime]
  return {
    dates,
    explanations,
    hints,
    regime: {
      name: regime.name,
      pssRepealed: booking.pssRepealed,
      chosenBy: booking.regimeChosenBy,
      description: regime.description,
    },
  }
}

/** Date keys in display order for a result, e.g. for a summary list on a web page. */
export function orderedDateKeys(result: ReleaseDateResult): DateKey[] {
  return DATE_KEY_ORDER.filter(k => result.dates[k] !== undefined)
}
