import type { Executor } from '../../../access/person-access.ts'
import type { ReferralStatus } from '../../../db/schema.ts'

/**
 * The partner portal's SQL (issue 18 items 3–4): every read is by the partner's organisation, so a referral sent to
 * another organisation is never found (the same "no such referral" as an unknown reference). Nothing here selects
 * from the person's record: the partner's view of the person is the frozen `referrals.shared` summary. Executor
 * first; ids come back as strings on PostgreSQL and are numbered by the caller.
 */

const REFERRAL_COLUMNS = [
  'r.id',
  'r.reference',
  'r.person_id',
  'r.event_id',
  'r.requirement_id',
  'r.service_id',
  'r.organisation_id',
  'r.status',
  'r.reason',
  'r.rar_days',
  'r.completion_deadline',
  'r.further_information',
  'r.shared',
  'r.sent_at',
  'r.caseworker_user_id',
  'r.accepted_at',
  'r.declined_reason',
  'r.withdrawn_reason',
  'r.completed_at',
  'r.version',
] as const

/** The organisation's referrals, newest first, with the service and the caseworker's name. */
export async function listOrganisationReferrals(db: Executor, organisationId: number) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('partner_services as s', 's.id', 'r.service_id')
    .leftJoin('users as c', 'c.id', 'r.caseworker_user_id')
    .select(REFERRAL_COLUMNS)
    .select(['s.name as service_name', 'c.display_name as caseworker_name'])
    .where('r.organisation_id', '=', organisationId)
    .orderBy('r.sent_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

/** One referral of the organisation by its reference (undefined for another organisation's or an unknown one). */
export async function findOrganisationReferral(db: Executor, organisationId: number, reference: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('partner_services as s', 's.id', 'r.service_id')
    .innerJoin('partner_organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('users as c', 'c.id', 'r.caseworker_user_id')
    .select(REFERRAL_COLUMNS)
    .select([
      's.name as service_name',
      's.delivers_rar',
      's.lone_working_guidance',
      'o.name as organisation_name',
      'c.display_name as caseworker_name',
    ])
    .where('r.organisation_id', '=', organisationId)
    .where('r.reference', '=', reference)
    .executeTakeFirst()
}

export type PortalReferralRow = NonNullable<Awaited<ReturnType<typeof findOrganisationReferral>>>

export async function listDesiredOutcomes(db: Executor, referralId: number) {
  return db
    .selectFrom('referral_desired_outcomes')
    .select(['id', 'position', 'description'])
    .where('referral_id', '=', referralId)
    .orderBy('position')
    .execute()
}

/** Every version of the action plan, oldest first (an approved version is never changed). */
export async function listActionPlans(db: Executor, referralId: number) {
  return db
    .selectFrom('referral_action_plans as p')
    .leftJoin('users as a', 'a.id', 'p.approved_by')
    .select(['p.id', 'p.version_number', 'p.activities', 'p.number_of_sessions', 'p.submitted_at', 'p.approved_at'])
    .select('a.display_name as approved_by_name')
    .where('p.referral_id', '=', referralId)
    .orderBy('p.version_number')
    .execute()
}

export async function insertActionPlan(
  db: Executor,
  row: {
    referral_id: number
    version_number: number
    activities: string[]
    number_of_sessions: number
    by: number | null
  },
): Promise<number> {
  const { id } = await db
    .insertInto('referral_action_plans')
    .values({
      referral_id: row.referral_id,
      version_number: row.version_number,
      activities: JSON.stringify(row.activities),
      number_of_sessions: row.number_of_sessions,
      submitted_by: row.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** Every session record, corrections included, in the order recorded. */
export async function listSessionRecords(db: Executor, referralId: number) {
  return db
    .selectFrom('referral_sessions')
    .select([
      'id',
      'session_number',
      'session_date',
      'start_time',
      'end_time',
      'attended',
      'notes',
      'non_attendance_reason',
      'contact_id',
      'replaces_id',
      'recorded_at',
    ])
    .where('referral_id', '=', referralId)
    .orderBy('session_number')
    .orderBy('id')
    .execute()
}

export type SessionRecordRow = Awaited<ReturnType<typeof listSessionRecords>>[number]

export async function insertSessionRecord(
  db: Executor,
  row: {
    referral_id: number
    session_number: number
    session_date: string
    start_time: string
    end_time: string
    attended: 'yes' | 'late' | 'no'
    notes: string | null
    non_attendance_reason: string | null
    contact_id: number | null
    replaces_id: number | null
    recorded_by: number | null
  },
): Promise<number> {
  const { id } = await db.insertInto('referral_sessions').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

export async function findEndOfServiceReport(db: Executor, referralId: number) {
  return db
    .selectFrom('referral_end_of_service_reports')
    .select(['id', 'outcomes', 'further_information', 'submitted_at'])
    .where('referral_id', '=', referralId)
    .executeTakeFirst()
}

export async function insertEndOfServiceReport(
  db: Executor,
  row: { referral_id: number; outcomes: unknown[]; further_information: string | null; by: number | null },
): Promise<number> {
  const { id } = await db
    .insertInto('referral_end_of_service_reports')
    .values({
      referral_id: row.referral_id,
      outcomes: JSON.stringify(row.outcomes),
      further_information: row.further_information,
      submitted_by: row.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

export async function listIncidents(db: Executor, referralId: number) {
  return db
    .selectFrom('referral_incidents')
    .select(['id', 'occurred_at', 'description', 'reported_at', 'acknowledged_at'])
    .where('referral_id', '=', referralId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export async function insertIncident(
  db: Executor,
  row: { referral_id: number; occurred_at: Date; description: string; by: number | null },
): Promise<number> {
  const { id } = await db
    .insertInto('referral_incidents')
    .values({
      referral_id: row.referral_id,
      occurred_at: row.occurred_at,
      description: row.description,
      reported_by: row.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** The organisation's active partner users: who may be the referral's caseworker. */
export async function listOrganisationCaseworkers(db: Executor, organisationId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('partner_organisation_id', '=', organisationId)
    .where('active', '=', true)
    .where(eb => eb(eb.val('partner'), '=', eb.fn.any('roles')))
    .orderBy('display_name')
    .execute()
}

/**
 * Changes the referral's status and what goes with it, if no one changed it since it was read (its version);
 * false when someone did.
 */
export async function updateReferral(
  db: Executor,
  id: number,
  version: number,
  set: {
    status?: ReferralStatus
    accepted_at?: Date
    declined_reason?: string
    completed_at?: Date
    caseworker_user_id?: number
  },
): Promise<boolean> {
  const result = await db
    .updateTable('referrals')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function insertStatusHistory(
  db: Executor,
  row: { referral_id: number; status: string; reason: string | null; changed_by: number | null },
): Promise<void> {
  await db.insertInto('referral_status_history').values(row).execute()
}
