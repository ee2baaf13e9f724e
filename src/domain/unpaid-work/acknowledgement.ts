import type { LocalDate, YearMonth } from '@js-joda/core'
import { addWorkingDays } from '../calendar/index.ts'

/**
 * The acknowledgement clock of a Community Payback nomination (issue 17 item 9). Source:
 * `shared/domain/rules-and-outcomes.md` §2.2 (Thames Valley PCC: "acknowledgement **within 2 days**"), read as two
 * working days (England and Wales bank holidays and weekends do not count) after the day it was submitted.
 */

/** The working days a nomination has to be acknowledged in (rules-and-outcomes.md §2.2). */
export const ACKNOWLEDGE_WITHIN_WORKING_DAYS = 2

/** Where a nomination stands against its acknowledgement clock. */
export type AcknowledgementState = 'on_time' | 'late' | 'due' | 'overdue'

/**
 * The last day a nomination submitted on `submitted` may be acknowledged on time: two working days after it
 * (rules-and-outcomes.md §2.2). The day of submission never counts.
 *
 * @example
 * acknowledgementDue(LocalDate.of(2026, 12, 4)).toString() // '2026-12-08' (Friday → Tuesday, over the weekend)
 * acknowledgementDue(LocalDate.of(2026, 12, 23)).toString() // '2026-12-29' (over Christmas and Boxing Day)
 */
export function acknowledgementDue(submitted: LocalDate): LocalDate {
  return addWorkingDays(submitted, ACKNOWLEDGE_WITHIN_WORKING_DAYS)
}

/**
 * The state of the clock on `today`: acknowledged on time or late, or not yet acknowledged and still due or
 * overdue (rules-and-outcomes.md §2.2).
 *
 * @example
 * acknowledgementState({ submitted: LocalDate.of(2026, 12, 4), acknowledged: null, today: LocalDate.of(2026, 12, 8) }) // 'due'
 * acknowledgementState({ submitted: LocalDate.of(2026, 12, 4), acknowledged: LocalDate.of(2026, 12, 9), today: LocalDate.of(2026, 12, 10) }) // 'late'
 */
export function acknowledgementState(clock: {
  submitted: LocalDate
  acknowledged: LocalDate | null
  today: LocalDate
}): AcknowledgementState {
  const due = acknowledgementDue(clock.submitted)
  if (clock.acknowledged) return clock.acknowledged.isAfter(due) ? 'late' : 'on_time'
  return clock.today.isAfter(due) ? 'overdue' : 'due'
}

/** A month's acknowledgement service level: of the nominations due in it, how many were acknowledged on time. */
export interface AcknowledgementServiceLevel {
  readonly due: number
  readonly onTime: number
  /** Whole percent, or null when none fell due in the month. */
  readonly percent: number | null
}

/**
 * The service level for `month` (rules-and-outcomes.md §2.2): nominations whose acknowledgement fell due in the month,
 * and those of them acknowledged on or before the day it was due.
 *
 * @example
 * acknowledgementServiceLevel(
 *   [{ submitted: LocalDate.of(2026, 12, 1), acknowledged: LocalDate.of(2026, 12, 2) }],
 *   YearMonth.of(2026, 12),
 * ) // { due: 1, onTime: 1, percent: 100 }
 */
export function acknowledgementServiceLevel(
  nominations: readonly { submitted: LocalDate; acknowledged: LocalDate | null }[],
  month: YearMonth,
): AcknowledgementServiceLevel {
  let due = 0
  let onTime = 0
  for (const n of nominations) {
    const dueOn = acknowledgementDue(n.submitted)
    if (dueOn.year() !== month.year() || dueOn.monthValue() !== month.monthValue()) continue
    due++
    if (n.acknowledged && !n.acknowledged.isAfter(dueOn)) onTime++
  }
  return { due, onTime, percent: due === 0 ? null : Math.floor((onTime * 100) / due) }
}

/** A nomination's status (the public sees it on the status page, issue 17 item 9). */
export type NominationStatus = 'received' | 'being_assessed' | 'accepted' | 'scheduled' | 'completed' | 'not_suitable'

/**
 * The statuses staff may move a nomination to from each (rules-and-outcomes.md §2.2: "suitability assessment; told
 * if/when work starts"): received → being assessed → accepted or not suitable; accepted → scheduled (its project is
 * created) → completed. Nothing goes back to received, and a completed or not suitable nomination is closed.
 */
const NEXT: Record<NominationStatus, readonly NominationStatus[]> = {
  received: ['being_assessed', 'accepted', 'not_suitable'],
  being_assessed: ['accepted', 'not_suitable'],
  accepted: ['scheduled', 'not_suitable'],
  scheduled: ['completed'],
  completed: [],
  not_suitable: [],
}

/**
 * Whether staff may move a nomination from `from` to `to` (rules-and-outcomes.md §2.2).
 *
 * @example
 * canMoveNomination('received', 'being_assessed') // true
 * canMoveNomination('completed', 'received') // false
 */
export function canMoveNomination(from: NominationStatus, to: NominationStatus): boolean {
  return NEXT[from].includes(to)
}
