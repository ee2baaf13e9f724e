import type { LocalDate } from '@js-joda/core'
import type { Length } from '../sentencing/orders.ts'

/**
 * What the record says about a person that the Victim Contact Scheme and MAPPA eligibility depend on. Loaded from the
 * database by `loadProtectionFacts` (src/features/public-protection); pure data here so the rules are plain functions.
 */
export interface ProtectionSentence {
  readonly sentenceId: number
  readonly sentenceDate: LocalDate
  readonly type: 'community_order' | 'suspended_sentence_order' | 'custodial'
  /** The length the court passed (for a custodial sentence, the custodial term); null when not recorded. */
  readonly length: Length | null
  /** The Home Office offence codes of the sentence's event, main offence first. */
  readonly offenceCodes: readonly string[]
  /** The sentence was terminated (ended early, quashed, completed): it no longer makes anyone eligible. */
  readonly ended: boolean
}

/** A hospital order (Mental Health Act 1983 s.37), with a restriction order (s.41) or not. */
export interface HospitalOrder {
  readonly orderDate: LocalDate
  readonly restricted: boolean
  readonly offenceCodes: readonly string[]
}

export interface ProtectionFacts {
  readonly sentences: readonly ProtectionSentence[]
  /** Hospital orders that have not ended. */
  readonly hospitalOrders: readonly HospitalOrder[]
  /** Sexual Offences Act 2003 Part 2 notification requirements running today; `until` null: indefinite. */
  readonly notification: { readonly from: LocalDate; readonly until: LocalDate | null } | null
  /** Disqualified (barred) from working with children, and the bar has not ended. */
  readonly childrenBarred: boolean
  /** A recorded decision that the person is a category 3 ("other dangerous") offender, not withdrawn. */
  readonly category3Decision: { readonly decidedOn: LocalDate; readonly reason: string } | null
}
