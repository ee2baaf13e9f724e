import type { LocalDate } from '@js-joda/core'

/**
 * Where one dated item of resettlement work stands on `today`: done (in time or late), late (open past its due
 * date) or due (open, not yet late). An item is in time when it is done on or before its due date; the due date
 * itself is still in time (a "within 72 hours" or "within 5 working days" limit includes its last day).
 */
export type ClockStatus = 'done' | 'done_late' | 'late' | 'due'

export interface ClockInput {
  due: LocalDate
  doneOn: LocalDate | null
  today: LocalDate
}

/**
 * The status of an item with a due date.
 *
 * @example
 * clockStatus({ due: LocalDate.parse('2026-12-04'), doneOn: null, today: LocalDate.parse('2026-12-05') }) // 'late'
 */
export function clockStatus({ due, doneOn, today }: ClockInput): ClockStatus {
  if (doneOn) return doneOn.isAfter(due) ? 'done_late' : 'done'
  return today.isAfter(due) ? 'late' : 'due'
}

export const CLOCK_STATUS_TEXT: Record<ClockStatus, string> = {
  done: 'Done',
  done_late: 'Done late',
  late: 'Late',
  due: 'Due',
}
