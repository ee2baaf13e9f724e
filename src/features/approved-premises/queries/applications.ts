import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { ApApplicationEventsTable, ApApplicationsTable, ApApplicationStatus, IsoDate } from '../../../db/schema.ts'
import type { Insertable } from 'kysely'

/**
 * Approved premises applications' SQL (issue 16 item 2): the facts of the record an application is pre-filled from,
 * applications and their appended decisions, and the premises, beds, bookings and out-of-service periods a match
 * is judged on. Executor first.
 */

/** The person, their gender and the region of their managing team (the team that assesses their application). */
export async function applicantOf(db: Executor, personId: number) {
  return db
    .selectFrom('people as p')
    .leftJoin('teams as t', 't.id', 'p.managing_team_id')
    .leftJoin('delivery_units as du', 'du.id', 't.delivery_unit_id')
    .select(['p.id', 'p.crn', 'p.forename', 'p.surname', 'p.gender', 'p.date_of_birth', 'du.region_id'])
    .where('p.id', '=', personId)
    .executeTakeFirstOrThrow()
}

/** The custody record of the sentence: how and when the person was (or is to be) released. */
export async function custodyOf(db: Executor, personId: number, sentenceId: number) {
  return db
    .selectFrom('custody_records')
    .select(['prison_number', 'released_on', 'release_type'])
    .where('person_id', '=', personId)
    .where('sentence_id', '=', sentenceId)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** The latest RoSH assessment. */
export async function latestRosh(db: Executor, personId: number) {
  return db
    .selectFrom('rosh_assessments')
    .select([
      'assessment_date',
      'overall_level',
      'public_level',
      'known_adult_level',
      'children_level',
      'staff_level',
      'nature_of_harm',
    ])
    .where('person_id', '=', personId)
    .orderBy('assessment_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** The registrations (risk flags) still in force. */
export async function activeRegistrations(db: Executor, personId: number) {
  return db
    .selectFrom('registrations')
    .select(['type_code', 'registered_date', 'mappa_category', 'mappa_level'])
    .where('person_id', '=', personId)
    .where('deregistered_date', 'is', null)
    .orderBy('registered_date')
    .execute()
}

/** The offences of the person's events, main first. */
export async function offencesOf(db: Executor, personId: number) {
  return db
    .selectFrom('offences')
    .select(['offence_code', 'description', 'offence_date', 'is_main'])
    .where('person_id', '=', personId)
    .orderBy('is_main', 'desc')
    .orderBy('id')
    .execute()
}

/** The latest MAPPA review (category and level). */
export async function latestMappa(db: Executor, personId: number) {
  return db
    .selectFrom('mappa_reviews')
    .select(['category', 'level', 'reviewed_on'])
    .where('person_id', '=', personId)
    .orderBy('reviewed_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** The latest approved version of the person's licence, its conditions as stored. */
export async function approvedLicence(db: Executor, personId: number) {
  return db
    .selectFrom('licence_versions')
    .select(['conditions', 'version_number', 'decided_at'])
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** The resettlement pathways last screened as a need (the latest screening of each pathway). */
export async function resettlementNeeds(db: Executor, personId: number) {
  const rows = await db
    .selectFrom('resettlement_needs')
    .select(['pathway', 'need', 'notes', 'id'])
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .execute()
  const latest = new Map<string, (typeof rows)[number]>()
  for (const r of rows) if (!latest.has(r.pathway)) latest.set(r.pathway, r)
  return [...latest.values()].filter(r => r.need)
}

export async function insertApplication(db: Executor, row: Insertable<ApApplicationsTable>): Promise<number> {
  return (await db.insertInto('ap_applications').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertApplicationEvent(db: Executor, row: Insertable<ApApplicationEventsTable>): Promise<void> {
  await db.insertInto('ap_application_events').values(row).execute()
}

const APPLICATION_COLUMNS = [
  'a.id',
  'a.person_id',
  'a.region_id',
  'a.status',
  'a.summary',
  'a.reasons',
  'a.exclusion_zones',
  'a.areas_to_avoid',
  'a.preferred_area',
  'a.access_needs',
  'a.health_needs',
  'a.essential_characteristics',
  'a.room_sharing',
  'a.previous_placements',
  'a.move_on_plan',
  'a.arrival_date',
  'a.departure_date',
  'a.submitted_at',
  'a.version',
  'p.crn',
  'p.forename',
  'p.surname',
  'p.gender',
  'r.name as region_name',
  'r.provider_id',
  'u.display_name as submitted_by_name',
] as const

/** One application with its person, region and who submitted it. */
export async function findApplication(db: Executor, id: number) {
  return db
    .selectFrom('ap_applications as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .leftJoin('users as u', 'u.id', 'a.submitted_by')
    .select(APPLICATION_COLUMNS)
    .where('a.id', '=', id)
    .executeTakeFirst()
}
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>

/** The applications in these statuses of the provider's regions (one region when `regionId` is given), oldest first. */
export async function listApplications(
  db: Executor,
  scope: { providerId: number | null; regionId: number | null },
  statuses: readonly ApApplicationStatus[],
) {
  let query = db
    .selectFrom('ap_applications as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .leftJoin('users as u', 'u.id', 'a.submitted_by')
    .select(APPLICATION_COLUMNS)
    .where('a.status', 'in', statuses)
    .orderBy('a.submitted_at')
    .orderBy('a.id')
  if (scope.providerId !== null) query = query.where('r.provider_id', '=', scope.providerId)
  if (scope.regionId !== null) query = query.where('a.region_id', '=', scope.regionId)
  return query.execute()
}

/** The person's applications, newest first. */
export async function applicationsOfPerson(db: Executor, personId: number) {
  return db
    .selectFrom('ap_applications')
    .select(['id', 'status', 'arrival_date', 'departure_date', 'submitted_at'])
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .execute()
}

/** Moves the application to `status` if it is still at `version`; false when someone else changed it first. */
export async function updateApplicationStatus(
  db: Executor,
  id: number,
  version: number,
  status: ApApplicationStatus,
): Promise<boolean> {
  const result = await db
    .updateTable('ap_applications')
    .set({ status, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** The application's decisions, oldest first, with who recorded each. */
export async function applicationEvents(db: Executor, id: number) {
  return db
    .selectFrom('ap_application_events as e')
    .leftJoin('users as u', 'u.id', 'e.recorded_by')
    .select(['e.id', 'e.kind', 'e.text', 'e.booking_id', 'e.recorded_at', 'u.display_name as recorded_by_name'])
    .where('e.application_id', '=', id)
    .orderBy('e.id')
    .execute()
}
export type ApplicationEventRow = Awaited<ReturnType<typeof applicationEvents>>[number]

/** The region of the user's team, if they are in one. */
export async function regionOfTeam(db: Executor, teamId: number) {
  const row = await db
    .selectFrom('teams as t')
    .innerJoin('delivery_units as du', 'du.id', 't.delivery_unit_id')
    .select('du.region_id')
    .where('t.id', '=', teamId)
    .executeTakeFirst()
  return row?.region_id ?? null
}

/** The region's premises with what they offer, by name. */
export async function premisesOfRegion(db: Executor, regionId: number) {
  return db
    .selectFrom('approved_premises')
    .select(['id', 'code', 'name', 'gender', 'step_free_access', 'pipe', 'enhanced_security', 'postcode'])
    .where('region_id', '=', regionId)
    .orderBy('name')
    .execute()
}

/** The beds of these premises. */
export async function bedsOfPremises(db: Executor, premisesIds: readonly number[]) {
  if (!premisesIds.length) return []
  return db
    .selectFrom('ap_beds')
    .select(['id', 'premises_id', 'room', 'code', 'single_room', 'wheelchair_accessible', 'en_suite', 'ground_floor'])
    .where('premises_id', 'in', premisesIds)
    .orderBy('room')
    .orderBy('code')
    .execute()
}

/** The live bookings of these beds that hold a night on or after `from`. */
export async function liveBookingsOfBeds(db: Executor, bedIds: readonly number[], from: IsoDate) {
  if (!bedIds.length) return []
  return db
    .selectFrom('ap_bookings')
    .select(['id', 'bed_id', 'arrival_date', 'departure_date'])
    .where('bed_id', 'in', bedIds)
    .where('cancelled', '=', false)
    .where('departure_date', '>', from)
    .execute()
}

/** The out-of-service periods (not cancelled) of these beds that end on or after `from`. */
export async function outOfServiceOfBeds(db: Executor, bedIds: readonly number[], from: IsoDate) {
  if (!bedIds.length) return []
  return db
    .selectFrom('ap_out_of_service as o')
    .leftJoin('ap_out_of_service_cancellations as c', 'c.out_of_service_id', 'o.id')
    .select(['o.bed_id', 'o.from_date', 'o.to_date', 'o.reason'])
    .where('o.bed_id', 'in', bedIds)
    .where('c.id', 'is', null)
    .where('o.to_date', '>=', from)
    .execute()
}

/** Names the application a booking was made from. */
export async function linkBooking(db: Executor, bookingId: number, applicationId: number): Promise<void> {
  await db.updateTable('ap_bookings').set({ application_id: applicationId }).where('id', '=', bookingId).execute()
}

/** The application a booking was made from, with its status and version, if it was made from one. */
export async function applicationOfBooking(db: Executor, bookingId: number) {
  return db
    .selectFrom('ap_bookings as b')
    .innerJoin('ap_applications as a', 'a.id', 'b.application_id')
    .select(['a.id', 'a.status', 'a.version'])
    .where('b.id', '=', bookingId)
    .executeTakeFirst()
}
