import type { LocalDate } from '@js-joda/core'
import type { BedBooking, BedOutOfService } from './booking-rules.ts'
import { bookedOn, outOfServiceOn } from './nights.ts'

/**
 * A premises' occupancy night by night (reference-systems.md §2.5, CAS1 manage: occupancy view; issue 16 item 3):
 * each bed each night is occupied (the person has arrived), booked (a live booking, not yet arrived), out of service,
 * or free. A booked night shows as booked whatever else is recorded for it.
 */

export type NightStatus = 'occupied' | 'booked' | 'out-of-service' | 'free'

/** A live booking as the plan needs it: whether the person has arrived (arrivals come with a later slice). */
export interface PlanBooking extends BedBooking {
  readonly bedId: number
  readonly arrived?: boolean
}

export interface PlanOutOfService extends BedOutOfService {
  readonly bedId: number
}

export interface BedNight {
  readonly night: LocalDate
  readonly status: NightStatus
  /** The booking holding the night, when it is booked or occupied. */
  readonly bookingId?: number
  /** Why the bed is out of service, when it is. */
  readonly reason?: string
}

/**
 * The nights starting on `from`, `nights` of them.
 *
 * @example
 * nightsFrom(LocalDate.parse('2026-12-07'), 2) // [2026-12-07, 2026-12-08]
 */
export function nightsFrom(from: LocalDate, nights: number): LocalDate[] {
  return Array.from({ length: Math.max(0, nights) }, (_, i) => from.plusDays(i))
}

/**
 * Each bed's nights from `from` for `nights` nights, keyed by bed id.
 *
 * @example
 * occupancy([1], [{ id: 9, bedId: 1, arrival: d('2026-12-07'), departure: d('2026-12-09') }], [], d('2026-12-08'), 2)
 * // Map { 1 => [{ night: 2026-12-08, status: 'booked', bookingId: 9 }, { night: 2026-12-09, status: 'free' }] }
 */
export function occupancy(
  bedIds: readonly number[],
  bookings: readonly PlanBooking[],
  outOfService: readonly PlanOutOfService[],
  from: LocalDate,
  nights: number,
): Map<number, BedNight[]> {
  const days = nightsFrom(from, nights)
  const plan = new Map<number, BedNight[]>()
  for (const bedId of bedIds) {
    const own = bookings.filter(b => b.bedId === bedId)
    const out = outOfService.filter(p => p.bedId === bedId)
    plan.set(
      bedId,
      days.map(night => nightOf(night, own, out)),
    )
  }
  return plan
}

function nightOf(night: LocalDate, bookings: readonly PlanBooking[], out: readonly PlanOutOfService[]): BedNight {
  const booking = bookings.find(b => bookedOn(b, night))
  if (booking) return { night, status: booking.arrived ? 'occupied' : 'booked', bookingId: booking.id }
  const period = out.find(p => outOfServiceOn(p, night))
  if (period) return { night, status: 'out-of-service', reason: period.reason }
  return { night, status: 'free' }
}

/**
 * How many beds are in each status on each night: the plan's totals row.
 *
 * @example
 * nightlyTotals(plan, 2) // [{ occupied: 0, booked: 1, 'out-of-service': 0, free: 2 }, …]
 */
export function nightlyTotals(
  plan: ReadonlyMap<number, readonly BedNight[]>,
  nights: number,
): Record<NightStatus, number>[] {
  const totals = Array.from({ length: nights }, () => ({ occupied: 0, booked: 0, 'out-of-service': 0, free: 0 }))
  for (const bedNights of plan.values()) bedNights.forEach((n, i) => totals[i]![n.status]++)
  return totals
}
