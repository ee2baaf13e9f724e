import type { LocalDate } from '@js-joda/core'
import { addWorkingDays } from '../calendar/index.ts'

/**
 * The two clocks on an unpaid work order (shared/domain/rules-and-outcomes.md §1.5 "CRC SCH9 SL006R", "PS SL029",
 * §2.1 "Period"): the first session arranged within 7 working days of allocation, and the hours completed within 12
 * months of the requirement's start, with a warning from 9 months. A limit includes its last day.
 */

/** Unpaid work arranged within 7 business days after allocation (CRC SCH9 SL006R). */
export const FIRST_SESSION_WORKING_DAYS = 7
/** Unpaid work completed within 12 months (PS SL029; Sentencing Code Sch 9 para 1 "during a period of 12 months"). */
export const COMPLETION_MONTHS = 12
/** From 9 months an unfinished order is at risk of missing the 12 months. */
export const WARNING_MONTHS = 9

export type FirstSessionState = 'met' | 'missed' | 'due'

export interface FirstSessionClock {
  state: FirstSessionState
  dueBy: LocalDate
  arrangedOn: LocalDate | null
}

/**
 * Whether the first session was arranged within 7 working days of allocation: met (arranged on or before the due
 * date), missed (arranged after it, or not arranged and the due date has passed) or due (not yet arranged, still in
 * time).
 *
 * @example
 * firstSessionClock({ allocatedOn: LocalDate.parse('2026-12-01'), arrangedOn: null, today: LocalDate.parse('2026-12-07') })
 * // { state: 'due', dueBy: 2026-12-10, arrangedOn: null }
 */
export function firstSessionClock(input: {
  allocatedOn: LocalDate
  arrangedOn: LocalDate | null
  today: LocalDate
}): FirstSessionClock {
  const dueBy = addWorkingDays(input.allocatedOn, FIRST_SESSION_WORKING_DAYS)
  const { arrangedOn, today } = input
  if (arrangedOn) return { state: arrangedOn.isAfter(dueBy) ? 'missed' : 'met', dueBy, arrangedOn }
  return { state: today.isAfter(dueBy) ? 'missed' : 'due', dueBy, arrangedOn }
}

export type CompletionState = 'complete' | 'on_track' | 'at_risk' | 'overdue'

export interface CompletionClock {
  state: CompletionState
  /** The requirement's start (the sentence date when it has none). */
  startedOn: LocalDate
  /** From this day an unfinished order is at risk. */
  warnFrom: LocalDate
  /** The last day of the 12 months. */
  dueBy: LocalDate
}

/**
 * Where an order stands against the 12 months: complete when nothing remains; otherwise overdue after the 12 months,
 * at risk from 9 months, else on track.
 *
 * @example
 * completionClock({ startedOn: LocalDate.parse('2026-01-10'), remainingMinutes: 600, today: LocalDate.parse('2026-12-07') })
 * // { state: 'at_risk', warnFrom: 2026-10-10, dueBy: 2027-01-10, … }
 */
export function completionClock(input: {
  startedOn: LocalDate
  remainingMinutes: number
  today: LocalDate
}): CompletionClock {
  const { startedOn, remainingMinutes, today } = input
  const warnFrom = startedOn.plusMonths(WARNING_MONTHS)
  const dueBy = startedOn.plusMonths(COMPLETION_MONTHS)
  const dates = { startedOn, warnFrom, dueBy }
  if (remainingMinutes <= 0) return { state: 'complete', ...dates }
  if (today.isAfter(dueBy)) return { state: 'overdue', ...dates }
  if (!today.isBefore(warnFrom)) return { state: 'at_risk', ...dates }
  return { state: 'on_track', ...dates }
}
