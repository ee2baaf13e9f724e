import type { LocalDate } from '@js-joda/core'
import { londonOffsetMinutes, londonWallClock } from '../../clock.ts'

/**
 * Appointments are booked in local (Europe/London) wall-clock time and stored as instants. These convert between the
 * two with the platform's time-zone data, so a 10:00 appointment stays at 10:00 across the clocks changing.
 */

/**
 * The instant of a London wall-clock time.
 *
 * @example
 * londonInstant(LocalDate.parse('2026-07-01'), 10, 0).toISOString() // '2026-07-01T09:00:00.000Z' (BST)
 */
export function londonInstant(date: LocalDate, hour: number, minute: number): Date {
  const guess = Date.UTC(date.year(), date.monthValue() - 1, date.dayOfMonth(), hour, minute)
  const first = londonOffsetMinutes(new Date(guess))
  let t = guess - first * 60000
  const second = londonOffsetMinutes(new Date(t))
  if (second !== first) t = guess - second * 60000
  return new Date(t)
}

/** The London calendar date of an instant, as `YYYY-MM-DD`. */
export function londonDate(at: Date): string {
  const f = londonWallClock(at)
  return `${f.year}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`
}

/** The London wall-clock time of an instant, as `HH:MM`. */
export function londonTime(at: Date): string {
  const f = londonWallClock(at)
  return `${String(f.hour).padStart(2, '0')}:${String(f.minute).padStart(2, '0')}`
}

/** `10:30` → `10:30am`, `14:00` → `2pm`: times as GOV.UK style writes them. */
export function spokenTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number)
  const suffix = h < 12 ? 'am' : 'pm'
  const hour = h % 12 === 0 ? 12 : h % 12
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, '0')}${suffix}`
}
