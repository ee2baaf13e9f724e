import type { Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type {
  ApBookingEventsTable,
  ApOutOfServiceCancellationsTable,
  ApOutOfServiceTable,
  IsoDate,
} from '../../db/schema.ts'

/**
 * Approved premises' SQL: premises with their region and provider, beds, out-of-service periods (and their
 * cancellations), bookings and their appended history. Executor first.
 */

const PREMISES_COLUMNS = [
  'ap.id',
  'ap.code',
  'ap.name',
  'ap.address',
  'ap.postcode',
  'ap.gender',
  'ap.step_free_access',
  'ap.pipe',
  'ap.enhanced_security',
  'r.name as region_name',
  'r.provider_id',
] as const

/** Every premises with its region, the number of beds, by name; only those of `providerId` unless null. */
export async function listPremises(db: Executor, providerId: number | null) {
  let query = db
    .selectFrom('approved_premises as ap')
    .innerJoin('regions as r', 'r.id', 'ap.region_id')
    .select(PREMISES_COLUMNS)
    .select(eb =>
      eb
        .selectFrom('ap_beds as b')
        .whereRef('b.premises_id', '=', 'ap.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('beds'),
    )
    .orderBy('ap.name')
  if (providerId !== null) query = query.where('r.provider_id', '=', providerId)
  return query.execute()
}
export type PremisesListRow = Awaited<ReturnType<typeof listPremises>>[number]

/** One premises with its region and the region's provider. */
export async function findPremises(db: Executor, id: number) {
  return db
    .selectFrom('approved_premises as ap')
    .innerJoin('regions as r', 'r.id', 'ap.region_id')
    .select(PREMISES_COLUMNS)
    .where('ap.id', '=', id)
    .executeTakeFirst()
}
export type PremisesRow = NonNullable<Awaited<ReturnType<typeof findPremises>>>

/** The premises' beds, by room and code. */
export async function bedsOf(db: Executor, premisesId: number) {
  return db
    .selectFrom('ap_beds')
    .select(['id', 'room', 'code', 'single_room', 'wheelchair_accessible', 'en_suite', 'ground_floor'])
    .where('premises_id', '=', premisesId)
    .orderBy('room')
    .orderBy('code')
    .execute()
}
export type BedRow = Awaited<ReturnType<typeof bedsOf>>[number]

/** One bed of the premises, locked until the transaction ends: bookings and out-of-service periods of a bed queue. */
export async function lockBed(db: Executor, premisesId: number, bedId: number) {
  return db
    .selectFrom('ap_beds')
    .select(['id', 'room', 'code'])
    .where('id', '=', bedId)
    .where('premises_id', '=', premisesId)
    .forUpdate()
    .executeTakeFirst()
}

/** The out-of-service periods (not cancelled) of the premises' beds that end on or after `from`. */
export async function outOfServiceOf(db: Executor, premisesId: number, from: IsoDate, bedId?: number) {
  let query = db
    .selectFrom('ap_out_of_service as o')
    .innerJoin('ap_beds as b', 'b.id', 'o.bed_id')
    .leftJoin('ap_out_of_service_cancellations as c', 'c.out_of_service_id', 'o.id')
    .select(['o.id', 'o.bed_id', 'o.from_date', 'o.to_date', 'o.reason'])
    .where('b.premises_id', '=', premisesId)
    .where('c.id', 'is', null)
    .where('o.to_date', '>=', from)
    .orderBy('o.from_date')
  if (bedId !== undefined) query = query.where('o.bed_id', '=', bedId)
  return query.execute()
}
export type OutOfServiceRow = Awaited<ReturnType<typeof outOfServiceOf>>[number]

/** One out-of-service period of the premises' beds, with its bed and whether it was cancelled (ended). */
export async function findOutOfService(db: Executor, premisesId: number, id: number) {
  return db
    .selectFrom('ap_out_of_service as o')
    .innerJoin('ap_beds as b', 'b.id', 'o.bed_id')
    .leftJoin('ap_out_of_service_cancellations as c', 'c.out_of_service_id', 'o.id')
    .select([
      'o.id',
      'o.bed_id',
      'b.code as bed_code',
      'b.room',
      'o.from_date',
      'o.to_date',
      'o.reason',
      'c.id as cancellation_id',
    ])
    .where('b.premises_id', '=', premisesId)
    .where('o.id', '=', id)
    .executeTakeFirst()
}

/** Ends an out-of-service period (the bed is back in service): a cancellation row of its own, the period kept. */
export async function insertOutOfServiceCancellation(
  db: Executor,
  row: Insertable<ApOutOfServiceCancellationsTable>,
): Promise<void> {
  await db.insertInto('ap_out_of_service_cancellations').values(row).execute()
}

export async function insertOutOfService(db: Executor, row: Insertable<ApOutOfServiceTable>): Promise<number> {
  return (await db.insertInto('ap_out_of_service').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/**
 * The live bookings of the premises' beds that depart after `from` (hold a night on or after it), with the person's
 * CRN and name (shown only to those who may read the person).
 */
export async function bookingsOf(db: Executor, premisesId: number, from: IsoDate, bedId?: number) {
  let query = db
    .selectFrom('ap_bookings as k')
    .innerJoin('ap_beds as b', 'b.id', 'k.bed_id')
    .innerJoin('people as p', 'p.id', 'k.person_id')
    .select([
      'k.id',
      'k.bed_id',
      'k.person_id',
      'k.arrival_date',
      'k.departure_date',
      'p.crn',
      'p.forename',
      'p.surname',
      'b.code as bed_code',
      'b.room',
    ])
    .where('b.premises_id', '=', premisesId)
    .where('k.cancelled', '=', false)
    .where('k.departure_date', '>', from)
    .orderBy('k.arrival_date')
    .orderBy('k.id')
  if (bedId !== undefined) query = query.where('k.bed_id', '=', bedId)
  return query.execute()
}
export type BookingListRow = Awaited<ReturnType<typeof bookingsOf>>[number]

/** One booking of the premises, with its bed and the person's CRN. */
export async function findBooking(db: Executor, premisesId: number, bookingId: number) {
  return db
    .selectFrom('ap_bookings as k')
    .innerJoin('ap_beds as b', 'b.id', 'k.bed_id')
    .innerJoin('people as p', 'p.id', 'k.person_id')
    .select([
      'k.id',
      'k.bed_id',
      'k.person_id',
      'k.arrival_date',
      'k.departure_date',
      'k.cancelled',
      'k.version',
      'p.crn',
      'b.code as bed_code',
      'b.room',
    ])
    .where('k.id', '=', bookingId)
    .where('b.premises_id', '=', premisesId)
    .executeTakeFirst()
}
export type BookingRow = NonNullable<Awaited<ReturnType<typeof findBooking>>>

/** A booking's history, oldest first, with who recorded each version. */
export async function bookingHistory(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_booking_events as e')
    .innerJoin('ap_beds as b', 'b.id', 'e.bed_id')
    .leftJoin('users as u', 'u.id', 'e.recorded_by')
    .select([
      'e.id',
      'e.kind',
      'e.arrival_date',
      'e.departure_date',
      'e.reason',
      'e.recorded_at',
      'b.code as bed_code',
      'u.display_name as recorded_by_name',
    ])
    .where('e.booking_id', '=', bookingId)
    .orderBy('e.id')
    .execute()
}
export type BookingEventRow = Awaited<ReturnType<typeof bookingHistory>>[number]

/** A new booking and its first history row ('made'). */
export async function insertBooking(
  db: Executor,
  row: { person_id: number; bed_id: number; arrival_date: IsoDate; departure_date: IsoDate; created_by: number | null },
): Promise<number> {
  const { id } = await db.insertInto('ap_bookings').values(row).returning('id').executeTakeFirstOrThrow()
  await insertBookingEvent(db, {
    booking_id: id,
    kind: 'made',
    bed_id: row.bed_id,
    arrival_date: row.arrival_date,
    departure_date: row.departure_date,
    recorded_by: row.created_by,
  })
  return id
}

export async function insertBookingEvent(db: Executor, row: Insertable<ApBookingEventsTable>): Promise<void> {
  await db.insertInto('ap_booking_events').values(row).execute()
}

/**
 * Moves a booking to new dates (or cancels it) if it is still at `version`; false when someone else changed it first.
 */
export async function updateBooking(
  db: Executor,
  id: number,
  version: number,
  set: { arrival_date: IsoDate; departure_date: IsoDate; cancelled: boolean },
): Promise<boolean> {
  const result = await db
    .updateTable('ap_bookings')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The person's recorded gender (the caller has opened their record). */
export async function findPersonGender(db: Executor, personId: number): Promise<string> {
  const row = await db.selectFrom('people').select('gender').where('id', '=', personId).executeTakeFirstOrThrow()
  return row.gender
}

/** The person's name (the caller has opened their record). */
export async function findPersonName(db: Executor, personId: number) {
  return db.selectFrom('people').select(['forename', 'surname']).where('id', '=', personId).executeTakeFirstOrThrow()
}
