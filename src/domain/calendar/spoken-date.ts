import type { LocalDate } from '@js-joda/core'

/** The months' names as GOV.UK writes them, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/**
 * A date as GOV.UK writes it in a sentence ("7 December 2026"), for the messages rules give back (the pages format
 * their own dates with the `date` filter).
 *
 * @example
 * spokenDate(LocalDate.parse('2026-12-07')) // '7 December 2026'
 */
export function spokenDate(d: LocalDate): string {
  return `${d.dayOfMonth()} ${MONTH_NAMES[d.monthValue() - 1]} ${d.year()}`
}
