import type { LocalDate } from '@js-joda/core'
import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { Parsed } from '../../web/forms.ts'
import { applicationUseCases } from './applications.ts'
import { matchingUseCases } from './matching.ts'
import { stayUseCases } from './stays.ts'
import { bedPlan } from './bed-plan.ts'
import { bookingPage, newBookingPage } from './booking-page.ts'
import { cancelBooking, changeBooking, makeBooking } from './bookings.ts'
import type { ApDeps } from './context.ts'
import type {
  BookingCommand,
  CancelBookingCommand,
  ChangeBookingCommand,
  EndOutOfServiceCommand,
  OutOfServiceCommand,
} from './forms.ts'
import { addOutOfService, endOutOfService, outOfServicePage } from './out-of-service.ts'
import { premisesList, premisesPage } from './premises.ts'

/**
 * Approved premises (issue 16 items 1 and 3): the premises a user may see, a premises with its beds, out-of-service
 * periods, bookings and the 12-week bed plan. Each method opens its own transaction and checks the premises belong to
 * the user's provider; a booking opens the person's record, audits and publishes in the same transaction.
 */
export function createApprovedPremisesService({ db, clock, config }: Dependencies) {
  const deps: ApDeps = {
    db,
    clock,
    withPerson: personAccess(db, { clock, formerManagerMonths: config.sharing.formerManagerMonths }),
  }
  type Ctx = RequestContext
  return {
    list: (ctx: Ctx) => premisesList(deps, ctx),
    premises: (ctx: Ctx, id: number) => premisesPage(deps, ctx, id),
    bedPlan: (ctx: Ctx, id: number, from?: LocalDate) => bedPlan(deps, ctx, id, from),
    addOutOfService: (ctx: Ctx, id: number, bedId: number, command: Parsed<OutOfServiceCommand>) =>
      addOutOfService(deps, ctx, id, bedId, command),
    outOfService: (ctx: Ctx, id: number, outOfServiceId: number) => outOfServicePage(deps, ctx, id, outOfServiceId),
    endOutOfService: (ctx: Ctx, id: number, outOfServiceId: number, command: Parsed<EndOutOfServiceCommand>) =>
      endOutOfService(deps, ctx, id, outOfServiceId, command),
    newBooking: (ctx: Ctx, id: number) => newBookingPage(deps, ctx, id),
    booking: (ctx: Ctx, id: number, bookingId: number) => bookingPage(deps, ctx, id, bookingId),
    makeBooking: (ctx: Ctx, id: number, command: Parsed<BookingCommand>) => makeBooking(deps, ctx, id, command),
    changeBooking: (ctx: Ctx, id: number, bookingId: number, command: Parsed<ChangeBookingCommand>) =>
      changeBooking(deps, ctx, id, bookingId, command),
    cancelBooking: (ctx: Ctx, id: number, bookingId: number, command: Parsed<CancelBookingCommand>) =>
      cancelBooking(deps, ctx, id, bookingId, command),
    ...applicationUseCases(deps),
    ...matchingUseCases(deps),
    ...stayUseCases(deps),
  }
}

export type ApprovedPremisesService = ReturnType<typeof createApprovedPremisesService>
