import type { LocalDate } from '@js-joda/core'
import { addWorkingDays, workingDayOnOrAfter, workingDaysBetween } from '../calendar/index.ts'

/**
 * Allocation and first-appointment clocks on the England & Wales working-day calendar.
 *
 * Sources (shared/domain/rules-and-outcomes.md §1.5 and §3.3):
 * - allocation (NPS v CRC) by the end of the 2nd full business day after sentence (NPS SL002);
 * - first appointment for a community order or suspended sentence order arranged within 5 business days of
 *   allocation (CRC SL001R, NPS SL003R);
 * - first appointment on licence within 1 business day of release (CRC SL002R, NPS SL004R).
 */

export const ALLOCATION_WORKING_DAYS = 2
export const ORDER_INDUCTION_WORKING_DAYS = 5
export const LICENCE_INDUCTION_WORKING_DAYS = 1

export interface Clock {
  dueBy: LocalDate
  /** Working days from today to the due date: 0 on the day, negative once overdue. */
  workingDaysLeft: number
  status: 'on_time' | 'due_today' | 'overdue'
  /** e.g. "2 working days left", "Due today", "Overdue by 1 working day" */
  text: string
}

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`

/**
 * A clock with a due date, as seen today.
 *
 * @example
 * clockOf(LocalDate.parse('2026-11-24'), LocalDate.parse('2026-11-25')).text // 'Overdue by 1 working day'
 */
export function clockOf(dueBy: LocalDate, today: LocalDate): Clock {
  const left = workingDaysBetween(today, dueBy)
  if (today.isAfter(dueBy)) {
    const over = Math.max(1, -left)
    return { dueBy, workingDaysLeft: -over, status: 'overdue', text: `Overdue by ${days(over)}` }
  }
  if (today.isEqual(dueBy)) return { dueBy, workingDaysLeft: 0, status: 'due_today', text: 'Due today' }
  return { dueBy, workingDaysLeft: left, status: 'on_time', text: `${days(left)} left` }
}

/**
 * The allocation clock: due by the end of the 2nd working day after sentence.
 *
 * @example
 * allocationClock(LocalDate.parse('2026-12-24'), LocalDate.parse('2026-12-24')).dueBy.toString() // '2026-12-30'
 */
export function allocationClock(sentenceDate: LocalDate, today: LocalDate): Clock {
  return clockOf(addWorkingDays(sentenceDate, ALLOCATION_WORKING_DAYS), today)
}

export type InductionBasis =
  { kind: 'order'; allocatedOn: LocalDate } | { kind: 'licence'; releaseDate: LocalDate; allocatedOn: LocalDate }

export interface InductionProposal {
  kind: 'order' | 'licence'
  /** The last day the induction may take place. */
  dueBy: LocalDate
  /** The date Probity suggests: the first working day it can be held, never after the due date. */
  proposed: LocalDate
  rule: string
}

/**
 * The induction (first appointment) deadline and a proposed date.
 * - Order: due 5 working days after allocation; proposed for the next working day after allocation.
 * - Licence: due 1 working day after release; proposed for the day of release (or the next working day), or the
 *   next working day after allocation when allocation comes after release.
 *
 * @example
 * proposeInduction({ kind: 'order', allocatedOn: LocalDate.parse('2026-11-27') })
 * // { dueBy: 2026-12-04, proposed: 2026-11-30, … }
 */
export function proposeInduction(basis: InductionBasis): InductionProposal {
  if (basis.kind === 'order') {
    const dueBy = addWorkingDays(basis.allocatedOn, ORDER_INDUCTION_WORKING_DAYS)
    return {
      kind: 'order',
      dueBy,
      proposed: addWorkingDays(basis.allocatedOn, 1),
      rule: `Within ${ORDER_INDUCTION_WORKING_DAYS} working days of allocation (community or suspended sentence order)`,
    }
  }
  const dueBy = addWorkingDays(basis.releaseDate, LICENCE_INDUCTION_WORKING_DAYS)
  const earliest = basis.allocatedOn.isBefore(basis.releaseDate)
    ? workingDayOnOrAfter(basis.releaseDate)
    : addWorkingDays(basis.allocatedOn, 1)
  return {
    kind: 'licence',
    dueBy,
    // Allocated too late to meet the deadline: still propose the first date it can be held.
    proposed: earliest.isAfter(dueBy) && basis.allocatedOn.isBefore(dueBy) ? dueBy : earliest,
    rule: `Within ${LICENCE_INDUCTION_WORKING_DAYS} working day of release (licence)`,
  }
}
