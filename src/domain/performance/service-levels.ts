import type { LocalDate } from '@js-joda/core'
import { addWorkingDays, workingDaysBetween } from '../calendar/index.ts'

/**
 * The published service levels a probation provider is measured against (rules-and-outcomes.md §1, §4.1: service
 * levels in fee-for-service contracts, with deductions for a miss), each a deadline in working days (England & Wales
 * bank holidays, `src/domain/calendar`) from the day the clock starts, or a date set when the work was asked for.
 * Measured at team, delivery unit and provider level only: never per practitioner, never ranked.
 */

export type ServiceLevelCode =
  | 'allocation'
  | 'first-appointment'
  | 'first-appointment-release'
  | 'sentence-plan'
  | 'unpaid-work'
  | 'breach'
  | 'missed-appointment'
  | 'reports'

export interface ServiceLevel {
  code: ServiceLevelCode
  title: string
  /** What starts the clock and what stops it, in words for the page. */
  rule: string
  /** Working days allowed; null when the deadline is a date recorded with the work (a report's due date). */
  workingDays: number | null
  /** Why Probity cannot measure it, when it cannot. */
  notMeasured?: string
}

/**
 * Every service level, in the order the page shows them.
 *
 * @example
 * SERVICE_LEVELS.find(l => l.code === 'allocation')?.workingDays // 2
 */
export const SERVICE_LEVELS: readonly ServiceLevel[] = [
  {
    code: 'allocation',
    title: 'Allocation after sentence',
    rule: 'A community sentence allocated to a practitioner within 2 working days of the sentence',
    workingDays: 2,
  },
  {
    code: 'first-appointment',
    title: 'First appointment after allocation',
    rule: 'A community case’s first appointment within 5 working days of its allocation',
    workingDays: 5,
  },
  {
    code: 'first-appointment-release',
    title: 'First appointment after release',
    rule: 'A first appointment within 1 working day of release from custody',
    workingDays: 1,
  },
  {
    code: 'sentence-plan',
    title: 'Sentence plan',
    rule: 'A sentence plan within 15 working days of the first appointment',
    workingDays: 15,
    notMeasured: 'Not measured: Probity does not record sentence plans yet',
  },
  {
    code: 'unpaid-work',
    title: 'Unpaid work arranged',
    rule: 'An unpaid work requirement’s first session arranged within 7 working days of the sentence',
    workingDays: 7,
  },
  {
    code: 'breach',
    title: 'Breach referred',
    rule: 'A breach referred within 8 working days of the failure that triggered it',
    workingDays: 8,
  },
  {
    code: 'missed-appointment',
    title: 'Missed appointment followed up',
    rule: 'A missed appointment’s enforcement action done within 5 working days',
    workingDays: 5,
  },
  {
    code: 'reports',
    title: 'Reports on time',
    rule: 'A pre-sentence report completed by its due date',
    workingDays: null,
  },
]

/**
 * The service level with this code, or undefined.
 *
 * @example
 * serviceLevelOf('breach')?.title // 'Breach referred'
 */
export function serviceLevelOf(code: string): ServiceLevel | undefined {
  return SERVICE_LEVELS.find(l => l.code === code)
}

/**
 * The last day the work may be done: `workingDays` working days after the day the clock starts (that day itself is
 * not counted, so work due 2 working days after a Friday sentence is due on the Tuesday).
 *
 * @example
 * deadlineAfter(LocalDate.of(2026, 12, 24), 2).toString() // '2026-12-30' (Christmas and Boxing Day skipped)
 */
export function deadlineAfter(start: LocalDate, workingDays: number): LocalDate {
  return addWorkingDays(start, workingDays)
}

/** One case's standing against a deadline. */
export interface CaseMeasure {
  /** met: done by the deadline; missed: done late or still not done after it; pending: not yet due. */
  status: 'met' | 'missed' | 'pending'
  deadline: LocalDate
  /** Working days after the deadline it was done (or, not done, until `asOf`); 0 when met or pending. */
  workingDaysLate: number
}

/**
 * Measures one case: met when done on or before the deadline; missed when done after it, or not done and the
 * deadline has passed by `asOf`; otherwise pending (it does not count yet).
 *
 * @example
 * measureCase(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 4), LocalDate.of(2026, 4, 1)).status // 'missed'
 * measureCase(LocalDate.of(2026, 3, 2), null, LocalDate.of(2026, 3, 2)).status // 'pending'
 */
export function measureCase(deadline: LocalDate, done: LocalDate | null, asOf: LocalDate): CaseMeasure {
  const status = statusOf(deadline, done, asOf)
  if (status !== 'missed') return { status, deadline, workingDaysLate: 0 }
  return { status, deadline, workingDaysLate: workingDaysBetween(deadline, done ?? asOf) }
}

/**
 * A case's standing without counting how late it is (the figures need only this; counting working days is slower).
 *
 * @example
 * statusOf(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 4), LocalDate.of(2026, 4, 1)) // 'met'
 */
export function statusOf(deadline: LocalDate, done: LocalDate | null, asOf: LocalDate): CaseMeasure['status'] {
  if (done) return done.isAfter(deadline) ? 'missed' : 'met'
  return asOf.isAfter(deadline) ? 'missed' : 'pending'
}

/** Met, due (met + missed) and the percentage met. */
export interface LevelFigures {
  met: number
  due: number
  /** Whole per cent met of due; null when nothing was due. */
  percent: number | null
}

/**
 * Sums case measures into the figures a service level publishes; pending cases are not due yet.
 *
 * @example
 * figuresOf([{ status: 'met' }, { status: 'missed' }, { status: 'pending' }]) // { met: 1, due: 2, percent: 50 }
 */
export function figuresOf(measures: readonly Pick<CaseMeasure, 'status'>[]): LevelFigures {
  const met = measures.filter(m => m.status === 'met').length
  return figuresOfCounts(met, measures.filter(m => m.status === 'missed').length)
}

/**
 * The same figures from the numbers of cases met and missed (when the cases are counted, not listed).
 *
 * @example
 * figuresOfCounts(1, 2) // { met: 1, due: 3, percent: 33 }
 */
export function figuresOfCounts(met: number, missed: number): LevelFigures {
  const due = met + missed
  return { met, due, percent: due > 0 ? Math.round((met / due) * 100) : null }
}
