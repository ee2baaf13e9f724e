import type { LocalDate } from '@js-joda/core'
import { addWorkingDays, workingDayOnOrBefore, workingDaysBetween } from '../calendar/index.ts'

/**
 * Pre-sentence report (PSR) timescales on the England & Wales working-day calendar.
 *
 * Sources (shared/domain/rules-and-outcomes.md):
 * - §3.3 "PSR (2019/20)", from PQ-20 (written answer, Pre-sentence Reports, 9 Oct 2020): **oral** reports are given
 *   the same day; a **short format** written report ("Fast Delivery Report") is prepared within an adjournment of
 *   **up to 5 working days**; a **standard** report ("Standard Delivery Report") for complex cases: courts are
 *   advised **15 working days**.
 * - §3.3 "PSR (historic)", from HANS-03 (National Standards 2000/2002): a PSR within 15 working days of request.
 * - §1.5 NPS SL001: PSRs within the court-set timescale. So when the court adjourns to a date sooner than the
 *   standard timescale, the report is due by that hearing (on the last working day on or before it).
 *
 * The spec does not say how the days are counted; we use the calendar's convention (the request day itself is
 * not counted, so a short-format report requested on a Monday is due the next Monday).
 */

export const REPORT_TYPES = ['oral', 'short_format', 'standard'] as const
export type ReportType = (typeof REPORT_TYPES)[number]

/** Working days allowed for each kind of report, counted from the day of the request. */
export const REPORT_WORKING_DAYS: Readonly<Record<ReportType, number>> = {
  oral: 0,
  short_format: 5,
  standard: 15,
}

export const REPORT_TYPE_TEXT: Readonly<Record<ReportType, string>> = {
  oral: 'Oral report',
  short_format: 'Short format (fast delivery) report',
  standard: 'Standard delivery report',
}

export function isReportType(value: unknown): value is ReportType {
  return typeof value === 'string' && (REPORT_TYPES as readonly string[]).includes(value)
}

export interface ReportDueDate {
  dueDate: LocalDate
  /** Working days allowed by the timescale (0 for an oral report). */
  workingDays: number
  /** Why this date, in words, with the rule it follows. */
  basis: string
}

/**
 * When a report is due.
 *
 * @param requestedOn the day the court asked for the report
 * @param options.adjournedTo the date of the hearing the court adjourned to, if it set one: a report is never due
 *   after the court needs it
 *
 * @example
 * reportDueDate('short_format', LocalDate.of(2026, 12, 23)).dueDate.toString() // '2027-01-04' (Christmas, Boxing Day substitute, New Year)
 * reportDueDate('standard', LocalDate.of(2026, 4, 2)).dueDate.toString() // '2026-04-27' (Good Friday and Easter Monday skipped)
 * reportDueDate('oral', LocalDate.of(2026, 4, 2)).dueDate.toString() // '2026-04-02'
 */
export function reportDueDate(
  type: ReportType,
  requestedOn: LocalDate,
  options: { adjournedTo?: LocalDate | null } = {},
): ReportDueDate {
  const workingDays = REPORT_WORKING_DAYS[type]
  if (type === 'oral') {
    return {
      dueDate: requestedOn,
      workingDays,
      basis: 'An oral report is given on the day it is requested (PQ-20, 2020).',
    }
  }
  const byTimescale = addWorkingDays(requestedOn, workingDays)
  const timescale =
    type === 'short_format'
      ? `A short format (fast delivery) report is due within ${workingDays} working days of the request (PQ-20, 2020).`
      : `A standard delivery report is due within ${workingDays} working days of the request (PQ-20, 2020; National Standards 2000/2002).`
  const adjournedTo = options.adjournedTo ?? null
  if (adjournedTo && adjournedTo.isAfter(requestedOn)) {
    const byHearing = workingDayOnOrBefore(adjournedTo)
    if (byHearing.isBefore(byTimescale) && !byHearing.isBefore(requestedOn)) {
      return {
        dueDate: byHearing,
        workingDays,
        basis: `${timescale} The court adjourned to ${adjournedTo.toString()}, sooner, so the report is due by then (NPS SL001: the court-set timescale).`,
      }
    }
  }
  return { dueDate: byTimescale, workingDays, basis: timescale }
}

export type ReportTimeliness = 'completed' | 'cancelled' | 'late' | 'at_risk' | 'due'

/**
 * Where a report stands against its due date today: late once the due date has passed; at risk when it is due
 * today or on the next working day (within 1 working day); otherwise due. Finished reports are not timed.
 *
 * @example
 * reportTimeliness('requested', LocalDate.of(2026, 4, 2), LocalDate.of(2026, 4, 6)) // 'late'
 * reportTimeliness('in_progress', LocalDate.of(2026, 4, 7), LocalDate.of(2026, 4, 2)) // 'at_risk' (Good Friday and Easter Monday are not working days)
 */
export function reportTimeliness(
  status: 'requested' | 'in_progress' | 'completed' | 'cancelled',
  dueDate: LocalDate,
  today: LocalDate,
): ReportTimeliness {
  if (status === 'completed' || status === 'cancelled') return status
  if (dueDate.isBefore(today)) return 'late'
  if (workingDaysBetween(today, dueDate) <= 1) return 'at_risk'
  return 'due'
}
