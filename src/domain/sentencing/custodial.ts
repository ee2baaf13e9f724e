import type { LocalDate } from '@js-joda/core'
import { calculateReleaseDates, DATE_KEY_ORDER, ReleaseDateRequestError } from '../release-dates/index.ts'
import type { ReleaseDateRequest, SentenceRequest } from '../release-dates/index.ts'
import type { CustodialType, Length } from './orders.ts'

/**
 * Custodial key dates for a person: one booking built from ALL their current custodial sentences (consecutive chains,
 * concurrent sentences, remand and tagged-bail days) and calculated by the release-date engine (src/domain/release-dates,
 * spec /work/shared/domain/release-dates.md). The booking and its dates belong to every sentence in it.
 */

export interface CurrentCustodialSentence {
  /** The sentence's id, as text: the booking's `ref`. */
  ref: string
  custodialType: CustodialType
  sentenceDate: string
  offenceDate: string
  length: Length
  /** The ref of the sentence this one runs after, or null (concurrent). */
  consecutiveTo: string | null
  remandDays: number
  taggedBailDays: number
  offenceCode?: string
}

/**
 * The booking the calculator reads. A sentence consecutive to one that is no longer current (terminated) is treated as
 * concurrent; remand and tagged bail apply from the sentence they were recorded on.
 *
 * @example
 * buildBooking('1990-01-01', [{ ref: '7', custodialType: 'SDS', sentenceDate: '2026-03-02', offenceDate: '2026-01-05',
 *   length: { value: 18, unit: 'months' }, consecutiveTo: null, remandDays: 30, taggedBailDays: 0 }])
 * // { offender: { dateOfBirth: '1990-01-01' }, sentences: [{ ref: '7', sentenceType: 'SDS', … length: { months: 18 } }],
 * //   adjustments: { remand: [{ days: 30, appliesFrom: '2026-03-02' }], taggedBail: [] } }
 */
export function buildBooking(dateOfBirth: string, sentences: readonly CurrentCustodialSentence[]): ReleaseDateRequest {
  const refs = new Set(sentences.map(s => s.ref))
  const requests: SentenceRequest[] = sentences.map(s => ({
    ref: s.ref,
    sentenceType: s.custodialType,
    sentenceDate: s.sentenceDate,
    offenceDate: s.offenceDate,
    length: { [s.length.unit]: s.length.value },
    consecutiveTo: s.consecutiveTo && refs.has(s.consecutiveTo) ? s.consecutiveTo : null,
    ...(s.offenceCode ? { offenceCode: s.offenceCode } : {}),
  }))
  return {
    offender: { dateOfBirth },
    sentences: requests,
    adjustments: {
      remand: sentences.filter(s => s.remandDays > 0).map(s => ({ days: s.remandDays, appliesFrom: s.sentenceDate })),
      taggedBail: sentences
        .filter(s => s.taggedBailDays > 0)
        .map(s => ({ days: s.taggedBailDays, appliesFrom: s.sentenceDate })),
    },
  }
}

export interface KeyDates {
  /** Date key → ISO date, in the order people read them (CRD, ARD, HDCED, SED, LED, SLED, TUSED, ESED). */
  dates: Record<string, string>
  /** Date key → the rule and a plain-English explanation. */
  explanations: Record<string, { rule: string; text: string }>
  /** Which law the calculation used and why. */
  regime: { name: string; description: string }
  /** Non-working-day hints: the calculated date never moves. */
  hints: Record<string, string>
}

export type KeyDatesOutcome = { ok: true; value: KeyDates } | { ok: false; message: string }

/**
 * Calculates the key dates of a booking on `calculationDate` (which picks the regime in force when none is named).
 * A booking the calculator refuses comes back with its reason, never with a date it cannot stand behind.
 *
 * @example
 * calculateKeyDates(buildBooking(dob, sentences), LocalDate.parse('2026-03-02'))
 * // { ok: true, value: { dates: { CRD: '2026-11-…', SLED: '…' }, explanations: { CRD: { rule, text } }, … } }
 */
export function calculateKeyDates(booking: ReleaseDateRequest, calculationDate: LocalDate): KeyDatesOutcome {
  try {
    const result = calculateReleaseDates(booking, { calculationDate })
    const dates: Record<string, string> = {}
    const explanations: Record<string, { rule: string; text: string }> = {}
    const hints: Record<string, string> = {}
    for (const key of DATE_KEY_ORDER) {
      const date = result.dates[key]
      if (!date) continue
      dates[key] = date.toString()
      const e = result.explanations[key]
      if (e) explanations[key] = { rule: e.rule, text: e.text }
      const h = result.hints[key]
      if (h) hints[key] = h.text
    }
    return {
      ok: true,
      value: {
        dates,
        explanations,
        regime: { name: result.regime.name, description: result.regime.description },
        hints,
      },
    }
  } catch (error) {
    if (error instanceof ReleaseDateRequestError) return { ok: false, message: error.message }
    throw error
  }
}

/** Names of the key dates, for people. */
export const KEY_DATE_NAMES: Record<string, string> = {
  CRD: 'Conditional release date (CRD)',
  ARD: 'Automatic release date (ARD)',
  HDCED: 'Home detention curfew eligibility date (HDCED)',
  SED: 'Sentence expiry date (SED)',
  LED: 'Licence expiry date (LED)',
  SLED: 'Sentence and licence expiry date (SLED)',
  TUSED: 'Top-up supervision expiry date (TUSED)',
  ESED: 'Effective sentence end date (ESED)',
}
