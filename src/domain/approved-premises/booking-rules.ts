import type { LocalDate } from '@js-joda/core'
import { staysOverlap, stayMeetsOutOfService, type BookedNights, type OutOfServiceNights } from './nights.ts'

/**
 * Whether a bed may be booked for a stay (issue 16 "Bad input"; reference-systems.md §2.5, CAS1 bookings and
 * out-of-service beds): the departure must be after the arrival, no night may be out of service, and no night may be
 * held by another live booking of the bed. A change of a booking is judged without the booking itself.
 */

/** A live (not cancelled) booking of the bed, or the one being changed (`id`). */
export interface BedBooking extends BookedNights {
  readonly id: number
}

/** An out-of-service period of the bed, with its reason. */
export interface BedOutOfService extends OutOfServiceNights {
  readonly reason: string
}

/** The field a problem belongs to (the form's date inputs, or the bed). */
export type BookingField = 'arrival' | 'departure' | 'bed'

export interface BookingProblem {
  readonly field: BookingField
  readonly message: string
}

const day = (d: LocalDate) => d.toString()

/**
 * What is wrong with booking the bed for `stay`, first problem first; none when it may be booked.
 *
 * @example
 * bookingProblems({ arrival: d('2026-12-10'), departure: d('2026-12-10') }, { bookings: [], outOfService: [] })
 * // [{ field: 'departure', message: 'The departure date must be after the arrival date' }]
 */
export function bookingProblems(
  stay: BookedNights & { readonly changing?: number },
  bed: { readonly bookings: readonly BedBooking[]; readonly outOfService: readonly BedOutOfService[] },
): BookingProblem[] {
  if (!stay.departure.isAfter(stay.arrival))
    return [{ field: 'departure', message: 'The departure date must be after the arrival date' }]
  const problems: BookingProblem[] = []
  const out = bed.outOfService.find(p => stayMeetsOutOfService(stay, p))
  if (out)
    problems.push({
      field: 'bed',
      message: `The bed is out of service from ${day(out.from)} to ${day(out.to)} (${out.reason}): choose other dates or another bed`,
    })
  const clash = bed.bookings.find(b => b.id !== stay.changing && staysOverlap(stay, b))
  if (clash)
    problems.push({
      field: 'bed',
      message: `The bed is already booked from ${day(clash.arrival)} to ${day(clash.departure)}: choose other dates or another bed`,
    })
  return problems
}

/**
 * Why a bed may not be taken out of service for `period`, or undefined: the last date may not be before the first,
 * and a night already booked must be moved first.
 *
 * @example
 * outOfServiceProblem({ from: d('2026-12-10'), to: d('2026-12-09') }, []) // 'The end date must be on or after the start date'
 */
export function outOfServiceProblem(period: OutOfServiceNights, bookings: readonly BedBooking[]): string | undefined {
  if (period.to.isBefore(period.from)) return 'The end date must be on or after the start date'
  const clash = bookings.find(b => stayMeetsOutOfService(b, period))
  if (clash)
    return `The bed is booked from ${day(clash.arrival)} to ${day(clash.departure)}: move or cancel the booking first`
  return undefined
}

/**
 * Why premises for one gender may not take this person, or undefined (reference-systems.md §2.5: CAS1 matches
 * premises to the person's gender). Only a recorded gender that differs refuses: "other" and "not known" are left to
 * the staff who book, as the placement is decided case by case.
 *
 * @example
 * premisesGenderProblem('male', 'female') // 'These premises take men only: choose premises for women'
 */
export function premisesGenderProblem(premises: 'male' | 'female', person: string): string | undefined {
  if (person !== 'male' && person !== 'female') return undefined
  if (person === premises) return undefined
  return premises === 'male'
    ? 'These premises take men only: choose premises for women'
    : 'These premises take women only: choose premises for men'
}
