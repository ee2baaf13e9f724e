import { LocalDate } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import type { Database } from '../../db/schema.ts'
import {
  arrivalProblem,
  curfewBreach,
  curfewFor,
  departureProblem,
  duringStayProblem,
  nonArrivalProblem,
  type Curfew,
  type LicenceConditionsLike,
} from '../../domain/approved-premises/index.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import { humaniseDates } from '../../web/filters.ts'
import type { Parsed } from '../../web/forms.ts'
import { moveIntoAddress, moveOutOfAddress } from '../people/index.ts'
import { londonTime, raiseNonArrivalAlert, recordCurfewBreach } from '../supervision/index.ts'
import { BOOK_PERSON, canManage, openPremises, requireManage, type ApDeps } from './context.ts'
import { freeNightsAfterDeparture, releaseBookingAfterNonArrival } from './departures.ts'
import * as q from './queries.ts'
import * as s from './queries/stays.ts'
import {
  DEPARTURE_REASONS,
  type ActivityCommand,
  type ArrivalCommand,
  type CheckCommand,
  type DepartureCommand,
  type IncidentCommand,
  type KeyworkerCommand,
  type MoveOnCommand,
  type NonArrivalCommand,
} from './stay-forms.ts'

/**
 * A stay in approved premises (issue 16 item 4; reference-systems.md §2.5, CAS1 arrivals, non-arrivals, departures,
 * keyworker): the resident's page, and what staff record — arrival (the hostel appended as the person's address) or
 * non-arrival (an action due today for the case manager), the keyworker, sign-in and curfew checks (a breach is a
 * failed contact on the licence and runs the enforcement decision), incidents, activities, the move-on plan, and the
 * departure (the hostel's address ended, the destination appended). Each change opens the person's record with
 * `withPerson`, locks the booking, is audited and, for arrival and departure, published (`ap.arrived`, `ap.departed`).
 */

type Trx = Transaction<Database>
type Person = { id: number; crn: string }

export interface StayPage {
  premises: q.PremisesRow
  booking: q.BookingRow
  person: { crn: string; forename: string; surname: string }
  arrival: s.ArrivalRow | null
  nonArrival: s.NonArrivalRow | null
  departure: s.DepartureRow | null
  keyworkers: Awaited<ReturnType<typeof s.keyworkersOf>>
  keyworkerChoices: { id: number; display_name: string }[]
  checks: s.CheckRow[]
  incidents: Awaited<ReturnType<typeof s.incidentsOf>>
  activities: Awaited<ReturnType<typeof s.activitiesOf>>
  moveOnPlans: Awaited<ReturnType<typeof s.moveOnPlansOf>>
  curfew: Curfew
  canManage: boolean
  today: LocalDate
}

/** The resident's page: the booking, arrival or non-arrival, keyworker, curfew, checks, incidents, activities, plan. */
export async function stayPage(deps: ApDeps, ctx: RequestContext, premisesId: number, bookingId: number) {
  const premises = await openPremises(deps.db, ctx, premisesId)
  const found = await q.findBooking(deps.db, premisesId, bookingId)
  if (!found) throw new NotFoundError('There is no such booking at these premises')
  return deps.withPerson(ctx, found.crn, BOOK_PERSON, async (trx, access): Promise<StayPage> => {
    const person = await q.findPersonName(trx, access.personId)
    const [arrival, nonArrival, departure, keyworkers, keyworkerChoices, checks, incidents, activities, moveOnPlans] =
      await Promise.all([
        s.arrivalOf(trx, bookingId),
        s.nonArrivalOf(trx, bookingId),
        s.departureOf(trx, bookingId),
        s.keyworkersOf(trx, bookingId),
        s.apStaffOf(trx, premises.provider_id),
        s.checksOf(trx, bookingId),
        s.incidentsOf(trx, bookingId),
        s.activitiesOf(trx, bookingId),
        s.moveOnPlansOf(trx, bookingId),
      ])
    const curfew = await curfewOf(trx, premisesId, access.personId)
    await audit(trx, ctx, {
      action: 'AP_STAY_VIEW',
      personId: access.personId,
      subject: access.crn,
      detail: { bookingId, premises: premises.code },
    })
    return {
      premises,
      booking: found,
      person: { crn: access.crn, ...person },
      arrival: arrival ?? null,
      nonArrival: nonArrival ?? null,
      departure: departure ?? null,
      keyworkers,
      keyworkerChoices,
      checks,
      incidents,
      activities,
      moveOnPlans,
      curfew,
      canManage: canManage(ctx),
      today: deps.clock.today(),
    }
  })
}

/** The resident's curfew: the licence in force's curfew condition, else the premises' default. */
async function curfewOf(trx: Trx, premisesId: number, personId: number): Promise<Curfew> {
  const [licence, premises] = await Promise.all([
    s.licenceInForceConditions(trx, personId),
    s.premisesCurfew(trx, premisesId),
  ])
  return curfewFor(asConditions(licence), { start: premises.curfew_start, end: premises.curfew_end })
}

const asConditions = (value: unknown): LicenceConditionsLike | null =>
  typeof value === 'object' && value !== null ? (value as LicenceConditionsLike) : null

interface Opened {
  trx: Trx
  premises: q.PremisesRow
  booking: q.BookingRow
  person: Person
  arrival: s.ArrivalRow | undefined
  departure: s.DepartureRow | undefined
}

/**
 * Opens a live booking of the premises for a change to the stay: the premises (refusing another provider's), the
 * role, the command, the person's record (`withPerson`), and the booking locked so two recordings queue.
 */
async function withStay<C, T>(
  deps: ApDeps,
  ctx: RequestContext,
  ids: { premisesId: number; bookingId: number },
  command: Parsed<C>,
  work: (o: Opened, value: C) => Promise<T>,
): Promise<T> {
  const premises = await openPremises(deps.db, ctx, ids.premisesId)
  requireManage(ctx)
  const found = await q.findBooking(deps.db, ids.premisesId, ids.bookingId)
  if (!found) throw new NotFoundError('There is no such booking at these premises')
  if (!command.ok) throw new ValidationError(command.errors)
  const value = command.value
  return deps.withPerson(ctx, found.crn, BOOK_PERSON, async (trx, access) => {
    await s.lockBooking(trx, ids.premisesId, ids.bookingId)
    const booking = await q.findBooking(trx, ids.premisesId, ids.bookingId)
    if (!booking) throw new NotFoundError('There is no such booking at these premises')
    if (booking.cancelled) {
      const notArrived = await s.nonArrivalOf(trx, booking.id)
      const message = notArrived
        ? 'They did not arrive and this booking was cancelled: if they have come since, book the bed again'
        : 'This booking has been cancelled'
      throw new ValidationError([{ field: 'booking', message }])
    }
    const [arrival, departure] = await Promise.all([s.arrivalOf(trx, booking.id), s.departureOf(trx, booking.id)])
    const person = { id: access.personId, crn: access.crn }
    return work({ trx, premises, booking, person, arrival, departure }, value)
  })
}

const refuse = (field: string, message: string): never => {
  throw new ValidationError([{ field, message: humaniseDates(message) }])
}

const bookedStay = (b: q.BookingRow) => ({
  arrival: LocalDate.parse(b.arrival_date),
  departure: LocalDate.parse(b.departure_date),
})

type Ids = { premisesId: number; bookingId: number }

/** The person arrived: refused before the booking starts; the hostel becomes their address from that day. */
export function recordArrival(deps: ApDeps, ctx: RequestContext, ids: Ids, command: Parsed<ArrivalCommand>) {
  return withStay(deps, ctx, ids, command, async ({ trx, premises, booking, person, arrival }, c) => {
    if (arrival) refuse('arrival-day', 'Their arrival is already recorded')
    if (await s.nonArrivalOf(trx, booking.id)) refuse('arrival-day', 'A non-arrival is recorded for this booking')
    const problem = arrivalProblem(c.arrival, bookedStay(booking), deps.clock.today())
    if (problem) refuse('arrival-day', problem)
    const arrivalDate = c.arrival.toString()
    const lines = premises.address
      .split('\n')
      .map(l => l.trim())
      .filter(Boolean)
    const addressId = await moveIntoAddress(
      trx,
      ctx,
      person,
      {
        addressType: 'APPROVED_PREMISES',
        building: premises.name,
        street: lines[0] ?? null,
        town: lines.slice(1).join(', ') || null,
        postcode: premises.postcode,
        notes: `Approved premises (booking ${booking.id}, bed ${booking.bed_code})`,
      },
      arrivalDate,
    )
    await s.insertArrival(trx, {
      booking_id: booking.id,
      person_id: person.id,
      arrival_date: arrivalDate,
      address_id: addressId,
      notes: c.notes,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = { bookingId: booking.id, premises: premises.code, bed: booking.bed_code, arrivalDate, addressId }
    await audit(trx, ctx, { action: 'AP_ARRIVAL_RECORDED', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'ap.arrived', person.id, { crn: person.crn, ...detail })
    return { premisesId: ids.premisesId, bookingId: booking.id }
  })
}

/**
 * The person did not arrive: recorded with the reason; the case manager gets an action due today; the booking is
 * cancelled so its nights are free (an arrival on it is refused afterwards: book the bed again).
 */
export function recordNonArrival(deps: ApDeps, ctx: RequestContext, ids: Ids, command: Parsed<NonArrivalCommand>) {
  return withStay(deps, ctx, ids, command, async ({ trx, premises, booking, person, arrival }, c) => {
    if (arrival) refuse('nonArrivalReason', 'Their arrival is already recorded')
    if (await s.nonArrivalOf(trx, booking.id)) refuse('nonArrivalReason', 'A non-arrival is already recorded')
    const problem = nonArrivalProblem(bookedStay(booking), deps.clock.today())
    if (problem) refuse('nonArrivalReason', problem)
    await s.insertNonArrival(trx, {
      booking_id: booking.id,
      person_id: person.id,
      expected_date: booking.arrival_date,
      reason: c.reason,
      recorded_by: ctx.user?.id ?? null,
    })
    const alert = await raiseNonArrivalAlert(deps, trx, ctx, person.id, {
      premises: premises.name,
      expected: LocalDate.parse(booking.arrival_date),
      reason: c.reason,
    })
    // The nights are released: the booking is cancelled, its history says why (departures.ts).
    await releaseBookingAfterNonArrival(trx, ctx, { premises, booking, person }, c.reason)
    const detail = { bookingId: booking.id, premises: premises.code, expectedDate: booking.arrival_date, ...alert }
    await audit(trx, ctx, { action: 'AP_NON_ARRIVAL_RECORDED', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'ap.not-arrived', person.id, { crn: person.crn, ...detail, reason: c.reason })
    return { premisesId: ids.premisesId, bookingId: booking.id }
  })
}

/** Requires an arrival and no departure yet: what is recorded during the stay. */
function resident(o: Opened, field: string): s.ArrivalRow {
  if (!o.arrival) return refuse(field, 'They have not arrived: record their arrival first')
  if (o.departure) refuse(field, 'They have left: the stay is closed')
  return o.arrival
}

/**
 * The person left: refused before the arrival; the hostel's address ends that day and the destination (an address)
 * becomes their current address, the earlier ones kept with their dates; leaving before the booked departure frees
 * the booking's remaining nights.
 */
export function recordDeparture(deps: ApDeps, ctx: RequestContext, ids: Ids, command: Parsed<DepartureCommand>) {
  return withStay(deps, ctx, ids, command, async (o, c) => {
    const { trx, premises, booking, person } = o
    const arrival = resident(o, 'departure-day')
    const problem = departureProblem(c.departure, LocalDate.parse(arrival.arrival_date), deps.clock.today())
    if (problem) refuse('departure-day', problem)
    const departureDate = c.departure.toString()
    let addressId: number | null = null
    if (c.destination === 'address' && c.address && c.postcode) {
      const lines = c.address
        .split(/\n|,/)
        .map(l => l.trim())
        .filter(Boolean)
      addressId = await moveIntoAddress(
        trx,
        ctx,
        person,
        {
          addressType: null,
          building: null,
          street: lines[0] ?? null,
          town: lines.slice(1).join(', ') || null,
          postcode: c.postcode,
          notes: `Moved on from ${premises.name}`,
        },
        departureDate,
      )
    } else if (arrival.address_id !== null) {
      await moveOutOfAddress(trx, ctx, person, arrival.address_id, departureDate)
    }
    await s.insertDeparture(trx, {
      booking_id: booking.id,
      person_id: person.id,
      departure_date: departureDate,
      reason: c.reason,
      destination: c.destination,
      address: c.destination === 'address' ? c.address : null,
      postcode: c.destination === 'address' ? c.postcode : null,
      notes: c.notes,
      recorded_by: ctx.user?.id ?? null,
    })
    // An early departure frees the booking's remaining nights (departures.ts).
    const why = DEPARTURE_REASONS.find(r => r.value === c.reason)?.text ?? c.reason
    const bookedUntil = await freeNightsAfterDeparture(trx, ctx, { premises, booking, person }, c.departure, why)
    const detail = {
      bookingId: booking.id,
      premises: premises.code,
      departureDate,
      reason: c.reason,
      destination: c.destination,
      addressId,
      ...(bookedUntil ? { bookingShortenedTo: bookedUntil } : {}),
    }
    await audit(trx, ctx, { action: 'AP_DEPARTURE_RECORDED', personId: person.id, subject: person.crn, detail })
    await publish(trx, 'ap.departed', person.id, { crn: person.crn, ...detail })
    return { premisesId: ids.premisesId, bookingId: booking.id }
  })
}

/** A keyworker (approved premises staff of the premises' provider) for the stay: appended, the latest is current. */
export function assignKeyworker(deps: ApDeps, ctx: RequestContext, ids: Ids, command: Parsed<KeyworkerCommand>) {
  return withStay(deps, ctx, ids, command, async (o, c) => {
    resident(o, 'keyworker')
    const staff = await s.apStaffOf(o.trx, o.premises.provider_id)
    const chosen = staff.find(u => u.id === c.userId)
    if (!chosen) refuse('keyworker', 'Choose a member of the approved premises staff')
    await s.insertKeyworker(o.trx, {
      booking_id: o.booking.id,
      keyworker_user_id: c.userId,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = { bookingId: o.booking.id, premises: o.premises.code, keyworker: chosen?.display_name }
    await audit(o.trx, ctx, { action: 'AP_KEYWORKER_ASSIGNED', personId: o.person.id, subject: o.person.crn, detail })
    return { premisesId: ids.premisesId, bookingId: o.booking.id }
  })
}

/**
 * A sign-in or curfew check recorded by staff, judged against the resident's curfew; a breach (absent at a curfew
 * check, or signing in after the curfew began) is raised on the licence as a failed contact with the enforcement
 * decision run on it.
 */
export function recordCheck(deps: ApDeps, ctx: RequestContext, ids: Ids, command: Parsed<CheckCommand>) {
  return withStay(deps, ctx, ids, command, async (o, c) => {
    const arrival = resident(o, 'check-day')
    const problem = duringStayProblem(
      c.date,
      { arrival: LocalDate.parse(arrival.arrival_date), departure: null },
      deps.clock.today(),
    )
    if (problem) refuse('check-day', problem)
    // A check is recorded once it has happened: today's may not be later than now (London time, HH:MM).
    if (c.date.equals(deps.clock.today()) && c.time > londonTime(deps.clock.now()))
      refuse('checkTime', 'The time cannot be in the future')
    const curfew = await curfewOf(o.trx, ids.premisesId, o.person.id)
    const breach = curfewBreach({ kind: c.kind, time: c.time, present: c.present }, curfew)
    let enforcement: { contactId: number; actionIds: number[]; path: string } | null = null
    if (breach) {
      const notes = `${breach}. Recorded by ${o.premises.name} staff.${c.notes ? ` ${c.notes}` : ''}`
      enforcement = await recordCurfewBreach(deps, o.trx, ctx, o.person.id, {
        date: c.date,
        time: c.time,
        kind: c.kind === 'curfew_check' ? 'absent' : 'late',
        notes,
      })
    }
    const checkId = await s.insertCheck(o.trx, {
      booking_id: o.booking.id,
      person_id: o.person.id,
      kind: c.kind,
      check_date: c.date.toString(),
      check_time: c.time,
      present: c.present,
      curfew_start: curfew.start,
      curfew_end: curfew.end,
      breach: breach !== null,
      breach_reason: breach,
      enforcement_contact_id: enforcement?.contactId ?? null,
      notes: c.notes,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = {
      bookingId: o.booking.id,
      premises: o.premises.code,
      checkId,
      kind: c.kind,
      date: c.date.toString(),
      time: c.time,
      present: c.present,
      breach: breach !== null,
      enforcement,
    }
    await audit(o.trx, ctx, { action: 'AP_CHECK_RECORDED', personId: o.person.id, subject: o.person.crn, detail })
    if (breach) await publish(o.trx, 'ap.curfew-breached', o.person.id, { crn: o.person.crn, ...detail, breach })
    return { premisesId: ids.premisesId, bookingId: o.booking.id, breach }
  })
}

/** Something recorded during the stay (an incident, an activity): dated within the stay. */
function datedDuringStay(deps: ApDeps, o: Opened, date: LocalDate, field: string) {
  const arrival = resident(o, field)
  const problem = duringStayProblem(
    date,
    { arrival: LocalDate.parse(arrival.arrival_date), departure: null },
    deps.clock.today(),
  )
  if (problem) refuse(field, problem)
}

export function recordIncident(deps: ApDeps, ctx: RequestContext, ids: Ids, command: Parsed<IncidentCommand>) {
  return withStay(deps, ctx, ids, command, async (o, c) => {
    datedDuringStay(deps, o, c.date, 'incident-day')
    const incidentId = await s.insertIncident(o.trx, {
      booking_id: o.booking.id,
      person_id: o.person.id,
      incident_date: c.date.toString(),
      kind: c.kind,
      description: c.description,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = { bookingId: o.booking.id, premises: o.premises.code, incidentId, kind: c.kind }
    await audit(o.trx, ctx, { action: 'AP_INCIDENT_RECORDED', personId: o.person.id, subject: o.person.crn, detail })
    return { premisesId: ids.premisesId, bookingId: o.booking.id }
  })
}

export function recordActivity(deps: ApDeps, ctx: RequestContext, ids: Ids, command: Parsed<ActivityCommand>) {
  return withStay(deps, ctx, ids, command, async (o, c) => {
    datedDuringStay(deps, o, c.date, 'activity-day')
    const activityId = await s.insertActivity(o.trx, {
      booking_id: o.booking.id,
      person_id: o.person.id,
      activity_date: c.date.toString(),
      kind: c.kind,
      note: c.note,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = { bookingId: o.booking.id, premises: o.premises.code, activityId, kind: c.kind }
    await audit(o.trx, ctx, { action: 'AP_ACTIVITY_RECORDED', personId: o.person.id, subject: o.person.crn, detail })
    return { premisesId: ids.premisesId, bookingId: o.booking.id }
  })
}

/** A new version of the move-on plan (the earlier ones kept). */
export function recordMoveOnPlan(deps: ApDeps, ctx: RequestContext, ids: Ids, command: Parsed<MoveOnCommand>) {
  return withStay(deps, ctx, ids, command, async (o, c) => {
    if (o.departure) refuse('moveOnPlan', 'They have left: the stay is closed')
    const planId = await s.insertMoveOnPlan(o.trx, {
      booking_id: o.booking.id,
      person_id: o.person.id,
      plan: c.plan,
      recorded_by: ctx.user?.id ?? null,
    })
    const detail = { bookingId: o.booking.id, premises: o.premises.code, planId }
    await audit(o.trx, ctx, {
      action: 'AP_MOVE_ON_PLAN_RECORDED',
      personId: o.person.id,
      subject: o.person.crn,
      detail,
    })
    return { premisesId: ids.premisesId, bookingId: o.booking.id }
  })
}

/** A resident on the premises page: the name only if the user may read their record. */
export type Resident = s.ResidentRow & { visible: boolean; curfew: Curfew }

/** Who is in the premises now (arrived, not departed), with keyworker and curfew. Audited with the people named. */
export function residentsNow(deps: ApDeps, ctx: RequestContext, premisesId: number): Promise<Resident[]> {
  return deps.db.transaction().execute(async trx => {
    const premises = await openPremises(trx, ctx, premisesId)
    const rows = await s.residentsOf(trx, premisesId, deps.clock.today().toString())
    const ids = rows.map(r => r.person_id)
    const [facts, licences, defaults] = await Promise.all([
      loadPeopleAccess(trx, ids, { now: deps.clock.now(), formerManagerMonths: 0 }),
      s.licencesInForceOf(trx, ids),
      s.premisesCurfew(trx, premisesId),
    ])
    const residents = rows.map(r => {
      const f = facts.get(r.person_id)
      const decision = f ? canReadPerson(ctx.user, f) : undefined
      const curfew = curfewFor(asConditions(licences.get(r.person_id) ?? null), {
        start: defaults.curfew_start,
        end: defaults.curfew_end,
      })
      return { ...r, visible: decision?.allowed === true && !decision.scope, curfew }
    })
    const shown = residents.filter(r => r.visible).map(r => r.person_id)
    if (shown.length)
      await audit(trx, ctx, {
        action: 'AP_RESIDENTS_VIEW',
        subject: premises.code,
        detail: { premisesId },
        shownPersonIds: shown,
      })
    return residents
  })
}

/** The stay's use cases, as the service offers them (ids: the premises and the booking). */
export function stayUseCases(deps: ApDeps) {
  type Ctx = RequestContext
  return {
    stay: (ctx: Ctx, id: number, bookingId: number) => stayPage(deps, ctx, id, bookingId),
    residents: (ctx: Ctx, id: number) => residentsNow(deps, ctx, id),
    recordArrival: (ctx: Ctx, ids: Ids, c: Parsed<ArrivalCommand>) => recordArrival(deps, ctx, ids, c),
    recordNonArrival: (ctx: Ctx, ids: Ids, c: Parsed<NonArrivalCommand>) => recordNonArrival(deps, ctx, ids, c),
    recordDeparture: (ctx: Ctx, ids: Ids, c: Parsed<DepartureCommand>) => recordDeparture(deps, ctx, ids, c),
    assignKeyworker: (ctx: Ctx, ids: Ids, c: Parsed<KeyworkerCommand>) => assignKeyworker(deps, ctx, ids, c),
    recordCheck: (ctx: Ctx, ids: Ids, c: Parsed<CheckCommand>) => recordCheck(deps, ctx, ids, c),
    recordIncident: (ctx: Ctx, ids: Ids, c: Parsed<IncidentCommand>) => recordIncident(deps, ctx, ids, c),
    recordActivity: (ctx: Ctx, ids: Ids, c: Parsed<ActivityCommand>) => recordActivity(deps, ctx, ids, c),
    recordMoveOnPlan: (ctx: Ctx, ids: Ids, c: Parsed<MoveOnCommand>) => recordMoveOnPlan(deps, ctx, ids, c),
  }
}
