import type { Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type {
  ReleaseDayPlansTable,
  ResettlementActionClosuresTable,
  ResettlementActionsTable,
  ResettlementNeedsTable,
  ResettlementScreeningsTable,
} from '../../db/schema.ts'

/**
 * Through the Gate's SQL: the person's custodial sentences (with the key dates the sentencing feature stored) and
 * custody records (the custody feature's table, read here), screenings, needs, plan actions and their closures,
 * release-day plans, and the cases of a team or provider for the work list. Executor first, explicit columns.
 */

/** The person's row (the caller has already checked access by CRN). */
export async function findPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'case_status', 'managing_provider_id', 'managing_team_id'])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
export type ResettlementPerson = NonNullable<Awaited<ReturnType<typeof findPerson>>>

const SENTENCE_COLUMNS = [
  'sentences.id',
  'sentences.person_id',
  'sentences.sentence_date',
  'sentences.length_value',
  'sentences.length_unit',
  'sentences.key_dates',
] as const

/** The people's current (not terminated) custodial sentences, the newest first. */
export async function currentCustodialSentences(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('sentences')
    .select(SENTENCE_COLUMNS)
    .where('person_id', 'in', personIds)
    .where('sentence_type', '=', 'custodial')
    .where('terminated_date', 'is', null)
    .orderBy('sentence_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
export type CustodialSentenceRow = Awaited<ReturnType<typeof currentCustodialSentences>>[number]

/** The people's custody records (one per custodial sentence) with the prison now, the latest reception first. */
export async function custodyRecords(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('custody_records')
    .select(['id', 'person_id', 'sentence_id', 'prison_number', 'reception_date', 'released_on'])
    .select(eb =>
      (['prison_code', 'prison_name'] as const).map(column =>
        eb
          .selectFrom('custody_locations')
          .select(column)
          .whereRef('custody_locations.custody_record_id', '=', 'custody_records.id')
          .orderBy('moved_on', 'desc')
          .orderBy('custody_locations.id', 'desc')
          .limit(1)
          .as(column),
      ),
    )
    .where('person_id', 'in', personIds)
    .orderBy('reception_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
export type CustodyRecordRow = Awaited<ReturnType<typeof custodyRecords>>[number]

/** Every screening recorded for these sentences, in the order recorded (the last of each part is current). */
export async function screenings(db: Executor, sentenceIds: readonly number[]) {
  if (sentenceIds.length === 0) return []
  return db
    .selectFrom('resettlement_screenings')
    .leftJoin('users', 'users.id', 'resettlement_screenings.recorded_by')
    .select([
      'resettlement_screenings.id',
      'resettlement_screenings.sentence_id',
      'resettlement_screenings.part',
      'resettlement_screenings.completed_on',
      'resettlement_screenings.completed_by',
      'resettlement_screenings.notes',
      'resettlement_screenings.recorded_at',
      'users.display_name as recorded_by_name',
    ])
    .where('resettlement_screenings.sentence_id', 'in', sentenceIds)
    .orderBy('resettlement_screenings.id')
    .execute()
}
export type ScreeningRow = Awaited<ReturnType<typeof screenings>>[number]

export async function insertScreening(db: Executor, row: Insertable<ResettlementScreeningsTable>): Promise<number> {
  const { id } = await db.insertInto('resettlement_screenings').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Every needs answer recorded for the sentence, in the order recorded (the last of each pathway is current). */
export async function needs(db: Executor, sentenceId: number) {
  return db
    .selectFrom('resettlement_needs')
    .leftJoin('users', 'users.id', 'resettlement_needs.recorded_by')
    .select([
      'resettlement_needs.id',
      'resettlement_needs.pathway',
      'resettlement_needs.need',
      'resettlement_needs.notes',
      'resettlement_needs.recorded_at',
      'users.display_name as recorded_by_name',
    ])
    .where('resettlement_needs.sentence_id', '=', sentenceId)
    .orderBy('resettlement_needs.id')
    .execute()
}
export type NeedRow = Awaited<ReturnType<typeof needs>>[number]

export async function insertNeeds(db: Executor, rows: Insertable<ResettlementNeedsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('resettlement_needs').values(rows).execute()
}

/** The plan's actions of these sentences with their owner and closure, by due date. */
export async function actions(db: Executor, sentenceIds: readonly number[]) {
  if (sentenceIds.length === 0) return []
  return db
    .selectFrom('resettlement_actions as a')
    .leftJoin('staff as s', 's.id', 'a.owner_staff_id')
    .leftJoin('resettlement_action_closures as c', 'c.action_id', 'a.id')
    .select([
      'a.id',
      'a.person_id',
      'a.sentence_id',
      'a.pathway',
      'a.description',
      'a.owner_staff_id',
      'a.owner_organisation',
      's.forename as owner_forename',
      's.surname as owner_surname',
      'a.due_date',
      'a.created_at',
      'c.done_on',
      'c.notes as done_notes',
    ])
    .where('a.sentence_id', 'in', sentenceIds)
    .orderBy('a.due_date')
    .orderBy('a.id')
    .execute()
}
export type ActionRow = Awaited<ReturnType<typeof actions>>[number]

export async function findAction(db: Executor, personId: number, actionId: number) {
  return db
    .selectFrom('resettlement_actions as a')
    .leftJoin('resettlement_action_closures as c', 'c.action_id', 'a.id')
    .select(['a.id', 'a.sentence_id', 'a.pathway', 'a.created_at', 'c.id as closure_id'])
    .where('a.person_id', '=', personId)
    .where('a.id', '=', actionId)
    .executeTakeFirst()
}

export async function insertAction(db: Executor, row: Insertable<ResettlementActionsTable>): Promise<number> {
  const { id } = await db.insertInto('resettlement_actions').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Closes an action once: false when it was already closed (by someone else at the same moment, say). */
export async function insertClosure(db: Executor, row: Insertable<ResettlementActionClosuresTable>): Promise<boolean> {
  const saved = await db
    .insertInto('resettlement_action_closures')
    .values(row)
    .onConflict(oc => oc.column('action_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return saved !== undefined
}

/** The release-day plans of these sentences, the latest first (the first of each sentence is current). */
export async function releaseDayPlans(db: Executor, sentenceIds: readonly number[]) {
  if (sentenceIds.length === 0) return []
  return db
    .selectFrom('release_day_plans')
    .leftJoin('users', 'users.id', 'release_day_plans.recorded_by')
    .select([
      'release_day_plans.id',
      'release_day_plans.sentence_id',
      'release_day_plans.first_night_address',
      'release_day_plans.met_by',
      'release_day_plans.travel',
      'release_day_plans.first_appointment_date',
      'release_day_plans.first_appointment_place',
      'release_day_plans.medication',
      'release_day_plans.id_documents',
      'release_day_plans.recorded_at',
      'users.display_name as recorded_by_name',
    ])
    .where('release_day_plans.sentence_id', 'in', sentenceIds)
    .orderBy('release_day_plans.id', 'desc')
    .execute()
}
export type ReleaseDayPlanRow = Awaited<ReturnType<typeof releaseDayPlans>>[number]

export async function insertReleaseDayPlan(db: Executor, row: Insertable<ReleaseDayPlansTable>): Promise<number> {
  const { id } = await db.insertInto('release_day_plans').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/**
 * The active staff of the provider in these teams (the case's and the user's), by name: the owners offered for an
 * action. A whole provider's staff (thousands at national scale) is too many to choose from in one list.
 */
export async function staffOfTeams(db: Executor, providerId: number, teamIds: readonly number[]) {
  if (teamIds.length === 0) return []
  return db
    .selectFrom('staff')
    .select(['id', 'forename', 'surname'])
    .where('provider_id', '=', providerId)
    .where('team_id', 'in', teamIds)
    .where('active', '=', true)
    .orderBy('surname')
    .orderBy('forename')
    .execute()
}

/** Whether the member of staff is active at the provider: any of them may own an action (the API may name anyone). */
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

/** Who a work list covers: a team's cases, or a whole provider's. */
export type ListScope = { kind: 'team'; teamId: number } | { kind: 'provider'; providerId: number }

/** People in custody (or recalled) managed by the team or provider, with a current custodial sentence. */
export async function custodialCasesInScope(db: Executor, scope: ListScope) {
  let query = db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname'])
    .where('deleted_at', 'is', null)
    .where('case_status', 'in', ['in_custody', 'recalled'])
    .where(eb =>
      eb.exists(
        eb
          .selectFrom('sentences')
          .select('sentences.id')
          .whereRef('sentences.person_id', '=', 'people.id')
          .where('sentences.sentence_type', '=', 'custodial')
          .where('sentences.terminated_date', 'is', null),
      ),
    )
  query =
    scope.kind === 'team'
      ? query.where('managing_team_id', '=', scope.teamId)
      : query.where('managing_provider_id', '=', scope.providerId)
  return query.orderBy('surname').orderBy('forename').orderBy('id').limit(2000).execute()
}

/** A team's name, for the work list's heading. */
export async function teamName(db: Executor, teamId: number) {
  const row = await db.selectFrom('teams').select('name').where('id', '=', teamId).executeTakeFirst()
  return row?.name ?? null
}

export async function providerName(db: Executor, providerId: number) {
  const row = await db.selectFrom('providers').select('name').where('id', '=', providerId).executeTakeFirst()
  return row?.name ?? null
}
