import type { Insertable } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type {
  ApActivitiesTable,
  ApArrivalsTable,
  ApDeparturesTable,
  ApIncidentsTable,
  ApMoveOnPlansTable,
  ApNonArrivalsTable,
  ApStayChecksTable,
  IsoDate,
} from '../../../db/schema.ts'

/**
 * Approved premises stays' SQL (issue 16 item 4): a booking's arrival or non-arrival, keyworker versions, sign-in and
 * curfew checks, incidents, activities, move-on plan versions and departure (all appended), the residents in now,
 * the premises' AP staff (keyworkers), and the licence in force's conditions (for the curfew). Executor first.
 */

/** A booking of the premises, locked until the transaction ends: two recordings of one stay queue. */
export async function lockBooking(db: Executor, premisesId: number, bookingId: number) {
  return db
    .selectFrom('ap_bookings as k')
    .innerJoin('ap_beds as b', 'b.id', 'k.bed_id')
    .select(['k.id'])
    .where('k.id', '=', bookingId)
    .where('b.premises_id', '=', premisesId)
    .forUpdate('k')
    .executeTakeFirst()
}

export async function arrivalOf(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_arrivals as a')
    .leftJoin('users as u', 'u.id', 'a.recorded_by')
    .select([
      'a.id',
      'a.arrival_date',
      'a.address_id',
      'a.notes',
      'a.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('a.booking_id', '=', bookingId)
    .executeTakeFirst()
}
export type ArrivalRow = NonNullable<Awaited<ReturnType<typeof arrivalOf>>>

export async function nonArrivalOf(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_non_arrivals as n')
    .leftJoin('users as u', 'u.id', 'n.recorded_by')
    .select(['n.id', 'n.expected_date', 'n.reason', 'n.recorded_at', 'u.display_name as recorded_by_name'])
    .where('n.booking_id', '=', bookingId)
    .executeTakeFirst()
}
export type NonArrivalRow = NonNullable<Awaited<ReturnType<typeof nonArrivalOf>>>

export async function departureOf(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_departures as d')
    .leftJoin('users as u', 'u.id', 'd.recorded_by')
    .select([
      'd.id',
      'd.departure_date',
      'd.reason',
      'd.destination',
      'd.address',
      'd.postcode',
      'd.notes',
      'd.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('d.booking_id', '=', bookingId)
    .executeTakeFirst()
}
export type DepartureRow = NonNullable<Awaited<ReturnType<typeof departureOf>>>

export async function insertArrival(db: Executor, row: Insertable<ApArrivalsTable>): Promise<number> {
  return (await db.insertInto('ap_arrivals').values(row).returning('id').executeTakeFirstOrThrow()).id
}
export async function insertNonArrival(db: Executor, row: Insertable<ApNonArrivalsTable>): Promise<number> {
  return (await db.insertInto('ap_non_arrivals').values(row).returning('id').executeTakeFirstOrThrow()).id
}
export async function insertDeparture(db: Executor, row: Insertable<ApDeparturesTable>): Promise<number> {
  return (await db.insertInto('ap_departures').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/** Every keyworker of the stay, oldest first (the last is current). */
export async function keyworkersOf(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_keyworkers as k')
    .innerJoin('users as w', 'w.id', 'k.keyworker_user_id')
    .leftJoin('users as u', 'u.id', 'k.recorded_by')
    .select(['k.id', 'k.keyworker_user_id', 'w.display_name as keyworker_name', 'k.recorded_at'])
    .select('u.display_name as recorded_by_name')
    .where('k.booking_id', '=', bookingId)
    .orderBy('k.id')
    .execute()
}

export async function insertKeyworker(
  db: Executor,
  row: { booking_id: number; keyworker_user_id: number; recorded_by: number | null },
): Promise<void> {
  await db.insertInto('ap_keyworkers').values(row).execute()
}

/** Active users with the approved premises staff role at the provider: who may be a keyworker. */
export async function apStaffOf(db: Executor, providerId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('staff as s', 's.id', 'u.staff_id')
    .select(['u.id', 'u.display_name'])
    .where('s.provider_id', '=', providerId)
    .where('u.active', '=', true)
    .where(eb => eb(eb.val('ap_staff'), '=', eb.fn.any('u.roles')))
    .orderBy('u.display_name')
    .execute()
}

export async function checksOf(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_stay_checks as c')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .selectAll('c')
    .select('u.display_name as recorded_by_name')
    .where('c.booking_id', '=', bookingId)
    .orderBy('c.check_date', 'desc')
    .orderBy('c.check_time', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}
export type CheckRow = Awaited<ReturnType<typeof checksOf>>[number]

export async function insertCheck(db: Executor, row: Insertable<ApStayChecksTable>): Promise<number> {
  return (await db.insertInto('ap_stay_checks').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function incidentsOf(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_incidents as i')
    .leftJoin('users as u', 'u.id', 'i.recorded_by')
    .select(['i.id', 'i.incident_date', 'i.kind', 'i.description', 'i.recorded_at'])
    .select('u.display_name as recorded_by_name')
    .where('i.booking_id', '=', bookingId)
    .orderBy('i.incident_date', 'desc')
    .orderBy('i.id', 'desc')
    .execute()
}

export async function insertIncident(db: Executor, row: Insertable<ApIncidentsTable>): Promise<number> {
  return (await db.insertInto('ap_incidents').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function activitiesOf(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_activities as a')
    .leftJoin('users as u', 'u.id', 'a.recorded_by')
    .select(['a.id', 'a.activity_date', 'a.kind', 'a.note', 'a.recorded_at'])
    .select('u.display_name as recorded_by_name')
    .where('a.booking_id', '=', bookingId)
    .orderBy('a.activity_date', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
}

export async function insertActivity(db: Executor, row: Insertable<ApActivitiesTable>): Promise<number> {
  return (await db.insertInto('ap_activities').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/** Every version of the move-on plan, oldest first (the last is current). */
export async function moveOnPlansOf(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_move_on_plans as m')
    .leftJoin('users as u', 'u.id', 'm.recorded_by')
    .select(['m.id', 'm.plan', 'm.recorded_at', 'u.display_name as recorded_by_name'])
    .where('m.booking_id', '=', bookingId)
    .orderBy('m.id')
    .execute()
}

export async function insertMoveOnPlan(db: Executor, row: Insertable<ApMoveOnPlansTable>): Promise<number> {
  return (await db.insertInto('ap_move_on_plans').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/**
 * The conditions of the person's licence in force (the latest approved version), or null when there is none. Read
 * for the curfew condition's hours only.
 */
export async function licenceInForceConditions(db: Executor, personId: number): Promise<unknown> {
  const row = await db
    .selectFrom('licence_versions')
    .select(['conditions'])
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.conditions ?? null
}

/** The premises' default curfew. */
export async function premisesCurfew(db: Executor, premisesId: number) {
  return db
    .selectFrom('approved_premises')
    .select(['curfew_start', 'curfew_end'])
    .where('id', '=', premisesId)
    .executeTakeFirstOrThrow()
}

/** Who is in now: arrived (on or before `today`) and not departed, with their bed and current keyworker. */
export async function residentsOf(db: Executor, premisesId: number, today: IsoDate) {
  return db
    .selectFrom('ap_arrivals as a')
    .innerJoin('ap_bookings as k', 'k.id', 'a.booking_id')
    .innerJoin('ap_beds as b', 'b.id', 'k.bed_id')
    .innerJoin('people as p', 'p.id', 'k.person_id')
    .leftJoin('ap_departures as d', 'd.booking_id', 'k.id')
    .select([
      'k.id as booking_id',
      'k.person_id',
      'k.departure_date as expected_departure',
      'a.arrival_date',
      'p.crn',
      'p.forename',
      'p.surname',
      'b.code as bed_code',
      'b.room',
    ])
    .select(eb =>
      eb
        .selectFrom('ap_keyworkers as kw')
        .innerJoin('users as w', 'w.id', 'kw.keyworker_user_id')
        .whereRef('kw.booking_id', '=', 'k.id')
        .select('w.display_name')
        .orderBy('kw.id', 'desc')
        .limit(1)
        .as('keyworker_name'),
    )
    .where('b.premises_id', '=', premisesId)
    .where('d.id', 'is', null)
    .where('a.arrival_date', '<=', today)
    .orderBy('b.room')
    .orderBy('b.code')
    .execute()
}
export type ResidentRow = Awaited<ReturnType<typeof residentsOf>>[number]

/** The licence conditions in force of each of these people (for their curfews), by person. */
export async function licencesInForceOf(db: Executor, personIds: number[]): Promise<Map<number, unknown>> {
  if (personIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('licence_versions')
    .select(['person_id', 'conditions', 'decided_at', 'id'])
    .where('person_id', 'in', personIds)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'asc')
    .orderBy('id', 'asc')
    .execute()
  return new Map(rows.map(r => [r.person_id, r.conditions]))
}
