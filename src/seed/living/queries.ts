import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type {
  ApOutOfServiceTable,
  BreachesTable,
  BreachStatusHistoryTable,
  ContactOutcomesTable,
  ContactsTable,
  EnforcementActionsTable,
  HearingsTable,
  PreSentenceReportsTable,
  RegistrationsTable,
  RoshAssessmentsTable,
} from '../../db/schema.ts'

/** The living demo region's statements (`src/seed/living`): lookups of the base demo, scenario rows, counts. */

/** A team's id by its code (the living region's marker is its Southam team). */
export async function findTeamId(db: Executor, code: string): Promise<number | undefined> {
  return (await db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirst())?.id
}

export async function idsByCode(
  db: Executor,
  table: 'providers' | 'delivery_units' | 'teams' | 'staff' | 'courts',
  codes: readonly string[],
): Promise<Map<string, number>> {
  const rows = await db.selectFrom(table).select(['id', 'code']).where('code', 'in', codes).execute()
  return new Map(rows.map(r => [r.code, r.id]))
}

export async function regionOfUnit(db: Executor, unitId: number): Promise<number> {
  const row = await db
    .selectFrom('delivery_units')
    .select('region_id')
    .where('id', '=', unitId)
    .executeTakeFirstOrThrow()
  return row.region_id
}

export async function userIdsByName(db: Executor, usernames: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.selectFrom('users').select(['id', 'username']).where('username', 'in', usernames).execute()
  return new Map(rows.map(r => [r.username, r.id]))
}

/**
 * People with a practitioner in the base demo, with their current event, sentence and main offence (none for one
 * awaiting sentence): what the living layer gives appointments and risk assessments to.
 */
export async function managedPeople(db: Executor) {
  return db
    .selectFrom('people as p')
    .leftJoin('sentences as s', join => join.onRef('s.person_id', '=', 'p.id').on('s.terminated_date', 'is', null))
    .leftJoin('offences as o', join => join.onRef('o.event_id', '=', 's.event_id').on('o.is_main', '=', true))
    .distinctOn('p.id')
    .select([
      'p.id',
      'p.crn',
      'p.date_of_birth as dateOfBirth',
      'p.case_status as caseStatus',
      'p.managing_staff_id as staffId',
      'p.managing_team_id as teamId',
      's.event_id as eventId',
      's.sentence_type as sentenceType',
      's.start_date as startDate',
      'o.offence_code as offenceCode',
    ])
    .where('p.managing_staff_id', 'is not', null)
    .where('p.deleted_at', 'is', null)
    .orderBy('p.id')
    .orderBy('s.sentence_date', 'desc')
    .orderBy('s.id', 'desc')
    .execute()
}
export type ManagedPerson = Awaited<ReturnType<typeof managedPeople>>[number]

/** Moves a person's current (unterminated) sentence, its requirements and its conviction to a new date. */
export async function moveCurrentSentence(db: Executor, personId: number, date: string): Promise<void> {
  const sentences = await db
    .updateTable('sentences')
    .set({ sentence_date: date, start_date: date })
    .where('person_id', '=', personId)
    .where('terminated_date', 'is', null)
    .returning(['id', 'event_id'])
    .execute()
  for (const s of sentences) {
    await db.updateTable('requirements').set({ start_date: date }).where('sentence_id', '=', s.id).execute()
    await db
      .updateTable('events')
      .set({ conviction_date: date, referral_date: date })
      .where('id', '=', s.event_id)
      .execute()
  }
}

export async function insertContact(db: Executor, row: Insertable<ContactsTable>): Promise<number> {
  return (await db.insertInto('contacts').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertContactOutcome(db: Executor, row: Insertable<ContactOutcomesTable>): Promise<void> {
  await db.insertInto('contact_outcomes').values(row).execute()
}

export async function insertAction(db: Executor, row: Insertable<EnforcementActionsTable>): Promise<number> {
  return (await db.insertInto('enforcement_actions').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertBreach(db: Executor, row: Insertable<BreachesTable>): Promise<number> {
  return (await db.insertInto('breaches').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertBreachHistory(db: Executor, rows: Insertable<BreachStatusHistoryTable>[]): Promise<void> {
  await db.insertInto('breach_status_history').values(rows).execute()
}

export async function insertHearing(db: Executor, row: Insertable<HearingsTable>): Promise<number> {
  return (await db.insertInto('hearings').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertReport(db: Executor, row: Insertable<PreSentenceReportsTable>): Promise<number> {
  return (await db.insertInto('pre_sentence_reports').values(row).returning('id').executeTakeFirstOrThrow()).id
}

export async function insertRegistration(db: Executor, row: Insertable<RegistrationsTable>): Promise<void> {
  await db.insertInto('registrations').values(row).execute()
}

export async function insertRosh(db: Executor, row: Insertable<RoshAssessmentsTable>): Promise<void> {
  await db.insertInto('rosh_assessments').values(row).execute()
}

/** A person's identifying details, for listing them on a court list. */
export async function listedDetails(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('people as p')
    .leftJoin('events as e', join => join.onRef('e.person_id', '=', 'p.id').on('e.status', '=', 'pre_sentence'))
    .leftJoin('offences as o', join => join.onRef('o.event_id', '=', 'e.id').on('o.is_main', '=', true))
    .select([
      'p.id',
      'p.crn',
      'p.forename',
      'p.surname',
      'p.date_of_birth as dateOfBirth',
      'p.pnc',
      'p.case_status as caseStatus',
      'e.id as eventId',
      'o.offence_code as offenceCode',
    ])
    .where('p.id', 'in', personIds)
    .orderBy('p.id')
    .execute()
}

/** Appointments of a practitioner between two instants (optionally only those with no outcome). */
export async function countAppointments(
  db: Executor,
  staffId: number,
  range: { from?: Date; to: Date; needingOutcome?: boolean },
): Promise<number> {
  let q = db
    .selectFrom('contacts')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('staff_id', '=', staffId)
    .where('is_appointment', '=', true)
    .where('deleted_at', 'is', null)
    .where('starts_at', '<', range.to)
  if (range.from) q = q.where('starts_at', '>=', range.from)
  if (range.needingOutcome) q = q.where('outcome', 'is', null)
  return Number((await q.executeTakeFirstOrThrow()).n)
}

export async function countCaseload(db: Executor, staffId: number): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('managing_staff_id', '=', staffId)
    .where('deleted_at', 'is', null)
    .where('case_status', '!=', 'ended')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function countHearingsOn(db: Executor, date: string): Promise<number> {
  const row = await db
    .selectFrom('hearings')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('hearing_date', '=', date)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function countReportsDueBy(db: Executor, date: string): Promise<number> {
  const row = await db
    .selectFrom('pre_sentence_reports')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('due_date', '<=', date)
    .where('status', 'in', ['requested', 'in_progress'])
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function countAwaitingAllocation(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('case_status', '=', 'awaiting_allocation')
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A person's CRN, date of birth and prison number, and their current custodial sentence (Through the Gate). */
export async function custodialCase(db: Executor, personId: number) {
  return db
    .selectFrom('people as p')
    .innerJoin('sentences as s', join =>
      join
        .onRef('s.person_id', '=', 'p.id')
        .on('s.sentence_type', '=', 'custodial')
        .on('s.terminated_date', 'is', null),
    )
    .select(['p.crn', 'p.date_of_birth as dateOfBirth', 'p.noms', 's.id as sentenceId', 's.event_id as eventId'])
    .where('p.id', '=', personId)
    .orderBy('s.id', 'desc')
    .executeTakeFirstOrThrow()
}

/** A sentence's version, which an amendment names (optimistic locking). */
export async function sentenceVersion(db: Executor, sentenceId: number): Promise<number> {
  return (await db.selectFrom('sentences').select('version').where('id', '=', sentenceId).executeTakeFirstOrThrow())
    .version
}

/** Moves the main offence of an event to a date (before its conviction, after a sentence has been moved). */
export async function moveMainOffence(db: Executor, eventId: number, date: string): Promise<void> {
  await db
    .updateTable('offences')
    .set({ offence_date: date })
    .where('event_id', '=', eventId)
    .where('is_main', '=', true)
    .execute()
}

/**
 * Withdraws a person's appointments from an instant on (the generator's, made before their sentence was moved), so
 * their first appointment after release is still to arrange.
 */
export async function withdrawAppointmentsFrom(
  db: Executor,
  personId: number,
  range: { from: Date; at: Date },
  reason: string,
): Promise<void> {
  await db
    .updateTable('contacts')
    .set({ deleted_at: range.at, deleted_reason: reason })
    .where('person_id', '=', personId)
    .where('is_appointment', '=', true)
    .where('deleted_at', 'is', null)
    .where('starts_at', '>=', range.from)
    .execute()
}

/** The CRNs of people with a licence (or variation) waiting for a senior's approval. */
export async function crnsAwaitingLicenceApproval(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('licence_versions as v')
    .innerJoin('people as p', 'p.id', 'v.person_id')
    .select('p.crn')
    .where('v.status', '=', 'submitted')
    .orderBy('p.crn')
    .execute()
  return rows.map(r => r.crn)
}

/**
 * The Victim Contact Scheme's numbers for the start-up guide: a victim liaison officer's victims and open tasks, the
 * victims with no officer yet, and the MAPPA reviews overdue (active MAPP registrations whose review date has passed).
 */
export async function protectionCounts(db: Executor, officerUserId: number, today: string) {
  const row = await sql<{
    mine: string | number
    unassigned: string | number
    tasks: string | number
    reviews: string | number
  }>`
    with officers as (
      select v.id, (select a.officer_user_id from victim_officer_assignments a where a.victim_id = v.id
        order by a.id desc limit 1) as officer
      from victims v
    )
    select
      (select count(*) from officers where officer = ${officerUserId}) as mine,
      (select count(*) from officers where officer is null) as unassigned,
      (select count(*) from victim_tasks t join officers o on o.id = t.victim_id
        where o.officer = ${officerUserId}
          and not exists (select 1 from victim_task_completions c where c.task_id = t.id)) as tasks,
      (select count(*) from registrations r where r.type_code = 'MAPP' and r.deregistered_date is null
        and r.next_review_date < ${today}) as reviews`.execute(db)
  const r = row.rows[0]!
  return { mine: Number(r.mine), unassigned: Number(r.unassigned), tasks: Number(r.tasks), reviews: Number(r.reviews) }
}

/** Beds of the demo's approved premises by code. */
export async function apBedsByCode(db: Executor) {
  const rows = await db.selectFrom('ap_beds').select(['id', 'code']).execute()
  return new Map(rows.map(r => [r.code, r.id]))
}

/** People of the public provider's base demo with no limited access, by gender, to book into approved premises. */
export async function bookablePeople(db: Executor, gender: 'male' | 'female', providerCode: string) {
  return db
    .selectFrom('people as p')
    .innerJoin('providers as v', 'v.id', 'p.managing_provider_id')
    .select(['p.id'])
    .where('v.code', '=', providerCode)
    .where('p.gender', '=', gender)
    .where('p.deleted_at', 'is', null)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('access_limitations as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))),
    )
    .orderBy('p.id')
    .limit(3)
    .execute()
}

export async function insertApOutOfService(db: Executor, row: Insertable<ApOutOfServiceTable>): Promise<void> {
  await db.insertInto('ap_out_of_service').values(row).execute()
}

/** A booking made by the seed, with its 'made' history row. */
export async function insertApBooking(
  db: Executor,
  row: { person_id: number; bed_id: number; arrival_date: string; departure_date: string },
): Promise<number> {
  const { id } = await db.insertInto('ap_bookings').values(row).returning('id').executeTakeFirstOrThrow()
  await db
    .insertInto('ap_booking_events')
    .values({
      booking_id: id,
      kind: 'made',
      bed_id: row.bed_id,
      arrival_date: row.arrival_date,
      departure_date: row.departure_date,
    })
    .execute()
  return id
}

/** A premises' id by its code (Northtown House is NTAP). */
export async function apPremisesId(db: Executor, code: string): Promise<number | undefined> {
  return (await db.selectFrom('approved_premises').select('id').where('code', '=', code).executeTakeFirst())?.id
}

/** A person's CRN, male or not, without limited access: who the seed may apply for. */
export async function applicantOf(db: Executor, personId: number) {
  return db
    .selectFrom('people as p')
    .select(['p.crn', 'p.gender'])
    .where('p.id', '=', personId)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('access_limitations as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))),
    )
    .executeTakeFirst()
}

// ---- Unpaid work (issue 17; src/seed/living/unpaid-work.ts)

/**
 * The public provider's people who may be placed on unpaid work: an unpaid work requirement in force, allocated, no
 * limited access, no breach or enforcement action yet, none of `reserved` (other demo journeys' CRNs); with their case manager's staff code. The living
 * region's (X5…) first, so the base demo's stay free for the browser journeys.
 */
export async function unpaidWorkCandidates(db: Executor, reserved: readonly string[]) {
  return db
    .selectFrom('people as p')
    .innerJoin('providers as v', 'v.id', 'p.managing_provider_id')
    .leftJoin('staff as s', 's.id', 'p.managing_staff_id')
    .select(['p.crn', 's.code as staffCode'])
    .where('v.code', '=', 'PS')
    .where('p.deleted_at', 'is', null)
    .where('p.case_status', '=', 'allocated')
    .where('p.crn', 'not in', [...reserved, ''])
    .where(eb =>
      eb.exists(
        eb
          .selectFrom('requirements as r')
          .innerJoin('sentences as z', 'z.id', 'r.sentence_id')
          .select('r.id')
          .whereRef('r.person_id', '=', 'p.id')
          .where('r.category', '=', 'unpaid_work')
          .where('r.terminated_date', 'is', null)
          .where('z.terminated_date', 'is', null),
      ),
    )
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('access_limitations as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))),
    )
    .where(eb => eb.not(eb.exists(eb.selectFrom('breaches as b').select('b.id').whereRef('b.person_id', '=', 'p.id'))))
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('enforcement_actions as e').select('e.id').whereRef('e.person_id', '=', 'p.id'))),
    )
    .orderBy('p.crn', 'desc')
    .execute()
}

/** Today's sessions `supervisorId` supervises, with how many people are allocated to each. */
export async function supervisedSessionsOn(db: Executor, supervisorId: number, day: string) {
  return db
    .selectFrom('upw_sessions as s')
    .innerJoin('upw_projects as p', 'p.id', 's.project_id')
    .select(['s.id', 'p.name'])
    .select(eb =>
      eb
        .selectFrom('upw_allocations as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.session_id', '=', 's.id')
        .where('a.removed_at', 'is', null)
        .as('allocated'),
    )
    .where('s.supervisor_user_id', '=', supervisorId)
    .where('s.session_date', '=', day)
    .where('s.stood_down_at', 'is', null)
    .orderBy('s.start_time')
    .execute()
}

/** When each of a provider's nominations still to acknowledge was sent. */
export async function nominationsToAcknowledge(db: Executor, providerCode: string) {
  return db
    .selectFrom('cp_nominations as n')
    .innerJoin('providers as v', 'v.id', 'n.provider_id')
    .select('n.submitted_at')
    .where('v.code', '=', providerCode)
    .where('n.acknowledged_at', 'is', null)
    .where('n.status', '=', 'received')
    .execute()
}

/**
 * Issue 18's demo referrals: PS cases managed by `staffCode` with a rehabilitation activity requirement in force and
 * a RoSH summary, without access limitations, never a reserved CRN; oldest CRN first.
 */
export async function referralCandidates(db: Executor, staffCode: string, reserved: readonly string[]) {
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('staff as s', 's.id', 'p.managing_staff_id')
    .select('p.crn')
    .where('s.code', '=', staffCode)
    .where('p.deleted_at', 'is', null)
    .where('p.crn', 'not in', [...reserved, ''])
    .where(eb =>
      eb.exists(
        eb
          .selectFrom('requirements as r')
          .innerJoin('sentences as z', 'z.id', 'r.sentence_id')
          .select('r.id')
          .whereRef('r.person_id', '=', 'p.id')
          .where('r.category', '=', 'rehabilitation_activity')
          .where('r.terminated_date', 'is', null)
          .where('z.terminated_date', 'is', null),
      ),
    )
    .where(eb => eb.exists(eb.selectFrom('rosh_assessments as a').select('a.id').whereRef('a.person_id', '=', 'p.id')))
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('access_limitations as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))),
    )
    .orderBy('p.crn')
    .execute()
  return rows.map(r => r.crn)
}

/** A partner service's id by name (the demo directory's). */
export async function partnerServiceId(db: Executor, name: string): Promise<number | undefined> {
  const row = await db.selectFrom('partner_services').select('id').where('name', '=', name).executeTakeFirst()
  return row ? Number(row.id) : undefined
}
