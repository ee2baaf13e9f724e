import { audit, type RequestContext } from '../../access/audit.ts'
import { NotFoundError } from '../../errors.ts'
import { BOOK_PERSON, canManage, openPremises, type ApDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * One booking's page: who (their record opened with `withPerson`, the view audited), the bed and dates, and its
 * history (made, changed, cancelled with the reasons, who and when); the forms to change or cancel it. And what the
 * "Book a bed" form needs: the premises' beds.
 */

export interface BookingPage {
  premises: q.PremisesRow
  booking: q.BookingRow
  person: { crn: string; forename: string; surname: string }
  history: q.BookingEventRow[]
  canManage: boolean
}

export async function bookingPage(
  deps: ApDeps,
  ctx: RequestContext,
  premisesId: number,
  bookingId: number,
): Promise<BookingPage> {
  const premises = await openPremises(deps.db, ctx, premisesId)
  const found = await q.findBooking(deps.db, premisesId, bookingId)
  if (!found) throw new NotFoundError('There is no such booking at these premises')
  return deps.withPerson(ctx, found.crn, BOOK_PERSON, async (trx, access) => {
    const person = await q.findPersonName(trx, access.personId)
    const booking = (await q.findBooking(trx, premisesId, bookingId)) ?? found
    const history = await q.bookingHistory(trx, bookingId)
    await audit(trx, ctx, {
      action: 'AP_BOOKING_VIEW',
      personId: access.personId,
      subject: access.crn,
      detail: { bookingId, premises: premises.code },
    })
    return { premises, booking, person: { crn: access.crn, ...person }, history, canManage: canManage(ctx) }
  })
}

export interface NewBookingPage {
  premises: q.PremisesRow
  beds: q.BedRow[]
}

export async function newBookingPage(deps: ApDeps, ctx: RequestContext, premisesId: number): Promise<NewBookingPage> {
  const premises = await openPremises(deps.db, ctx, premisesId)
  return { premises, beds: await q.bedsOf(deps.db, premisesId) }
}
