import { sql } from 'kysely'
import type { Executor } from '../../access/person-access.ts'

/**
 * Custody's SQL: the person, their custodial sentences (with the key dates the sentencing feature stored, read only),
 * custody records, moves between prisons, manager changes and releases, and the staff who may be the community
 * offender manager. Executor first, explicit columns; history tables are only ever inserted into.
 */

/** The person's row (the caller has already checked access by CRN). */
export async function findPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'case_status', 'managing_provider_id'])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
export type CustodyPerson = NonNullable<Awaited<ReturnType<typeof findPerson>>>

/** Every custodial sentence of the person, the newest first, with its event number and stored key dates. */
export async function custodialSentences(db: Executor, personId: number) {
  return db
    .selectFrom('sentences')
    .innerJoin('events', 'events.id', 'sentences.event_id')
    .select([
      'sentences.id',
      'events.event_number',
      'sentences.sentence_date',
      'sentences.length_value',
      'sentences.length_unit',
      'sentences.terminated_date',
      'sentences.key_dates',
      'sentences.key_dates_problem',
    ])
    .where('sentences.person_id', '=', personId)
    .where('sentences.sentence_type', '=', 'custodial')
    .orderBy('sentences.sentence_date', 'desc')
    .orderBy('sentences.id', 'desc')
    .execute()
}
export type CustodialSentenceRow = Awaited<ReturnType<typeof custodialSentences>>[number]

/** The person's custody records with the community offender manager's name, the latest reception first. */
export async function custodyRecords(db: Executor, personId: number) {
  return db
    .selectFrom('custody_records')
    .leftJoin('staff', 'staff.id', 'custody_records.community_manager_staff_id')
    .select([
      'custody_records.id',
      'custody_records.sentence_id',
      'custody_records.prison_number',
      'custody_records.reception_date',
      'custody_records.prison_offender_manager',
      'custody_records.community_manager_staff_id',
      'custody_records.handover_date',
      'custody_records.released_on',
      'custody_records.release_type',
      'staff.forename as manager_forename',
      'staff.surname as manager_surname',
    ])
    .where('custody_records.person_id', '=', personId)
    .orderBy('custody_records.reception_date', 'desc')
    .orderBy('custody_records.id', 'desc')
    .execute()
}
export type CustodyRecordRow = Awaited<ReturnType<typeof custodyRecords>>[number]

/** Moves between prisons of these records (the first is the reception), in date order. */
export async function locations(db: Executor, recordIds: readonly number[]) {
  if (recordIds.length === 0) return []
  return db
    .selectFrom('custody_locations')
    .select(['id', 'custody_record_id', 'prison_code', 'prison_name', 'moved_on', 'open_conditions'])
    .where('custody_record_id', 'in', recordIds)
    .orderBy('moved_on')
    .orderBy('id')
    .execute()
}
export type LocationRow = Awaited<ReturnType<typeof locations>>[number]

/** Every change of the managers and handover date of these records, the newest first. */
export async function managerChanges(db: Executor, recordIds: readonly number[]) {
  if (recordIds.length === 0) return []
  return db
    .selectFrom('custody_manager_changes')
    .leftJoin('staff', 'staff.id', 'custody_manager_changes.community_manager_staff_id')
    .leftJoin('users', 'users.id', 'custody_manager_changes.changed_by')
    .select([
      'custody_manager_changes.id',
      'custody_manager_changes.custody_record_id',
      'custody_manager_changes.prison_offender_manager',
      'custody_manager_changes.handover_date',
      'custody_manager_changes.changed_at',
      'staff.forename as manager_forename',
      'staff.surname as manager_surname',
      'users.display_name as changed_by_name',
    ])
    .where('custody_manager_changes.custody_record_id', 'in', recordIds)
    .orderBy('custody_manager_changes.id', 'desc')
    .execute()
}
export type ManagerChangeRow = Awaited<ReturnType<typeof managerChanges>>[number]

/** Every release from these records (the first and each re-release), in the order recorded. */
export async function releases(db: Executor, recordIds: readonly number[]) {
  if (recordIds.length === 0) return []
  return db
    .selectFrom('custody_releases')
    .select(['id', 'custody_record_id', 'released_on', 'release_type', 'first_appointment_due', 'recorded_at'])
    .where('custody_record_id', 'in', recordIds)
    .orderBy('id')
    .execute()
}
export type ReleaseRow = Awaited<ReturnType<typeof releases>>[number]

/** Whether an appointment (not moved) has been arranged with the person on or after the date (the release). */
export async function hasAppointmentSince(db: Executor, personId: number, date: string): Promise<boolean> {
  const row = await db
    .selectFrom('contacts')
    .select('id')
    .where('person_id', '=', personId)
    .where('is_appointment', '=', true)
    .where('deleted_at', 'is', null)
    // From the start of the release day in London (00:00 BST is 23:00 UTC the day before).
    .where(sql<boolean>`starts_at >= (${date}::date::timestamp at time zone 'Europe/London')`)
    .where(eb => eb.or([eb('outcome', 'is', null), eb('outcome', 'not like', 'rescheduled%')]))
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Active staff of a provider, who may be the community offender manager. */
export async function staffOfProvider(db: Executor, providerId: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'forename', 'surname'])
    .where('provider_id', '=', providerId)
    .where('active', '=', true)
    .orderBy('surname')
    .orderBy('forename')
    .execute()
}

/** Whether a staff member is active at the provider. */
export async function isStaffOfProvider(db: Executor, staffId: number, providerId: number): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('id', '=', staffId)
    .where('provider_id', '=', providerId)
    .where('active', '=', true)
    .executeTakeFirst()
  return row !== undefined
}

export async function insertCustodyRecord(
  db: Executor,
  row: { personId: number; sentenceId: number; prisonNumber: string; receptionDate: string; userId: number | null },
): Promise<number> {
  const { id } = await db
    .insertInto('custody_records')
    .values({
      person_id: row.personId,
      sentence_id: row.sentenceId,
      prison_number: row.prisonNumber,
      reception_date: row.receptionDate,
      created_by: row.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function insertLocation(
  db: Executor,
  row: {
    recordId: number
    prisonCode: string
    prisonName: string
    movedOn: string
    openConditions?: boolean
    userId: number | null
  },
): Promise<void> {
  await db
    .insertInto('custody_locations')
    .values({
      custody_record_id: row.recordId,
      prison_code: row.prisonCode,
      prison_name: row.prisonName,
      moved_on: row.movedOn,
      open_conditions: row.openConditions ?? false,
      recorded_by: row.userId,
    })
    .execute()
}

/** Parole hearings of these custody records and their decisions, in the order recorded. */
export async function paroleHearings(db: Executor, recordIds: readonly number[]) {
  if (recordIds.length === 0) return []
  return db
    .selectFrom('parole_hearings')
    .select(['id', 'custody_record_id', 'hearing_on', 'kind', 'decision', 'decided_on', 'recorded_at'])
    .where('custody_record_id', 'in', recordIds)
    .orderBy('id')
    .execute()
}
export type ParoleHearingRow = Awaited<ReturnType<typeof paroleHearings>>[number]

export async function insertParoleHearing(
  db: Executor,
  row: {
    personId: number
    recordId: number
    hearingOn: string
    kind: 'oral' | 'paper'
    decision: 'release' | 'no_release' | 'open_conditions' | null
    decidedOn: string | null
    userId: number | null
  },
): Promise<void> {
  await db
    .insertInto('parole_hearings')
    .values({
      person_id: row.personId,
      custody_record_id: row.recordId,
      hearing_on: row.hearingOn,
      kind: row.kind,
      decision: row.decision,
      decided_on: row.decidedOn,
      recorded_by: row.userId,
    })
    .execute()
}

export interface ManagersRow {
  prisonOffenderManager: string | null
  communityManagerStaffId: number | null
  handoverDate: string | null
}

/** Sets the current managers on the record and appends the change to their history, in the caller's transaction. */
export async function setManagers(db: Executor, recordId: number, m: ManagersRow, userId: number | null) {
  await db
    .updateTable('custody_records')
    .set({
      prison_offender_manager: m.prisonOffenderManager,
      community_manager_staff_id: m.communityManagerStaffId,
      handover_date: m.handoverDate,
    })
    .where('id', '=', recordId)
    .execute()
  await db
    .insertInto('custody_manager_changes')
    .values({
      custody_record_id: recordId,
      prison_offender_manager: m.prisonOffenderManager,
      community_manager_staff_id: m.communityManagerStaffId,
      handover_date: m.handoverDate,
      changed_by: userId,
    })
    .execute()
}

/** Stamps the latest release on the record and appends it to the releases, in the caller's transaction. */
export async function insertRelease(
  db: Executor,
  row: {
    recordId: number
    personId: number
    releasedOn: string
    releaseType: string
    firstAppointmentDue: string
    userId: number | null
  },
): Promise<number> {
  await db
    .updateTable('custody_records')
    .set({ released_on: row.releasedOn, release_type: row.releaseType })
    .where('id', '=', row.recordId)
    .execute()
  const { id } = await db
    .insertInto('custody_releases')
    .values({
      custody_record_id: row.recordId,
      person_id: row.personId,
      released_on: row.releasedOn,
      release_type: row.releaseType,
      first_appointment_due: row.firstAppointmentDue,
      recorded_by: row.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/**
 * The first appointment still to arrange after the latest release of each of these people: on licence or PSS, and no
 * appointment (not moved) arranged on or after the release date. One statement for any number of people.
 */
export async function firstAppointmentsToArrange(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('custody_releases as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'r.released_on', 'r.first_appointment_due'])
    .where('r.person_id', 'in', personIds)
    .where('p.case_status', 'in', ['on_licence', 'on_pss'])
    .where(eb =>
      eb(
        'r.id',
        '=',
        eb
          .selectFrom('custody_releases as l')
          .select(sql<number>`max(l.id)`.as('id'))
          .whereRef('l.person_id', '=', 'r.person_id'),
      ),
    )
    .where(eb =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('contacts as c')
            .select('c.id')
            .whereRef('c.person_id', '=', 'r.person_id')
            .where('c.is_appointment', '=', true)
            .where('c.deleted_at', 'is', null)
            .where(sql<boolean>`c.starts_at >= (r.released_on::timestamp at time zone 'Europe/London')`)
            .where(e => e.or([e('c.outcome', 'is', null), e('c.outcome', 'not like', 'rescheduled%')])),
        ),
      ),
    )
    .execute()
}

/**
 * People on licence whose current custodial sentence has a stored TUSED: the only ones the nightly run can move to
 * post-sentence supervision (the rule itself, `pssStartsNow`, decides for each). Ordered by id, after `afterId`.
 */
export async function onLicenceWithTused(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('people')
    .innerJoin('sentences', 'sentences.person_id', 'people.id')
    .select('people.id')
    .distinct()
    .where('people.case_status', '=', 'on_licence')
    .where('people.id', '>', afterId)
    .where('sentences.sentence_type', '=', 'custodial')
    .where('sentences.terminated_date', 'is', null)
    .where(sql<boolean>`sentences.key_dates ->> 'TUSED' is not null`)
    .orderBy('people.id')
    .limit(limit)
    .execute()
  return rows.map(r => r.id)
}
