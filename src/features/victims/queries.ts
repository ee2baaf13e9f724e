import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type {
  VictimContactsTable,
  VictimDetailsTable,
  VictimOfficerAssignmentsTable,
  VictimReferralsTable,
  VictimSchemeDecisionsTable,
  VictimsTable,
} from '../../db/schema.ts'

/**
 * The Victim Contact Scheme's SQL: victims, their details, referrals, decisions, officers, contacts, and what the
 * victim side may read of the offender's record (name, CRN, sentence, key dates, custody; never an address).
 * Executor first, explicit columns. Victim data is read only here, by src/features/victims.
 */

const VICTIM_LIAISON_ROLES = ['victim_liaison', 'victim_liaison_manager']

/** The offender a referral names, by CRN (not deleted). */
export async function findOffenderByCrn(db: Executor, crn: string) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'managing_provider_id'])
    .where('crn', '=', crn)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
export type Offender = NonNullable<Awaited<ReturnType<typeof findOffenderByCrn>>>

/** Whether this staff member is or was the person's case manager (any period of management). */
export async function hasManaged(db: Executor, personId: number, staffId: number): Promise<boolean> {
  const row = await db
    .selectFrom('case_managers')
    .select('id')
    .where('person_id', '=', personId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst()
  return row !== undefined
}

export async function insertVictim(db: Executor, row: Insertable<VictimsTable>): Promise<number> {
  return (await db.insertInto('victims').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertDetails(db: Executor, row: Insertable<VictimDetailsTable>): Promise<number> {
  return (await db.insertInto('victim_details').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertReferral(db: Executor, row: Insertable<VictimReferralsTable>): Promise<number> {
  return (await db.insertInto('victim_referrals').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertDecision(db: Executor, row: Insertable<VictimSchemeDecisionsTable>): Promise<number> {
  return (await db.insertInto('victim_scheme_decisions').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertAssignment(db: Executor, row: Insertable<VictimOfficerAssignmentsTable>): Promise<number> {
  return (await db.insertInto('victim_officer_assignments').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertContact(db: Executor, row: Insertable<VictimContactsTable>): Promise<number> {
  return (await db.insertInto('victim_contacts').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/** The victim with their offender's CRN, name and managing provider, and the current officer's user id. */
export async function findVictim(db: Executor, victimId: number) {
  return db
    .selectFrom('victims as v')
    .innerJoin('people as p', 'p.id', 'v.person_id')
    .select([
      'v.id',
      'v.person_id',
      'v.event_id',
      'v.forename',
      'v.surname',
      'v.date_of_birth',
      'v.created_at',
      'p.crn',
      'p.forename as offender_forename',
      'p.surname as offender_surname',
      'p.managing_provider_id',
      'p.case_status',
      sql<number | null>`(select a.officer_user_id from victim_officer_assignments a where a.victim_id = v.id
        order by a.id desc limit 1)`.as('officer_user_id'),
    ])
    .where('v.id', '=', victimId)
    .executeTakeFirst()
}
export type VictimRow = NonNullable<Awaited<ReturnType<typeof findVictim>>>

/** Every version of the victim's contact details and wishes, the newest (current) first. */
export async function detailsHistory(db: Executor, victimId: number) {
  return db
    .selectFrom('victim_details as d')
    .leftJoin('users as u', 'u.id', 'd.recorded_by')
    .select([
      'd.id',
      'd.address_line1',
      'd.address_line2',
      'd.town',
      'd.postcode',
      'd.phone',
      'd.email',
      'd.preferred_method',
      'd.no_contact_wish',
      'd.wishes',
      'd.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('d.victim_id', '=', victimId)
    .orderBy('d.id', 'desc')
    .execute()
}
export type DetailsRow = Awaited<ReturnType<typeof detailsHistory>>[number]

export async function referralsOf(db: Executor, victimId: number) {
  return db
    .selectFrom('victim_referrals')
    .select(['id', 'referred_on', 'referred_by', 'source', 'recorded_at'])
    .where('victim_id', '=', victimId)
    .orderBy('id')
    .execute()
}

/** Opting in and out, the latest (current) first. */
export async function decisionsOf(db: Executor, victimId: number) {
  return db
    .selectFrom('victim_scheme_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.recorded_by')
    .select(['d.id', 'd.decision', 'd.decided_on', 'd.notes', 'd.recorded_at', 'u.display_name as recorded_by_name'])
    .where('d.victim_id', '=', victimId)
    .orderBy('d.id', 'desc')
    .execute()
}

/** Officer assignments, the latest (current) first. */
export async function assignmentsOf(db: Executor, victimId: number) {
  return db
    .selectFrom('victim_officer_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.officer_user_id')
    .select(['a.id', 'a.officer_user_id', 'a.assigned_on', 'u.display_name as officer_name'])
    .where('a.victim_id', '=', victimId)
    .orderBy('a.id', 'desc')
    .execute()
}

/** Contacts with the victim, the latest first. */
export async function contactsOf(db: Executor, victimId: number) {
  return db
    .selectFrom('victim_contacts as c')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .select(['c.id', 'c.contact_on', 'c.method', 'c.summary', 'c.letter_id', 'u.display_name as recorded_by_name'])
    .where('c.victim_id', '=', victimId)
    .orderBy('c.contact_on', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}

/** The active victim liaison users of a provider (who may be a victim's officer), with their staff ids. */
export async function liaisonUsers(db: Executor, providerId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('staff as s', 's.id', 'u.staff_id')
    .select(['u.id', 'u.display_name', 'u.staff_id'])
    .where('u.active', '=', true)
    .where('s.provider_id', '=', providerId)
    .where(sql<boolean>`u.roles && ${sql.val(VICTIM_LIAISON_ROLES)}::text[]`)
    .orderBy('u.display_name')
    .execute()
}

/** The offender's sentences the victim is entitled to hear about (not terminated), with their key dates. */
export async function offenderSentences(db: Executor, personId: number) {
  return db
    .selectFrom('sentences')
    .select(['id', 'sentence_type', 'sentence_date', 'length_value', 'length_unit', 'key_dates', 'terminated_date'])
    .where('person_id', '=', personId)
    .orderBy('sentence_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** The offender's custody records: received, released (never the prison's address; the prison's name is not shown). */
export async function offenderCustody(db: Executor, personId: number) {
  return db
    .selectFrom('custody_records')
    .select(['id', 'sentence_id', 'reception_date', 'released_on', 'release_type'])
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .execute()
}

/**
 * The work list's candidates for "referral overdue", oldest first: the provider's cases with no victim referral that
 * have a custodial sentence of roughly 12 months or more passed since `since`, or a hospital order that has not ended,
 * for one of `violentOrSexualCodes`. In order of the sentence's (or order's) date, so the longest overdue come first,
 * and at most `limit` rows (a person with two such sentences is there twice). A pre-filter only: the pure rule
 * (`vcsEligibility`) decides.
 *
 * Performance (issue 21): read from the open custodial sentences in date order (sentences_custodial_open_date_idx),
 * the read stops once `limit` rows are found instead of checking the provider's whole caseload (393 ms at a million
 * people; now ≈ 10 ms); a small provider's cases are read by provider (people_provider_idx).
 */
export async function referralCandidates(
  db: Executor,
  providerId: number,
  since: string,
  violentOrSexualCodes: readonly string[],
  limit: number,
) {
  const codes = [...violentOrSexualCodes]
  const violentOrSexual = (eventId: ReturnType<typeof sql.ref>) =>
    sql`exists (select 1 from offences f where f.event_id = ${eventId} and f.offence_code = any(${codes}::text[]))`
  const caseOfProvider = sql`p.managing_provider_id = ${providerId} and p.deleted_at is null
    and not exists (select 1 from victim_referrals r where r.person_id = p.id)`
  const rows = await sql<{ id: number; crn: string; forename: string; surname: string }>`
    select c.id, c.crn, c.forename, c.surname from ((
      select s.person_id as id, p.crn, p.forename, p.surname, s.sentence_date as on_date
      from sentences s join people p on p.id = s.person_id
      where s.sentence_type = 'custodial' and s.terminated_date is null and s.sentence_date >= ${since}
        and ((s.length_unit = 'years' and s.length_value >= 1) or (s.length_unit = 'months' and s.length_value >= 12)
          or (s.length_unit = 'weeks' and s.length_value >= 52) or (s.length_unit = 'days' and s.length_value >= 365))
        and ${violentOrSexual(sql.ref('s.event_id'))} and ${caseOfProvider}
      order by s.sentence_date, s.person_id limit ${limit}
    ) union all (
      select o.person_id as id, p.crn, p.forename, p.surname, o.start_date as on_date
      from protection_orders o join people p on p.id = o.person_id
      where o.kind = 'hospital_order' and o.start_date >= ${since}
        and not exists (select 1 from protection_order_ends e where e.order_id = o.id)
        and ${violentOrSexual(sql.ref('o.event_id'))} and ${caseOfProvider}
      order by o.start_date, o.person_id limit ${limit}
    )) c
    -- Each part in date order with its own limit, so the sentences' part reads its index in order and stops.
    order by c.on_date, c.id
    limit ${limit}`.execute(db)
  return rows.rows.map(r => ({ ...r, id: Number(r.id) }))
}

const VICTIM_LIST_COLUMNS = [
  'v.id',
  'v.forename',
  'v.surname',
  'p.crn',
  'p.forename as offender_forename',
  'p.surname as offender_surname',
  sql<string | null>`(select r.referred_on::text from victim_referrals r where r.victim_id = v.id
    order by r.id desc limit 1)`.as('referred_on'),
  sql<string | null>`(select d.decision from victim_scheme_decisions d where d.victim_id = v.id
    order by d.id desc limit 1)`.as('decision'),
] as const

const currentOfficer = sql<number | null>`(select a.officer_user_id from victim_officer_assignments a
  where a.victim_id = v.id order by a.id desc limit 1)`

/** Victims whose current officer is this user. */
export async function victimsOfOfficer(db: Executor, userId: number) {
  return db
    .selectFrom('victims as v')
    .innerJoin('people as p', 'p.id', 'v.person_id')
    .select(VICTIM_LIST_COLUMNS)
    .where(sql<boolean>`${currentOfficer} = ${userId}`)
    .orderBy('v.id')
    .limit(500)
    .execute()
}

/** Victims of the provider's cases with no officer yet. */
export async function unassignedVictims(db: Executor, providerId: number) {
  return db
    .selectFrom('victims as v')
    .innerJoin('people as p', 'p.id', 'v.person_id')
    .select(VICTIM_LIST_COLUMNS)
    .where('p.managing_provider_id', '=', providerId)
    .where(sql<boolean>`${currentOfficer} is null`)
    .orderBy('v.id')
    .limit(500)
    .execute()
}
export type VictimListRow = Awaited<ReturnType<typeof unassignedVictims>>[number]
