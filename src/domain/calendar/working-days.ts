import type { LocalDate } from '@js-joda/core'
import { isBankHoliday, isWeekendDay } from './bank-holidays.ts'

/**
 * A working day is a weekday that is not an England & Wales bank holiday.
 * Throws `CalendarRangeError` outside 2000–2040.
 *
 * @example
 * isWorkingDay(LocalDate.of(2024, 12, 24)) // true
 * isWorkingDay(LocalDate.of(2024, 12, 25)) // false
 */
export function isWorkingDay(date: LocalDate): boolean {
  return !isWeekendDay(date) && !isBankHoliday(date)
}

/**
 * The first working day strictly after `date`.
 *
 * @example
 * nextWorkingDay(LocalDate.of(2024, 12, 24)).toString() // '2024-12-27'
 */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let d = date.plusDays(1)
  while (!isWorkingDay(d)) d = d.plusDays(1)
  return d
}

/**
 * The last working day strictly before `date`.
 *
 * @example
 * previousWorkingDay(LocalDate.of(2024, 4, 2)).toString() // '2024-03-28' (Easter)
 */
export function previousWorkingDay(date: LocalDate): LocalDate {
  let d = date.minusDays(1)
  while (!isWorkingDay(d)) d = d.minusDays(1)
  return d
}

/**
 * `date` itself when it is a working day, otherwise the next one (forward) or previous one (backward).
 *
 * @example
 * workingDayOnOrAfter(LocalDate.of(2024, 6, 1)).toString() // '2024-06-03'
 */
export function workingDayOnOrAfter(date: LocalDate): LocalDate {
  return isWorkingDay(date) ? date : nextWorkingDay(date)
}

/**
 * `date` itself when it is a working day, otherwise the previous working day.
 *
 * @example
 * workingDayOnOrBefore(LocalDate.of(2024, 6, 1)).toString() // '2024-05-31'
 */
export function workingDayOnOrBefore(date: LocalDate): LocalDate {
  return isWorkingDay(date) ? date : previousWorkingDay(date)
}

/**
 * Moves `n` working days from `date`: forward when n > 0, backward when n < 0. The start day itself is
 * never counted, so addWorkingDays(friday, 1) is the next Monday. n = 0 returns `date` unchanged, even on a
 * non-working day (use {@link workingDayOnOrAfter} for that).
 *
 * @example
 * addWorkingDays(LocalDate.of(2024, 12, 23), 2).toString() // '2024-12-27' (skips Christmas and Boxing Day)
 */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new TypeError(`addWorkingDays: n must be a whole number, got ${n}`)
  let d = date
  for (let i = 0; i < Math.abs(n); i++) d = n > 0 ? nextWorkingDay(d) : previousWorkingDay(d)
  return d
}

/**
 * Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`.
 *
 * @example
 * workingDaysBetween(LocalDate.of(2024, 12, 23), LocalDate.of(2024, 12, 27)) // 2
 */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  if (to.isBefore(from)) return -workingDaysBetween(to, from)
  let count = 0
  for (let d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) if (isWorkingDay(d)) count++
  return count
}
