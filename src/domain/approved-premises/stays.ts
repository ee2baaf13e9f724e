import type { LocalDate } from '@js-joda/core'
import { minutesOfDay } from '../licences/index.ts'

/**
 * A stay in approved premises (issue 16 item 4 and "Bad input"; reference-systems.md §2.5, CAS1 manage: arrivals,
 * non-arrivals, departures, keyworker): when an arrival, a non-arrival and a departure may be recorded, the curfew
 * that applies (the licence's curfew condition, else the premises' own), and which sign-in or curfew check is a
 * breach. Dates in messages are YYYY-MM-DD (a page says them in words). Pure: no I/O, no clock.
 */

/** The booked nights [arrival, departure). */
export interface BookedStay {
  readonly arrival: LocalDate
  readonly departure: LocalDate
}

/**
 * Why an arrival on `arrival` is refused, or null: not before the booking starts, not on or after the booking's
 * departure, not in the future.
 *
 * @example
 * arrivalProblem(d('2026-12-07'), { arrival: d('2026-12-08'), departure: d('2026-12-20') }, d('2026-12-08'))
 * // 'They cannot arrive before the booking starts on 2026-12-08'
 */
export function arrivalProblem(arrival: LocalDate, booking: BookedStay, today: LocalDate): string | null {
  if (arrival.isBefore(booking.arrival)) return `They cannot arrive before the booking starts on ${booking.arrival}`
  if (arrival.isAfter(today)) return 'The arrival date cannot be in the future'
  if (!arrival.isBefore(booking.departure))
    return `The arrival must be before the booking ends on ${booking.departure}: change the booking first`
  return null
}

/** Why a non-arrival cannot be recorded yet, or null: from the expected arrival date on. */
export function nonArrivalProblem(booking: BookedStay, today: LocalDate): string | null {
  return today.isBefore(booking.arrival)
    ? `A non-arrival can be recorded from the expected arrival date, ${booking.arrival}`
    : null
}

/**
 * Why a departure on `departure` is refused, or null: not before the arrival, not in the future.
 *
 * @example
 * departureProblem(d('2026-12-07'), d('2026-12-08'), d('2026-12-10'))
 * // 'The departure cannot be before the arrival on 2026-12-08'
 */
export function departureProblem(departure: LocalDate, arrival: LocalDate, today: LocalDate): string | null {
  if (departure.isBefore(arrival)) return `The departure cannot be before the arrival on ${arrival}`
  if (departure.isAfter(today)) return 'The departure date cannot be in the future'
  return null
}

/** A daily curfew, HH:MM to HH:MM (overnight when the end is at or before the start), and where it comes from. */
export interface Curfew {
  readonly start: string
  readonly end: string
  readonly source: 'licence' | 'premises'
}

/** What a licence's conditions hold, as stored (only the curfew condition's fields are read). */
export interface LicenceConditionsLike {
  readonly additional?: readonly { readonly type?: unknown; readonly fields?: Record<string, unknown> }[]
}

/**
 * The curfew for a resident: the licence in force's curfew condition when it has one with both times, else the
 * premises' default.
 *
 * @example
 * curfewFor({ additional: [{ type: 'curfew', fields: { startTime: '19:00', endTime: '07:00' } }] }, premises)
 * // { start: '19:00', end: '07:00', source: 'licence' }
 */
export function curfewFor(
  licence: LicenceConditionsLike | null,
  premises: { readonly start: string; readonly end: string },
): Curfew {
  const condition = licence?.additional?.find(c => c.type === 'curfew')
  const start = condition?.fields?.startTime
  const end = condition?.fields?.endTime
  if (
    typeof start === 'string' &&
    typeof end === 'string' &&
    minutesOfDay(start) !== null &&
    minutesOfDay(end) !== null
  )
    return { start: normal(start), end: normal(end), source: 'licence' }
  return { start: premises.start, end: premises.end, source: 'premises' }
}

/** HH:MM with two-digit hours. */
function normal(time: string): string {
  const minutes = minutesOfDay(time) ?? 0
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

/** Whether `time` (HH:MM) falls within the curfew: from its start (included) to its end (excluded), overnight too. */
export function withinCurfew(time: string, curfew: Pick<Curfew, 'start' | 'end'>): boolean {
  const t = minutesOfDay(time)
  const from = minutesOfDay(curfew.start)
  const to = minutesOfDay(curfew.end)
  if (t === null || from === null || to === null) return false
  return from < to ? t >= from && t < to : t >= from || t < to
}

export type CheckKind = 'sign_in' | 'curfew_check'

/**
 * Whether a check recorded by staff is a breach of the curfew, and why: a curfew check finding them absent, or
 * signing in after the curfew began (a time within the curfew hours). A breach is raised as enforcement on the licence.
 *
 * @example
 * curfewBreach({ kind: 'curfew_check', time: '23:30', present: false }, { start: '23:00', end: '07:00' })
 * // 'Absent at the curfew check at 23:30 (curfew 23:00 to 07:00)'
 */
export function curfewBreach(
  check: { readonly kind: CheckKind; readonly time: string; readonly present: boolean },
  curfew: Pick<Curfew, 'start' | 'end'>,
): string | null {
  const hours = `curfew ${curfew.start} to ${curfew.end}`
  if (check.kind === 'curfew_check' && !check.present) return `Absent at the curfew check at ${check.time} (${hours})`
  if (check.kind === 'sign_in' && withinCurfew(check.time, curfew))
    return `Signed in at ${check.time}, after the curfew began (${hours})`
  return null
}

/**
 * Why something during the stay (a check, an incident, an activity) cannot be dated `date`, or null: not before the
 * arrival, not after the departure when they have left, not in the future.
 */
export function duringStayProblem(
  date: LocalDate,
  stay: { readonly arrival: LocalDate; readonly departure: LocalDate | null },
  today: LocalDate,
): string | null {
  if (date.isBefore(stay.arrival)) return `The date cannot be before they arrived on ${stay.arrival}`
  if (stay.departure && date.isAfter(stay.departure)) return `The date cannot be after they left on ${stay.departure}`
  if (date.isAfter(today)) return 'The date cannot be in the future'
  return null
}

/**
 * The booking's new departure date when the person left before it (an early departure frees the nights from the day
 * they left), or null when they left on or after the booked departure (nothing to free). The booking keeps at least
 * its first night: one who arrived and left on that day still holds it (the nights must be [arrival, departure) with
 * departure after arrival).
 *
 * @example
 * departureFrees({ arrival: d('2026-12-08'), departure: d('2026-12-20') }, d('2026-12-12')) // 2026-12-12
 * departureFrees({ arrival: d('2026-12-08'), departure: d('2026-12-20') }, d('2026-12-20')) // null
 */
export function departureFrees(booking: BookedStay, left: LocalDate): LocalDate | null {
  if (!left.isBefore(booking.departure)) return null
  const firstNightEnds = booking.arrival.plusDays(1)
  const until = left.isAfter(firstNightEnds) ? left : firstNightEnds
  return until.isBefore(booking.departure) ? until : null
}

/**
 * Why a booking may not be changed or cancelled once its stay has begun or ended, or null (CAS1: a booking's dates are
 * managed until arrival; after it, the stay is recorded by arrival and departure): after the departure nothing
 * changes; after the arrival it is not cancelled (the departure is recorded instead) and the arrival date stays.
 *
 * @example
 * bookingChangeProblem({ arrived: d('2026-12-07'), departed: false }, 'cancel')
 * // 'They arrived on 2026-12-07: record their departure instead of cancelling the booking'
 */
export function bookingChangeProblem(
  stay: { readonly arrived: LocalDate | null; readonly departed: boolean },
  change: 'cancel' | { readonly arrival: LocalDate },
): string | null {
  if (stay.departed) return 'They have left: the stay is over and its booking cannot change'
  if (!stay.arrived) return null
  if (change === 'cancel')
    return `They arrived on ${stay.arrived}: record their departure instead of cancelling the booking`
  if (!change.arrival.equals(stay.arrived))
    return `They arrived on ${stay.arrived}: the arrival date cannot change (the departure date can)`
  return null
}
