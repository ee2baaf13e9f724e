import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { Insertable } from 'kysely'
import type { ReferralsTable } from '../../../db/schema.ts'

/**
 * The SQL of a case's referrals (issue 18 item 2, the practitioner's side): the service referred to and its terms,
 * the record's facts the shared summary is built from, the referral and its partner's records.
 */

export const RAR_CATEGORY = 'rehabilitation_activity'

/** A service with its organisation, as a referral needs them. */
export async function findServiceForReferral(db: Executor, serviceId: number) {
  return db
    .selectFrom('partner_services as s')
    .innerJoin('partner_organisations as o', 'o.id', 's.organisation_id')
    .select([
      's.id',
      's.name',
      's.pathway',
      's.description',
      's.eligible_genders',
      's.eligible_tiers',
      's.max_rosh',
      's.delivers_rar',
      's.funding_ends_on',
      's.accepting',
      's.closed_reason',
      's.active',
      's.lone_working_guidance',
      's.organisation_id',
      'o.name as organisation',
      'o.active as organisation_active',
    ])
    .where('s.id', '=', serviceId)
    .executeTakeFirst()
}
export type ReferralServiceRow = NonNullable<Awaited<ReturnType<typeof findServiceForReferral>>>

/** The person's own details a partner may be told (never the CRN or identifiers). */
export async function findPersonFacts(db: Executor, personId: number) {
  return db
    .selectFrom('people as p')
    .leftJoin('staff as s', 's.id', 'p.managing_staff_id')
    .leftJoin('teams as t', 't.id', 'p.managing_team_id')
    .select([
      'p.forename',
      'p.middle_names',
      'p.surname',
      'p.date_of_birth',
      'p.gender',
      'p.phone',
      'p.mobile',
      'p.managing_provider_id',
      's.forename as staff_forename',
      's.surname as staff_surname',
      's.email as staff_email',
      't.name as team',
    ])
    .where('p.id', '=', personId)
    .executeTakeFirstOrThrow()
}

export async function findMainAddress(db: Executor, personId: number) {
  return db
    .selectFrom('addresses')
    .select(['building', 'street', 'district', 'town', 'county', 'postcode'])
    .where('person_id', '=', personId)
    .where('status', '=', 'main')
    .where('end_date', 'is', null)
    .where('superseded_by', 'is', null)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** The latest risk of serious harm assessment's levels (not its narrative: who is at risk may name a victim). */
export async function findLatestRosh(db: Executor, personId: number) {
  return db
    .selectFrom('rosh_assessments')
    .select([
      'assessment_date',
      'overall_level',
      'public_level',
      'known_adult_level',
      'children_level',
      'staff_level',
      'prisoners_level',
    ])
    .where('person_id', '=', personId)
    .orderBy('assessment_date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** Current registrations: the code and MAPPA level only (never the notes). */
export async function currentRegistrations(db: Executor, personId: number) {
  return db
    .selectFrom('registrations')
    .select(['type_code', 'mappa_level'])
    .where('person_id', '=', personId)
    .where('deregistered_date', 'is', null)
    .orderBy('registered_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export async function latestTier(db: Executor, personId: number): Promise<string | null> {
  const row = await db
    .selectFrom('tier_calculations')
    .select('tier')
    .where('person_id', '=', personId)
    .where('algorithm', 'like', 'tier-v2%')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.tier ?? null
}

/** Orders not terminated, newest first, each with its RAR requirement (not terminated) if it has one. */
export async function currentOrdersWithRar(db: Executor, personId: number) {
  return db
    .selectFrom('sentences as s')
    .leftJoin('requirements as r', join =>
      join.onRef('r.sentence_id', '=', 's.id').on('r.category', '=', RAR_CATEGORY).on('r.terminated_date', 'is', null),
    )
    .select([
      's.id as sentence_id',
      's.event_id',
      's.sentence_type',
      's.expected_end_date',
      'r.id as requirement_id',
      'r.length as rar_length',
      'r.unit as rar_unit',
    ])
    .where('s.person_id', '=', personId)
    .where('s.terminated_date', 'is', null)
    .orderBy('s.sentence_date', 'desc')
    .orderBy('s.id', 'desc')
    .orderBy('r.id')
    .execute()
}
export type CurrentOrderRow = Awaited<ReturnType<typeof currentOrdersWithRar>>[number]

/** Inserts the referral unless its reference is taken; undefined when it was (a second submission of one form). */
export async function insertReferral(db: Executor, row: Insertable<ReferralsTable>): Promise<number | undefined> {
  const inserted = await db
    .insertInto('referrals')
    .values(row)
    .onConflict(oc => oc.column('reference').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted ? Number(inserted.id) : undefined
}

export async function findReferralByReference(db: Executor, reference: string) {
  return db
    .selectFrom('referrals')
    .select(['id', 'person_id', 'referred_by', 'service_id'])
    .where('reference', '=', reference)
    .executeTakeFirst()
}

export async function insertStatus(
  db: Executor,
  row: { referral_id: number; status: string; reason: string | null; changed_by: number | null },
) {
  await db.insertInto('referral_status_history').values(row).execute()
}

export async function insertDesiredOutcomes(db: Executor, referralId: number, outcomes: readonly string[]) {
  if (!outcomes.length) return
  await db
    .insertInto('referral_desired_outcomes')
    .values(outcomes.map((description, i) => ({ referral_id: referralId, position: i + 1, description })))
    .execute()
}

/** Attended (or late) current session records: a record replaced by a correction no longer counts. */
const attendedCount = sql<number>`(select count(*) from referral_sessions rs where rs.referral_id = r.id
  and rs.attended in ('yes', 'late')
  and not exists (select 1 from referral_sessions c where c.replaces_id = rs.id))::int`
/** Sessions planned: the latest approved action plan's, else the latest submitted one's. */
const plannedCount = sql<number | null>`(select ap.number_of_sessions from referral_action_plans ap
  where ap.referral_id = r.id order by (ap.approved_at is not null) desc, ap.version_number desc limit 1)`

/** The person's referrals, newest first, with the service, organisation and sessions attended and planned. */
export async function listReferrals(db: Executor, personId: number) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('partner_services as s', 's.id', 'r.service_id')
    .innerJoin('partner_organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'r.reference',
      'r.status',
      'r.sent_at',
      'r.completion_deadline',
      's.name as service',
      'o.name as organisation',
      attendedCount.as('attended'),
      plannedCount.as('planned'),
    ])
    .where('r.person_id', '=', personId)
    .orderBy('r.sent_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}
export type ReferralListRow = Awaited<ReturnType<typeof listReferrals>>[number]

/** One of the person's referrals with its service, organisation, referrer and the partner's caseworker. */
export async function findReferral(db: Executor, personId: number, id: number) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('partner_services as s', 's.id', 'r.service_id')
    .innerJoin('partner_organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('users as cw', 'cw.id', 'r.caseworker_user_id')
    .leftJoin('users as rb', 'rb.id', 'r.referred_by')
    .selectAll('r')
    .select([
      's.name as service',
      's.delivers_rar',
      'o.name as organisation',
      'cw.display_name as caseworker',
      'rb.display_name as referrer',
    ])
    .where('r.person_id', '=', personId)
    .where('r.id', '=', id)
    .executeTakeFirst()
}
export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>

/** The referral's own records: status history, desired outcomes, plans, sessions, incidents, end-of-service report. */
export async function referralRecords(db: Executor, referralId: number) {
  const [history, outcomes, plans, sessions, incidents, report] = await Promise.all([
    db
      .selectFrom('referral_status_history as h')
      .leftJoin('users as u', 'u.id', 'h.changed_by')
      .select(['h.id', 'h.status', 'h.reason', 'h.changed_at', 'u.display_name as by'])
      .where('h.referral_id', '=', referralId)
      .orderBy('h.id')
      .execute(),
    db
      .selectFrom('referral_desired_outcomes')
      .select(['id', 'position', 'description'])
      .where('referral_id', '=', referralId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('referral_action_plans as p')
      .leftJoin('users as a', 'a.id', 'p.approved_by')
      .select(['p.id', 'p.version_number', 'p.activities', 'p.number_of_sessions', 'p.submitted_at'])
      .select(['p.approved_at', 'a.display_name as approver'])
      .where('p.referral_id', '=', referralId)
      .orderBy('p.version_number')
      .execute(),
    db
      .selectFrom('referral_sessions')
      .select(['id', 'session_number', 'session_date', 'start_time', 'end_time', 'attended', 'notes'])
      .select(['non_attendance_reason', 'replaces_id', 'recorded_at'])
      .where('referral_id', '=', referralId)
      .orderBy('session_number')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('referral_incidents as i')
      .leftJoin('users as a', 'a.id', 'i.acknowledged_by')
      .select(['i.id', 'i.occurred_at', 'i.description', 'i.reported_at', 'i.acknowledged_at'])
      .select('a.display_name as acknowledger')
      .where('i.referral_id', '=', referralId)
      .orderBy('i.occurred_at')
      .orderBy('i.id')
      .execute(),
    db
      .selectFrom('referral_end_of_service_reports')
      .select(['outcomes', 'further_information', 'submitted_at'])
      .where('referral_id', '=', referralId)
      .executeTakeFirst(),
  ])
  return { history, outcomes, plans, sessions, incidents, report }
}
export type ReferralRecords = Awaited<ReturnType<typeof referralRecords>>

/** Approves the plan if it is still unapproved and still the referral's latest version; false otherwise. */
export async function approvePlan(db: Executor, referralId: number, planId: number, by: number | null, at: Date) {
  const result = await db
    .updateTable('referral_action_plans as p')
    .set({ approved_by: by, approved_at: at })
    .where('p.id', '=', planId)
    .where('p.referral_id', '=', referralId)
    .where('p.approved_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('referral_action_plans as later')
            .select('later.id')
            .whereRef('later.referral_id', '=', 'p.referral_id')
            .whereRef('later.version_number', '>', 'p.version_number'),
        ),
      ),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function acknowledgeIncident(
  db: Executor,
  referralId: number,
  incidentId: number,
  by: number | null,
  at: Date,
) {
  const result = await db
    .updateTable('referral_incidents')
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where('id', '=', incidentId)
    .where('referral_id', '=', referralId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Moves the referral to withdrawn if it is still at `version`; false when someone changed it meanwhile. */
export async function withdrawReferral(db: Executor, id: number, version: number, reason: string) {
  const result = await db
    .updateTable('referrals')
    .set(eb => ({ status: 'withdrawn' as const, withdrawn_reason: reason, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
