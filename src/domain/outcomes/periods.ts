import { LocalDate } from '@js-joda/core'

/**
 * Cohort periods (issue 19): quarterly by default ("3-month offender cohorts" since October 2017,
 * rules-and-outcomes.md §1.1), any length allowed. A quarter is written `2026-Q1` (January to March).
 */
export interface Period {
  readonly from: LocalDate
  readonly to: LocalDate
}

const QUARTER = /^(\d{4})-Q([1-4])$/

/**
 * The period a quarter label names, or null when it is not one.
 *
 * @example
 * quarterPeriod('2026-Q1') // { from: 2026-01-01, to: 2026-03-31 }
 * quarterPeriod('2026-Q5') // null
 */
export function quarterPeriod(label: string): Period | null {
  const match = QUARTER.exec(label)
  if (!match) return null
  const from = LocalDate.of(Number(match[1]), (Number(match[2]) - 1) * 3 + 1, 1)
  return { from, to: from.plusMonths(3).minusDays(1) }
}

/**
 * The label of the quarter a date falls in.
 *
 * @example
 * quarterOf(LocalDate.parse('2026-05-17')) // '2026-Q2'
 */
export function quarterOf(date: LocalDate): string {
  return `${date.year()}-Q${Math.floor((date.monthValue() - 1) / 3) + 1}`
}

/**
 * The quarter before a quarter.
 *
 * @example
 * previousQuarter('2026-Q1') // '2025-Q4'
 */
export function previousQuarter(label: string): string {
  const period = quarterPeriod(label)
  if (!period) throw new RangeError(`Not a quarter: ${label}`)
  return quarterOf(period.from.minusDays(1))
}

/**
 * The last `count` quarters ending with the one `date` falls in, oldest first.
 *
 * @example
 * quartersEndingAt(LocalDate.parse('2026-05-17'), 3) // ['2025-Q4', '2026-Q1', '2026-Q2']
 */
export function quartersEndingAt(date: LocalDate, count: number): string[] {
  const labels = [quarterOf(date)]
  while (labels.length < count) labels.unshift(previousQuarter(labels[0]))
  return labels
}

/**
 * The latest quarter whose cohort is final on `asOf`: its waiting period (quarter end + 18 months) has ended.
 *
 * @example
 * latestFinalQuarter(LocalDate.parse('2026-12-07')) // '2025-Q1' (ended 2025-03-31; waiting ended 2026-09-30)
 */
export function latestFinalQuarter(asOf: LocalDate): string {
  let label = quarterOf(asOf)
  for (;;) {
    const period = quarterPeriod(label)!
    if (asOf.isAfter(period.to.plusMonths(18))) return label
    label = previousQuarter(label)
  }
}
