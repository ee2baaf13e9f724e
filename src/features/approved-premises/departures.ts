import { LocalDate } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Database } from '../../db/schema.ts'
import { applicationMove, departureFrees } from '../../domain/approved-premises/index.ts'
import { ConflictError } from '../../errors.ts'
import * as q from './queries.ts'
import * as applications from './queries/applications.ts'

/**
 * What the end of a stay does to its booking (issue 16 items 3 and 4; reference-systems.md §2.5, CAS1 departures and
 * non-arrivals): the booking row holds the nights it still takes, so the bed plan, a new booking of the bed (the
 * exclusion constraint on [arrival_date, departure_date)) and the person's own bookings see the nights freed. Each
 * change bumps the booking's version and appends its history row (`ap_booking_events`), audited and published as a
 * change or cancellation of the booking would be, inside the stay's transaction (the booking already locked).
 * - An early departure (before the booked departure) moves the booking's departure to the day they left: a
 *   'changed' row, reason "Departed early: <why they left>".
 * - A non-arrival cancels the booking: a 'cancelled' row, reason "Did not arrive: <reason>". An arrival is not
 *   recorded on it afterwards; if the person comes later, staff book the bed again (the nights are free).
 */

type Trx = Transaction<Database>

/** ap_booking_events.reason holds at most 1000 characters. */
const REASON_MAX = 1000
const reasonText = (prefix: string, text: string) => {
  const full = `${prefix}: ${text}`
  return full.length <= REASON_MAX ? full : `${full.slice(0, REASON_MAX - 1)}…`
}

export interface EndedBooking {
  premises: q.PremisesRow
  booking: q.BookingRow
  person: { id: number; crn: string }
}

/**
 * Shortens the booking to the day the person left when that is before its departure date; nothing otherwise.
 * Returns the booking's departure date after the change (or null when unchanged).
 */
export async function freeNightsAfterDeparture(
  trx: Trx,
  ctx: RequestContext,
  { premises, booking, person }: EndedBooking,
  left: LocalDate,
  why: string,
): Promise<string | null> {
  const booked = { arrival: LocalDate.parse(booking.arrival_date), departure: LocalDate.parse(booking.departure_date) }
  const until = departureFrees(booked, left)
  if (!until) return null
  const stay = { arrival_date: booking.arrival_date, departure_date: until.toString() }
  if (!(await q.updateBooking(trx, booking.id, booking.version, { ...stay, cancelled: false })))
    throw new ConflictError()
  const reason = reasonText('Departed early', why)
  await q.insertBookingEvent(trx, {
    booking_id: booking.id,
    kind: 'changed',
    bed_id: booking.bed_id,
    ...stay,
    reason,
    recorded_by: ctx.user?.id ?? null,
  })
  const detail = {
    bookingId: booking.id,
    premises: premises.code,
    bed: booking.bed_code,
    from: { arrivalDate: booking.arrival_date, departureDate: booking.departure_date },
    arrivalDate: stay.arrival_date,
    departureDate: stay.departure_date,
  }
  await audit(trx, ctx, { action: 'AP_BOOKING_CHANGED', personId: person.id, subject: person.crn, detail })
  await publish(trx, 'ap.booking.changed', person.id, { crn: person.crn, ...detail, reason })
  return stay.departure_date
}

/** Cancels the booking of a person who did not arrive, so its nights are free for others (and for them). */
export async function releaseBookingAfterNonArrival(
  trx: Trx,
  ctx: RequestContext,
  { premises, booking, person }: EndedBooking,
  why: string,
): Promise<void> {
  const stay = { arrival_date: booking.arrival_date, departure_date: booking.departure_date }
  if (!(await q.updateBooking(trx, booking.id, booking.version, { ...stay, cancelled: true })))
    throw new ConflictError()
  const reason = reasonText('Did not arrive', why)
  await q.insertBookingEvent(trx, {
    booking_id: booking.id,
    kind: 'cancelled',
    bed_id: booking.bed_id,
    ...stay,
    reason,
    recorded_by: ctx.user?.id ?? null,
  })
  const detail = { bookingId: booking.id, premises: premises.code, bed: booking.bed_code }
  await audit(trx, ctx, { action: 'AP_BOOKING_CANCELLED', personId: person.id, subject: person.crn, detail })
  await publish(trx, 'ap.booking.cancelled', person.id, { crn: person.crn, ...detail, reason })
  await reopenApplicationOf(trx, ctx, booking.id, person, reason)
}

/**
 * When a booking made from an application is cancelled (by staff, or because the person did not arrive), the
 * application is accepted again, awaiting a placement, so it is back on the team's list to place; the history names
 * the booking and why. Nothing happens for a booking made without an application.
 */
export async function reopenApplicationOf(
  trx: Trx,
  ctx: RequestContext,
  bookingId: number,
  person: { id: number; crn: string },
  why: string,
): Promise<void> {
  const application = await applications.applicationOfBooking(trx, bookingId)
  if (!application) return
  const move = applicationMove(application.status, 'unplace')
  if (!move.ok) return
  if (!(await applications.updateApplicationStatus(trx, application.id, application.version, move.to)))
    throw new ConflictError()
  await applications.insertApplicationEvent(trx, {
    application_id: application.id,
    kind: 'booking_cancelled',
    text: reasonText('Booking cancelled', why),
    booking_id: bookingId,
    recorded_by: ctx.user?.id ?? null,
  })
  const detail = { applicationId: application.id, bookingId }
  await audit(trx, ctx, { action: 'AP_APPLICATION_UNPLACED', personId: person.id, subject: person.crn, detail })
}
