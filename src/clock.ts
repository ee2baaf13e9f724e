import { LocalDate } from '@js-joda/core'

/**
 * The one source of "now" and "today". Services, sign-in, sessions and lockouts read the time from the clock
 * they were given, never from `Date.now()` or `new Date()`, so tests can fix it (`fixedClock`).
 * Calendar dates are days in England and Wales: "today" is the date in Europe/London, not in UTC.
 */
export interface Clock {
  /** The current instant. */
  now(): Date
  /** Today's date in Europe/London. */
  today(): LocalDate
}

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })

/**
 * The calendar date of an instant in Europe/London.
 *
 * @example
 * londonDate(new Date('2026-06-30T23:30:00Z')).toString() // '2026-07-01' (British Summer Time)
 */
export function londonDate(instant: Date): LocalDate {
  return LocalDate.parse(LONDON_DATE.format(instant))
}

/** A clock reading the time from `now` (the system's by default). */
export function clockFrom(now: () => Date): Clock {
  return { now, today: () => londonDate(now()) }
}

/** The machine's clock. */
export const systemClock: Clock = clockFrom(() => new Date())

/**
 * A clock stopped at one instant, for tests.
 *
 * @example
 * const clock = fixedClock('2026-11-22T10:00:00Z')
 */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant)
  return clockFrom(() => new Date(at))
}
