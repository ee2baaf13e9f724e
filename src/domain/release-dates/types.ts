import type { LocalDate } from '@js-joda/core'

/**
 * The legal regimes a calculation can run under (spec §0, §4). Data, not code paths: see `regimes.ts`.
 *
 * @example
 * const regime: RegimeName = 'sds40_2024'
 */
export type RegimeName = 'standard_50' | 'sds40_2024' | 'progression_model_2026'

/** Date keys the calculator can produce (spec §11). */
export type DateKey = 'CRD' | 'ARD' | 'SED' | 'LED' | 'SLED' | 'TUSED' | 'HDCED' | 'ESED'

/** Order used when dates are listed for people. */
export const DATE_KEY_ORDER: readonly DateKey[] = ['CRD', 'ARD', 'HDCED', 'SED', 'LED', 'SLED', 'TUSED', 'ESED']

/** A term as imposed (spec §1.1): any combination of years, months, weeks and days. */
export interface TermLength {
  years?: number
  months?: number
  weeks?: number
  days?: number
}

/** One sentence in a request, in the reference-vector format (test/vectors/release-dates.json `_meta.fields`). */
export interface SentenceRequest {
  ref: string
  sentenceType: 'SDS' | 'SDS_PLUS'
  sentenceDate: string
  offenceDate: string
  length: TermLength
  consecutiveTo?: string | null
  sdsPlusQualifying?: boolean
  section250?: boolean
  earlyReleaseExclusions?: string[]
  offenceCode?: string
}

/** One adjustment record. `days` is authoritative (spec §3.1); the recorded span is informational. */
export interface AdjustmentRequest {
  days: number
  appliesFrom?: string
  recordedFrom?: string
  recordedTo?: string
}

/** Adjustments by type (spec §3). */
export interface AdjustmentsRequest {
  remand?: AdjustmentRequest[]
  taggedBail?: AdjustmentRequest[]
  unlawfullyAtLarge?: AdjustmentRequest[]
  additionalDaysAwarded?: AdjustmentRequest[]
  restorationOfAdditionalDaysAwarded?: AdjustmentRequest[]
}

/**
 * One booking to calculate, as read from the CLI contract or built by a web form.
 *
 * @example
 * const request: ReleaseDateRequest = {
 *   offender: { dateOfBirth: '1990-01-01' },
 *   sentences: [{ ref: 'S1', sentenceType: 'SDS', sentenceDate: '2022-10-11', offenceDate: '2022-10-10', length: { months: 18 } }],
 *   rules: { regime: 'standard_50', pssRepealed: false },
 * }
 */
export interface ReleaseDateRequest {
  id?: string
  offender: { dateOfBirth: string; activeSexOffender?: boolean }
  sentences: SentenceRequest[]
  adjustments?: AdjustmentsRequest
  rules?: { regime?: RegimeName; pssRepealed?: boolean }
}

/** Why a date has the value it has: a stable rule id and a plain-English sentence for a web page. */
export interface DateExplanation {
  rule: string
  text: string
}

/**
 * Release dates on a weekend or bank holiday: a HINT for staff. The calculated date never moves (spec §1.10).
 * `suggested` is the previous working day (CRD/ARD) or next working day (HDCED); `discretionary` is the
 * Friday / pre-bank-holiday release scheme date when it differs.
 */
export interface NonWorkingDayHint {
  date: LocalDate
  suggested: LocalDate
  discretionary?: LocalDate
  text: string
}

/** Which law the calculation used and why. */
export interface AppliedRegime {
  name: RegimeName
  pssRepealed: boolean
  /** 'request' when the request named it, otherwise 'calculation-date' (the law in force that day). */
  chosenBy: 'request' | 'calculation-date'
  description: string
}

/**
 * The answer for one booking.
 *
 * @example
 * result.dates.CRD?.toString() // '2023-07-11'
 * result.explanations.CRD?.text // 'CRD: halfway point of 548 days = day 274 → 2023-07-11'
 */
export interface ReleaseDateResult {
  dates: Partial<Record<DateKey, LocalDate>>
  explanations: Partial<Record<DateKey, DateExplanation>>
  regime: AppliedRegime
  hints: Partial<Record<DateKey, NonWorkingDayHint>>
}

/** Options that are not part of the booking itself. */
export interface CalculationOptions {
  /** The day the calculation is made; picks the default regime when the request names none. */
  calculationDate?: LocalDate
}
