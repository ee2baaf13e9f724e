import type { LocalDate } from '@js-joda/core'

/**
 * Whether an order or one of its requirements is still running. End dates are the last day of the term (counted
 * like a term, release-dates spec §1.1: a 12-month order made on 2 March ends on 1 March), so an order or
 * requirement is current up to and including its end date and has ended from the day after.
 */

/** An order: terminated (by a recorded termination), expired (its end date has passed) or current. */
export type SentenceState = 'current' | 'terminated' | 'expired'

/** A requirement: terminated (recorded), ended (its end date, or its order's, has passed), or current. */
export type RequirementState = 'current' | 'terminated' | 'ended'

/** Words the record shows for each requirement state. */
export const REQUIREMENT_STATE_TEXT: Record<RequirementState, string> = {
  current: 'Current',
  terminated: 'Terminated',
  ended: 'Ended',
}

/**
 * An order's state on `today`.
 *
 * @example
 * sentenceState({ terminatedOn: null, endDate: LocalDate.parse('2026-03-01') }, LocalDate.parse('2026-03-01')) // 'current'
 * sentenceState({ terminatedOn: null, endDate: LocalDate.parse('2026-03-01') }, LocalDate.parse('2026-03-02')) // 'expired'
 */
export function sentenceState(
  s: { terminatedOn: LocalDate | null; endDate: LocalDate | null },
  today: LocalDate,
): SentenceState {
  if (s.terminatedOn) return 'terminated'
  return s.endDate !== null && s.endDate.isBefore(today) ? 'expired' : 'current'
}

/**
 * A requirement's state on `today`: terminated when a termination is recorded; ended once its own end date has
 * passed, or once its order has ended (terminated or expired), since a requirement cannot outlive its order;
 * otherwise current.
 *
 * @example
 * const today = LocalDate.parse('2026-12-05')
 * requirementState({ terminatedOn: null, endDate: LocalDate.parse('2026-12-04'), order: 'current' }, today) // 'ended'
 * requirementState({ terminatedOn: null, endDate: LocalDate.parse('2026-12-05'), order: 'current' }, today) // 'current'
 */
export function requirementState(
  r: { terminatedOn: LocalDate | null; endDate: LocalDate | null; order: SentenceState },
  today: LocalDate,
): RequirementState {
  if (r.terminatedOn) return 'terminated'
  if (r.order !== 'current') return 'ended'
  return r.endDate !== null && r.endDate.isBefore(today) ? 'ended' : 'current'
}
