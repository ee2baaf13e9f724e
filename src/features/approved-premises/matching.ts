import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import { matchBeds, splitEssential, type MatchBed } from '../../domain/approved-premises/index.ts'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import type { MatchBookingCommand } from './application-forms.ts'
import { APPLICATION_READ, applicationInScope, applicationStaffScope, move } from './applications.ts'
import { makeBooking } from './bookings.ts'
import type { ApDeps } from './context.ts'
import type { WithPerson } from '../../access/with-person.ts'
import * as q from './queries/applications.ts'

/**
 * Matching an accepted application to a bed and booking it (issue 16 items 2 and 3; reference-systems.md §2.5): the
 * premises of the application's region for the person's gender offering every essential need, and their beds with
 * every essential characteristic free on every night of the requested stay (`matchBeds`). Booking goes through
 * `makeBooking` (the bed locked, the database refusing an overlap, `ap.booking.made` published); the booking then
 * names the application, which is placed.
 */

export interface MatchPage {
  application: q.ApplicationRow
  premises: {
    id: number
    name: string
    postcode: string
    beds: { id: number; room: string; code: string; features: MatchBed }[]
  }[]
}

async function openAccepted(deps: ApDeps, ctx: RequestContext, id: number) {
  const scope = await applicationStaffScope(deps, ctx)
  const application = await q.findApplication(deps.db, id)
  if (!application) throw new NotFoundError('There is no such application')
  if (!applicationInScope(scope, application))
    throw new ForbiddenError('This application is for another region’s approved premises')
  return application
}

/** The matching premises and beds for the application's stay (none unless it is accepted). */
export async function matchPage(deps: ApDeps, ctx: RequestContext, id: number): Promise<MatchPage> {
  const application = await openAccepted(deps, ctx, id)
  return deps.withPerson(ctx, application.crn, APPLICATION_READ, async trx => {
    await audit(trx, ctx, {
      action: 'AP_APPLICATION_VIEWED',
      personId: application.person_id,
      subject: application.crn,
      detail: { applicationId: id, page: 'match' },
    })
    if (application.status !== 'accepted') return { application, premises: [] }
    const premises = await q.premisesOfRegion(trx, application.region_id)
    const beds = await q.bedsOfPremises(
      trx,
      premises.map(p => p.id),
    )
    const bedIds = beds.map(b => b.id)
    const from = application.arrival_date
    const [bookings, outOfService] = await Promise.all([
      q.liveBookingsOfBeds(trx, bedIds, from),
      q.outOfServiceOfBeds(trx, bedIds, from),
    ])
    const matchable: MatchBed[] = beds.map(b => ({
      id: b.id,
      premisesId: b.premises_id,
      single_room: b.single_room,
      wheelchair_accessible: b.wheelchair_accessible,
      en_suite: b.en_suite,
      ground_floor: b.ground_floor,
      bookings: bookings
        .filter(k => k.bed_id === b.id)
        .map(k => ({
          id: k.id,
          arrival: LocalDate.parse(k.arrival_date),
          departure: LocalDate.parse(k.departure_date),
        })),
      outOfService: outOfService
        .filter(o => o.bed_id === b.id)
        .map(o => ({ from: LocalDate.parse(o.from_date), to: LocalDate.parse(o.to_date), reason: o.reason })),
    }))
    const essential = splitEssential(application.essential_characteristics)
    const need = {
      gender: application.gender,
      bed: essential.bed,
      premises: essential.premises,
      stay: {
        arrival: LocalDate.parse(application.arrival_date),
        departure: LocalDate.parse(application.departure_date),
      },
    }
    const matches = matchBeds(need, premises, matchable)
    return {
      application,
      premises: matches.map(m => {
        const p = premises.find(x => x.id === m.premisesId)!
        return {
          id: p.id,
          name: p.name,
          postcode: p.postcode,
          beds: m.bedIds.map(bedId => {
            const bed = beds.find(b => b.id === bedId)!
            return { id: bed.id, room: bed.room, code: bed.code, features: matchable.find(b => b.id === bedId)! }
          }),
        }
      }),
    }
  })
}

/**
 * Books a matched bed for the application's stay through `makeBooking`, naming the application on the booking and
 * placing it in the same transaction. A bed that no longer matches is refused on the `bed` field.
 */
export async function bookFromMatch(
  deps: ApDeps,
  ctx: RequestContext,
  id: number,
  command: Parsed<MatchBookingCommand>,
): Promise<{ applicationId: number; premisesId: number; bookingId: number }> {
  const application = await openAccepted(deps, ctx, id)
  if (!command.ok) throw new ValidationError(command.errors)
  const { premisesId, bedId } = command.value
  if (application.status !== 'accepted')
    throw new ValidationError([{ field: 'bed', message: 'Only an accepted application can be placed' }])
  const page = await matchPage(deps, ctx, id)
  if (!page.premises.some(p => p.id === premisesId && p.beds.some(b => b.id === bedId)))
    throw new ValidationError([
      { field: 'bed', message: 'That bed does not meet the application’s needs for these dates: choose another' },
    ])
  const stay = {
    arrival: LocalDate.parse(application.arrival_date),
    departure: LocalDate.parse(application.departure_date),
  }
  // The booking and the placing are one transaction: `makeBooking` opens the person's record through `withPerson`,
  // and this one links the booking it made to the application and places it before that transaction commits.
  const placing: WithPerson = (c, crn, mode, work) =>
    deps.withPerson(c, crn, mode, async (trx, person) => {
      const result = await work(trx, person)
      const { bookingId } = result as { bookingId?: number }
      if (typeof bookingId !== 'number') throw new Error('makeBooking did not return the booking it made')
      await q.linkBooking(trx, bookingId, id)
      const placed = { kind: 'placed' as const, text: null, bookingId }
      await move(trx, ctx, application, 'place', placed, 'AP_APPLICATION_PLACED')
      return result
    })
  let booked: { bookingId: number }
  try {
    const value = { crn: application.crn, bedId, ...stay }
    booked = await makeBooking({ ...deps, withPerson: placing }, ctx, premisesId, { ok: true, value })
  } catch (e) {
    if (e instanceof ValidationError)
      throw new ValidationError(e.errors.map(f => ({ field: 'bed', message: f.message })))
    throw e
  }
  return { applicationId: id, premisesId, bookingId: booked.bookingId }
}

/** The matching use cases, bound to the service's dependencies (spread into the approved premises service). */
export function matchingUseCases(deps: ApDeps) {
  return {
    match: (ctx: RequestContext, id: number) => matchPage(deps, ctx, id),
    bookFromMatch: (ctx: RequestContext, id: number, command: Parsed<MatchBookingCommand>) =>
      bookFromMatch(deps, ctx, id, command),
  }
}
