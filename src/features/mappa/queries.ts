import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type {
  ContactsTable,
  IsoDate,
  MappaActionCompletionsTable,
  MappaActionsTable,
  MappaReviewsTable,
  MappMeetingsTable,
  ProtectionOrderEndsTable,
  ProtectionOrdersTable,
  RegistrationsTable,
} from '../../db/schema.ts'

/**
 * MAPPA management's SQL: the person, their protection facts (the public protection feature's `protection_orders`,
 * recorded and ended here), level decisions, the MAPP registration kept in step with them, MAPP meetings and their
 * minutes contact, risk management actions, and the MAPPA people of a delivery unit or provider. Executor first.
 */

export const MAPP = 'MAPP'

/** The person's row with their manager (the caller has already checked access by CRN). */
export async function findPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['id', 'crn', 'forename', 'surname', 'managing_provider_id', 'managing_team_id', 'managing_staff_id'])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}
export type MappaPerson = NonNullable<Awaited<ReturnType<typeof findPerson>>>

/** Every protection fact recorded for the person, with its end when ended, in the order recorded. */
export async function protectionOrders(db: Executor, personId: number) {
  return db
    .selectFrom('protection_orders as p')
    .leftJoin('protection_order_ends as e', 'e.order_id', 'p.id')
    .leftJoin('users as u', 'u.id', 'p.recorded_by')
    .leftJoin('users as eu', 'eu.id', 'e.recorded_by')
    .select([
      'p.id',
      'p.kind',
      'p.event_id',
      'p.start_date',
      'p.end_date',
      'p.restricted',
      'p.reason',
      sql<Date>`p.recorded_at`.as('recorded_at'),
      'u.display_name as recorded_by_name',
      'e.id as end_id',
      'e.ended_on',
      'e.reason as end_reason',
      'eu.display_name as ended_by_name',
    ])
    .where('p.person_id', '=', personId)
    .orderBy('p.id')
    .execute()
}
export type ProtectionOrderRow = Awaited<ReturnType<typeof protectionOrders>>[number]

export async function findProtectionOrder(db: Executor, personId: number, id: number) {
  return db
    .selectFrom('protection_orders as p')
    .leftJoin('protection_order_ends as e', 'e.order_id', 'p.id')
    .select(['p.id', 'p.kind', 'p.start_date', 'e.id as end_id'])
    .where('p.person_id', '=', personId)
    .where('p.id', '=', id)
    .executeTakeFirst()
}

export async function insertProtectionOrder(db: Executor, row: Insertable<ProtectionOrdersTable>): Promise<number> {
  const { id } = await db.insertInto('protection_orders').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Ends a fact once: false when it was already ended. */
export async function insertProtectionOrderEnd(
  db: Executor,
  row: Insertable<ProtectionOrderEndsTable>,
): Promise<boolean> {
  const saved = await db
    .insertInto('protection_order_ends')
    .values(row)
    .onConflict(oc => oc.column('order_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return saved !== undefined
}

/** The person's events (convictions) with their main offence, for linking a hospital order to its offences. */
export async function events(db: Executor, personId: number) {
  return db
    .selectFrom('events as e')
    .leftJoin('offences as o', join => join.onRef('o.event_id', '=', 'e.id').on('o.is_main', '=', true))
    .select(['e.id', 'e.event_number', 'e.conviction_date', 'o.offence_code', 'o.description'])
    .where('e.person_id', '=', personId)
    .orderBy('e.event_number', 'desc')
    .execute()
}

export async function isEventOf(db: Executor, personId: number, eventId: number): Promise<boolean> {
  const row = await db
    .selectFrom('events')
    .select('id')
    .where('person_id', '=', personId)
    .where('id', '=', eventId)
    .executeTakeFirst()
  return row !== undefined
}

/** Every level decision, the latest first, with who made it. */
export async function reviews(db: Executor, personId: number) {
  return db
    .selectFrom('mappa_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.recorded_by')
    .select([
      'r.id',
      'r.category',
      'r.level',
      'r.reason',
      'r.reviewed_on',
      'r.next_review_date',
      'r.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('r.person_id', '=', personId)
    .orderBy('r.id', 'desc')
    .execute()
}
export type ReviewRow = Awaited<ReturnType<typeof reviews>>[number]

export async function insertReview(db: Executor, row: Insertable<MappaReviewsTable>): Promise<number> {
  const { id } = await db.insertInto('mappa_reviews').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** The person's active MAPP registrations (normally one), the newest first. */
export async function activeMappRegistrations(db: Executor, personId: number) {
  return db
    .selectFrom('registrations')
    .select(['id', 'mappa_category', 'mappa_level', 'registered_date', 'next_review_date', 'version'])
    .where('person_id', '=', personId)
    .where('type_code', '=', MAPP)
    .where('deregistered_date', 'is', null)
    .orderBy('registered_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
export type MappRegistrationRow = Awaited<ReturnType<typeof activeMappRegistrations>>[number]

export async function insertRegistration(db: Executor, row: Insertable<RegistrationsTable>): Promise<number> {
  const { id } = await db.insertInto('registrations').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Deregisters a MAPP registration replaced by a new category or level: false when it had changed meanwhile. */
export async function deregister(
  db: Executor,
  id: number,
  version: number,
  values: { date: IsoDate; reason: string; userId: number | null; at: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('registrations')
    .set({
      deregistered_date: values.date,
      deregistration_reason: values.reason,
      deregistered_by: values.userId,
      deregistered_at: values.at,
      version: version + 1,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deregistered_date', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Moves the registration's next review to the one a review set (the review itself is kept in `mappa_reviews`). */
export async function setRegistrationReview(db: Executor, id: number, version: number, next: IsoDate) {
  const result = await db
    .updateTable('registrations')
    .set({ next_review_date: next, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deregistered_date', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** MAPP meetings, the latest first (the minutes' text is in the contact, read only for the page). */
export async function meetings(db: Executor, personId: number) {
  return db
    .selectFrom('mapp_meetings as m')
    .leftJoin('users as u', 'u.id', 'm.recorded_by')
    .leftJoin('contacts as c', 'c.id', 'm.minutes_contact_id')
    .select([
      'm.id',
      'm.meeting_date',
      'm.level',
      'm.agencies',
      'm.other_agency',
      'm.minutes_contact_id',
      'c.notes as minutes',
      'm.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('m.person_id', '=', personId)
    .orderBy('m.meeting_date', 'desc')
    .orderBy('m.id', 'desc')
    .execute()
}
export type MeetingRow = Awaited<ReturnType<typeof meetings>>[number]

export async function findMeeting(db: Executor, personId: number, id: number) {
  return db
    .selectFrom('mapp_meetings')
    .select(['id', 'meeting_date'])
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertMeeting(db: Executor, row: Insertable<MappMeetingsTable>): Promise<number> {
  const { id } = await db.insertInto('mapp_meetings').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** The minutes of a meeting: a sensitive contact of type MAPPA on the person's record. */
export async function insertContact(db: Executor, row: Insertable<ContactsTable>): Promise<number> {
  const { id } = await db.insertInto('contacts').values(row).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** Risk management actions with their owner and completion, by due date. */
export async function actions(db: Executor, personId: number) {
  return db
    .selectFrom('mappa_actions as a')
    .leftJoin('staff as s', 's.id', 'a.owner_staff_id')
    .leftJoin('mappa_action_completions as c', 'c.action_id', 'a.id')
    .select([
      'a.id',
      'a.meeting_id',
      'a.description',
      'a.owner_agency',
      'a.owner_staff_id',
      's.forename as owner_forename',
      's.surname as owner_surname',
      'a.due_date',
      'a.created_at',
      'c.done_on',
      'c.notes as done_notes',
    ])
    .where('a.person_id', '=', personId)
    .orderBy('a.due_date')
    .orderBy('a.id')
    .execute()
}
export type ActionRow = Awaited<ReturnType<typeof actions>>[number]

export async function findAction(db: Executor, personId: number, id: number) {
  return db
    .selectFrom('mappa_actions as a')
    .leftJoin('mappa_action_completions as c', 'c.action_id', 'a.id')
    .select(['a.id', 'a.created_at', 'c.id as completion_id'])
    .where('a.person_id', '=', personId)
    .where('a.id', '=', id)
    .executeTakeFirst()
}

export async function insertActions(db: Executor, rows: Insertable<MappaActionsTable>[]): Promise<number[]> {
  if (rows.length === 0) return []
  const saved = await db.insertInto('mappa_actions').values(rows).returning('id').execute()
  return saved.map(r => Number(r.id))
}

/** Marks an action done once: false when it was already done. */
export async function insertCompletion(db: Executor, row: Insertable<MappaActionCompletionsTable>): Promise<boolean> {
  const saved = await db
    .insertInto('mappa_action_completions')
    .values(row)
    .onConflict(oc => oc.column('action_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return saved !== undefined
}

/** The active staff of the provider in these teams, by name: the owners offered for an action. */
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

export async function isActiveStaff(db: Executor, staffId: number): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('id', '=', staffId)
    .where('active', '=', true)
    .executeTakeFirst()
  return row !== undefined
}

/** Who a nominal list covers: the delivery unit's cases (by managing team), or a whole provider's. */
export type ListScope = { kind: 'pdu'; deliveryUnitId: number } | { kind: 'provider'; providerId: number }

/** The user's team's delivery unit, with its name. */
export async function deliveryUnitOfTeam(db: Executor, teamId: number) {
  return db
    .selectFrom('teams')
    .innerJoin('delivery_units as du', 'du.id', 'teams.delivery_unit_id')
    .select(['du.id', 'du.name'])
    .where('teams.id', '=', teamId)
    .executeTakeFirst()
}

export async function providerName(db: Executor, providerId: number) {
  const row = await db.selectFrom('providers').select('name').where('id', '=', providerId).executeTakeFirst()
  return row?.name ?? null
}

/**
 * People in scope with an active MAPP registration (the latest of each), their manager and their latest MAPP
 * meeting. At most 2000: a delivery unit's MAPPA nominal list is far shorter.
 *
 * Performance (issue 21): a delivery unit's list reads the unit's people by team and looks up each one's latest
 * registration (≈ 2,000 index probes, 5 ms at a million people) rather than every active MAPP registration in the
 * country (10,000, 40 ms); a provider's list, which may be most of the country, starts from the registrations.
 */
export async function mappaPeopleInScope(db: Executor, scope: ListScope) {
  const columns = [
    'people.id',
    'people.crn',
    'people.forename',
    'people.surname',
    'r.mappa_category',
    'r.mappa_level',
    'r.next_review_date',
    'teams.name as team_name',
    sql<string | null>`staff.forename || ' ' || staff.surname`.as('manager_name'),
  ] as const
  if (scope.kind === 'pdu')
    return db
      .selectFrom('people')
      .innerJoinLateral(
        eb =>
          eb
            .selectFrom('registrations as r')
            .select(['r.mappa_category', 'r.mappa_level', 'r.next_review_date'])
            .whereRef('r.person_id', '=', 'people.id')
            .where('r.type_code', '=', MAPP)
            .where('r.deregistered_date', 'is', null)
            .orderBy('r.registered_date', 'desc')
            .orderBy('r.id', 'desc')
            .limit(1)
            .as('r'),
        join => join.onTrue(),
      )
      .leftJoin('teams', 'teams.id', 'people.managing_team_id')
      .leftJoin('staff', 'staff.id', 'people.managing_staff_id')
      .select(columns)
      .where('people.deleted_at', 'is', null)
      .where('people.managing_team_id', 'in', eb =>
        eb.selectFrom('teams').select('teams.id').where('teams.delivery_unit_id', '=', scope.deliveryUnitId),
      )
      .limit(2000)
      .execute()
  return db
    .selectFrom('people')
    .innerJoin('registrations as r', 'r.person_id', 'people.id')
    .leftJoin('teams', 'teams.id', 'people.managing_team_id')
    .leftJoin('staff', 'staff.id', 'people.managing_staff_id')
    .distinctOn('people.id')
    .select(columns)
    .where('people.deleted_at', 'is', null)
    .where('r.type_code', '=', MAPP)
    .where('r.deregistered_date', 'is', null)
    .where('people.managing_provider_id', '=', scope.providerId)
    .orderBy('people.id')
    .orderBy('r.registered_date', 'desc')
    .orderBy('r.id', 'desc')
    .limit(2000)
    .execute()
}
export type NominalRow = Awaited<ReturnType<typeof mappaPeopleInScope>>[number]

/**
 * People in scope with no active MAPP registration who may be eligible: an open public protection fact, or a current
 * custodial sentence not certainly shorter than 12 months for one of `violentOrSexualCodes`. Their eligibility is
 * worked out from the record by the caller (mappaEligibility). At most 2000.
 */
export async function possiblyEligibleInScope(db: Executor, scope: ListScope, violentOrSexualCodes: readonly string[]) {
  let query = db
    .selectFrom('people')
    .leftJoin('teams', 'teams.id', 'people.managing_team_id')
    .leftJoin('staff', 'staff.id', 'people.managing_staff_id')
    .select([
      'people.id',
      'people.crn',
      'people.forename',
      'people.surname',
      'teams.name as team_name',
      sql<string | null>`staff.forename || ' ' || staff.surname`.as('manager_name'),
    ])
    .where('people.deleted_at', 'is', null)
    .where(eb =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('registrations as r')
            .select('r.id')
            .whereRef('r.person_id', '=', 'people.id')
            .where('r.type_code', '=', MAPP)
            .where('r.deregistered_date', 'is', null),
        ),
      ),
    )
    .where(eb =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('protection_orders as p')
            .leftJoin('protection_order_ends as e', 'e.order_id', 'p.id')
            .select('p.id')
            .whereRef('p.person_id', '=', 'people.id')
            .where('e.id', 'is', null),
        ),
        eb.exists(
          eb
            .selectFrom('sentences as s')
            .select('s.id')
            .whereRef('s.person_id', '=', 'people.id')
            .where('s.sentence_type', '=', 'custodial')
            .where('s.terminated_date', 'is', null)
            // A pre-filter only, wider than the rule (isQualifyingCustody): leaves out terms certainly under 12 months
            // and sentences with no violent or sexual offence.
            .where(
              sql<boolean>`not ((s.length_unit = 'days' and s.length_value < 365)
                or (s.length_unit = 'weeks' and s.length_value < 52)
                or (s.length_unit = 'months' and s.length_value < 12)
                or (s.length_unit = 'years' and s.length_value < 1))
              and exists (select 1 from offences o where o.event_id = s.event_id
                and o.offence_code = any(${[...violentOrSexualCodes]}::text[]))`,
            ),
        ),
      ]),
    )
  query =
    scope.kind === 'pdu'
      ? query.where('teams.delivery_unit_id', '=', scope.deliveryUnitId)
      : query.where('people.managing_provider_id', '=', scope.providerId)
  return query.orderBy('people.surname').orderBy('people.forename').orderBy('people.id').limit(2000).execute()
}
