import type { LocalDate } from '@js-joda/core'

/**
 * Nights in approved premises (reference-systems.md §2.5, CAS1 manage: bookings, out-of-service beds, occupancy).
 * A night is named by the date it starts. A booking holds the nights from its arrival up to, not including, its
 * departure (the person leaves that morning); an out-of-service period holds the nights from its first to its last
 * date, both included.
 */

/** A booking's nights: [arrival, departure). */
export interface BookedNights {
  readonly arrival: LocalDate
  readonly departure: LocalDate
}

/** An out-of-service period's nights: [from, to], both included. */
export interface OutOfServiceNights {
  readonly from: LocalDate
  readonly to: LocalDate
}

/**
 * Whether the booking holds the night starting on `night`.
 *
 * @example
 * bookedOn({ arrival: LocalDate.parse('2026-12-07'), departure: LocalDate.parse('2026-12-09') }, LocalDate.parse('2026-12-09')) // false
 */
export function bookedOn(stay: BookedNights, night: LocalDate): boolean {
  return !night.isBefore(stay.arrival) && night.isBefore(stay.departure)
}

/**
 * Whether the bed is out of service on the night starting on `night` (the last date included).
 *
 * @example
 * outOfServiceOn({ from: LocalDate.parse('2026-12-07'), to: LocalDate.parse('2026-12-09') }, LocalDate.parse('2026-12-09')) // true
 */
export function outOfServiceOn(period: OutOfServiceNights, night: LocalDate): boolean {
  return !night.isBefore(period.from) && !night.isAfter(period.to)
}

/**
 * Whether two bookings share a night (a departure and an arrival on the same day do not).
 *
 * @example
 * staysOverlap(a, b) // true when a arrives before b departs and b arrives before a departs
 */
export function staysOverlap(a: BookedNights, b: BookedNights): boolean {
  return a.arrival.isBefore(b.departure) && b.arrival.isBefore(a.departure)
}

/**
 * Whether a booking holds any night of an out-of-service period.
 *
 * @example
 * stayMeetsOutOfService(stay, period) // true when a booked night is out of service
 */
export function stayMeetsOutOfService(stay: BookedNights, period: OutOfServiceNights): boolean {
  return stay.arrival.isBefore(period.to.plusDays(1)) && period.from.isBefore(stay.departure)
}
