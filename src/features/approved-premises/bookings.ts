import { LocalDate } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Database } from '../../db/schema.ts'
import {
  bookingChangeProblem,
  bookingProblems,
  premisesGenderProblem,
  type BookingField,
} from '../../domain/approved-premises/index.ts'
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../errors.ts'
import { humaniseDates } from '../../web/filters.ts'
import type { Parsed } from '../../web/forms.ts'
import { BOOK_PERSON, openPremises, requireManage, type ApDeps } from './context.ts'
import { reopenApplicationOf } from './departures.ts'
import type { BookingCommand, CancelBookingCommand, ChangeBookingCommand, StayDates } from './forms.ts'
import * as q from './queries.ts'
import { arrivalOf, departureOf } from './queries/stays.ts'

/**
 * Booking a bed for a person, changing a booking's dates and cancelling it (issue 16 item 3 and "Bad input";
 * reference-systems.md §2.5). Each is a change to the person's record: opened with `withPerson`, audited, and an
 * `ap.booking.*` event published in the same transaction. The bed is locked while its bookings and out-of-service
 * periods are checked, so two bookings of one bed queue and the second is refused with the reason; the database's
 * exclusion constraint refuses an overlap whatever the path, and that refusal reads the same.
 */

const OVERLAP = 'The bed is already booked for some of these nights: choose other dates or another bed'
const PERSON_OVERLAP =
  'This person already has a booking for some of these nights: change or cancel that booking first, or choose other dates'

/** The form field each of the rule's problems is shown on. */
const FIELD: Record<BookingField, string> = { arrival: 'arrival-day', departure: 'departure-day', bed: 'bed' }

export function makeBooking(deps: ApDeps, ctx: RequestContext, premisesId: number, command: Parsed<BookingCommand>) {
  return withBookedPerson(deps, ctx, premisesId, command, async (trx, person, premises, value) => {
    const { bedId, arrival, departure } = value
    const bed = await q.lockBed(trx, premisesId, bedId)
    if (!bed) throw new ValidationError([{ field: 'bed', message: 'Choose a bed in these premises' }])
    const wrongGender = premisesGenderProblem(premises.gender, await q.findPersonGender(trx, person.personId))
    if (wrongGender) throw new ValidationError([{ field: 'crn', message: wrongGender }])
    await checkStay(trx, premisesId, bedId, { arrival, departure }, undefined, FIELD)
    const bookingId = await refusingOverlap('bed', () =>
      q.insertBooking(trx, {
        person_id: person.personId,
        bed_id: bedId,
        arrival_date: arrival.toString(),
        departure_date: departure.toString(),
        created_by: ctx.user?.id ?? null,
      }),
    )
    const detail = {
      bookingId,
      premises: premises.code,
      bed: bed.code,
      arrivalDate: arrival.toString(),
      departureDate: departure.toString(),
    }
    await audit(trx, ctx, { action: 'AP_BOOKING_MADE', personId: person.personId, subject: person.crn, detail })
    await publish(trx, 'ap.booking.made', person.personId, { crn: person.crn, ...detail })
    return { premisesId, bookingId }
  })
}

/** Opens the premises (refusing another provider's), checks the form, then opens the person's record to book them. */
async function withBookedPerson<T>(
  deps: ApDeps,
  ctx: RequestContext,
  premisesId: number,
  command: Parsed<BookingCommand>,
  work: (
    trx: Transaction<Database>,
    person: { personId: number; crn: string },
    premises: q.PremisesRow,
    value: BookingCommand,
  ) => Promise<T>,
): Promise<T> {
  const premises = await openPremises(deps.db, ctx, premisesId)
  requireManage(ctx)
  if (!command.ok) throw new ValidationError(command.errors)
  const value = command.value
  try {
    return await deps.withPerson(ctx, value.crn, BOOK_PERSON, (trx, person) => work(trx, person, premises, value))
  } catch (e) {
    if (e instanceof NotFoundError)
      throw new ValidationError([{ field: 'crn', message: 'There is no person with this CRN' }])
    throw e
  }
}

export function changeBooking(
  deps: ApDeps,
  ctx: RequestContext,
  premisesId: number,
  bookingId: number,
  command: Parsed<ChangeBookingCommand>,
) {
  return withBooking(deps, ctx, premisesId, bookingId, async (trx, booking, premises) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const { arrival, departure, reason } = command.value
    const begun = bookingChangeProblem(await stayOf(trx, booking.id), { arrival })
    if (begun) throw new ValidationError([{ field: 'arrival-day', message: humaniseDates(begun) }])
    const onDates = { arrival: 'arrival-day', departure: 'departure-day', bed: 'arrival-day' }
    await checkStay(trx, premisesId, booking.bed_id, { arrival, departure }, booking.id, onDates)
    const stay = { arrival_date: arrival.toString(), departure_date: departure.toString() }
    const moved = await refusingOverlap('arrival-day', () =>
      q.updateBooking(trx, booking.id, booking.version, { ...stay, cancelled: false }),
    )
    if (!moved) throw new ConflictError()
    await q.insertBookingEvent(trx, {
      booking_id: booking.id,
      kind: 'changed',
      bed_id: booking.bed_id,
      ...stay,
      reason,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = {
      bookingId,
      premises: premises.code,
      bed: booking.bed_code,
      from: { arrivalDate: booking.arrival_date, departureDate: booking.departure_date },
      arrivalDate: stay.arrival_date,
      departureDate: stay.departure_date,
    }
    await audit(trx, ctx, { action: 'AP_BOOKING_CHANGED', personId: booking.person_id, subject: booking.crn, detail })
    await publish(trx, 'ap.booking.changed', booking.person_id, { crn: booking.crn, ...detail, reason })
    return { premisesId, bookingId }
  })
}

export function cancelBooking(
  deps: ApDeps,
  ctx: RequestContext,
  premisesId: number,
  bookingId: number,
  command: Parsed<CancelBookingCommand>,
) {
  return withBooking(deps, ctx, premisesId, bookingId, async (trx, booking, premises) => {
    if (!command.ok) throw new ValidationError(command.errors)
    const begun = bookingChangeProblem(await stayOf(trx, booking.id), 'cancel')
    if (begun) throw new ValidationError([{ field: 'cancelReason', message: humaniseDates(begun) }])
    const stay = { arrival_date: booking.arrival_date, departure_date: booking.departure_date }
    if (!(await q.updateBooking(trx, booking.id, booking.version, { ...stay, cancelled: true })))
      throw new ConflictError()
    const reason = command.value.reason
    await q.insertBookingEvent(trx, {
      booking_id: booking.id,
      kind: 'cancelled',
      bed_id: booking.bed_id,
      ...stay,
      reason,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = { bookingId, premises: premises.code, bed: booking.bed_code }
    await audit(trx, ctx, { action: 'AP_BOOKING_CANCELLED', personId: booking.person_id, subject: booking.crn, detail })
    await publish(trx, 'ap.booking.cancelled', booking.person_id, { crn: booking.crn, ...detail, reason })
    await reopenApplicationOf(trx, ctx, booking.id, { id: booking.person_id, crn: booking.crn }, reason)
    return { premisesId, bookingId }
  })
}

/** Whether the booking's stay has begun (the arrival date) or ended (a departure is recorded). */
async function stayOf(trx: Transaction<Database>, bookingId: number) {
  const [arrival, departure] = await Promise.all([arrivalOf(trx, bookingId), departureOf(trx, bookingId)])
  return { arrived: arrival ? LocalDate.parse(arrival.arrival_date) : null, departed: departure !== undefined }
}

/** Opens a live booking of the premises and its person's record for a change, with the bed locked. */
async function withBooking<T>(
  deps: ApDeps,
  ctx: RequestContext,
  premisesId: number,
  bookingId: number,
  work: (trx: Transaction<Database>, booking: q.BookingRow, premises: q.PremisesRow) => Promise<T>,
): Promise<T> {
  const premises = await openPremises(deps.db, ctx, premisesId)
  requireManage(ctx)
  const found = await q.findBooking(deps.db, premisesId, bookingId)
  if (!found) throw new NotFoundError('There is no such booking at these premises')
  return deps.withPerson(ctx, found.crn, BOOK_PERSON, async trx => {
    await q.lockBed(trx, premisesId, found.bed_id)
    const booking = await q.findBooking(trx, premisesId, bookingId)
    if (!booking) throw new NotFoundError('There is no such booking at these premises')
    if (booking.cancelled) throw new ValidationError([{ field: 'booking', message: 'This booking has been cancelled' }])
    return work(trx, booking, premises)
  })
}

/** Refuses a stay on the bed that breaks a rule, each problem on its field. */
async function checkStay(
  trx: Transaction<Database>,
  premisesId: number,
  bedId: number,
  stay: StayDates,
  changing: number | undefined,
  fields: Record<BookingField, string>,
): Promise<void> {
  const from = stay.arrival.toString()
  const [bookings, outOfService] = await Promise.all([
    q.bookingsOf(trx, premisesId, from, bedId),
    q.outOfServiceOf(trx, premisesId, from, bedId),
  ])
  const problems = bookingProblems(
    { ...stay, changing },
    {
      bookings: bookings.map(b => ({
        id: b.id,
        arrival: LocalDate.parse(b.arrival_date),
        departure: LocalDate.parse(b.departure_date),
      })),
      outOfService: outOfService.map(o => ({
        from: LocalDate.parse(o.from_date),
        to: LocalDate.parse(o.to_date),
        reason: o.reason,
      })),
    },
  )
  if (problems.length) {
    const errors: FieldError[] = []
    for (const p of problems)
      if (!errors.some(e => e.field === fields[p.field]))
        errors.push({ field: fields[p.field], message: humaniseDates(p.message) })
    throw new ValidationError(errors)
  }
}

/**
 * Runs a write, turning the database's refusal of overlapping bookings (SQLSTATE 23P01: of the bed, or of the person)
 * into the form's error.
 */
async function refusingOverlap<T>(field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'code' in e && e.code === '23P01') {
      const person = 'constraint' in e && e.constraint === 'ap_bookings_person_no_overlap'
      throw new ValidationError(
        person ? [{ field: 'arrival-day', message: PERSON_OVERLAP }] : [{ field, message: OVERLAP }],
      )
    }
    throw e
  }
}
