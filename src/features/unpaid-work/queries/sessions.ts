import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { UpwAttendancesTable, UpwSessionsTable } from '../../../db/schema.ts'

/**
 * Unpaid work sessions' SQL (issue 17 items 2–4): sessions, the register (allocations and what was recorded), and
 * the facts allocation is judged on (requirements, ETE minutes, commitments, risk, licence exclusion zones).
 */

export async function insertSession(db: Executor, values: Insertable<UpwSessionsTable>): Promise<number> {
  return (await db.insertInto('upw_sessions').values(values).returning('id').executeTakeFirstOrThrow()).id
}

/** A session with its project's name, provider, kind, risk and travel facts. */
export async function findSession(db: Executor, id: number) {
  return db
    .selectFrom('upw_sessions as s')
    .innerJoin('upw_projects as p', 'p.id', 's.project_id')
    .leftJoin('users as u', 'u.id', 's.supervisor_user_id')
    .select([
      's.id',
      's.project_id',
      's.provider_id',
      's.session_date',
      's.start_time',
      's.end_time',
      's.supervisor_user_id',
      's.capacity',
      's.pick_up_point',
      's.notes',
      's.stood_down_at',
      's.stood_down_reason',
      'u.display_name as supervisor',
      'p.name as project_name',
      'p.address',
      'p.postcode',
      'p.placement_kind',
      'p.public_contact',
      'p.children_present',
      'p.vulnerable_adults_present',
      'p.travel_time_credited',
      'p.nomination_id',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst()
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>

export async function lockSession(db: Executor, id: number) {
  await db.selectFrom('upw_sessions').select('id').where('id', '=', id).forUpdate().execute()
}

export async function standDownSession(db: Executor, id: number, reason: string, at: Date) {
  await db
    .updateTable('upw_sessions')
    .set(eb => ({ stood_down_at: at, stood_down_reason: reason, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

/** Whether the user supervises the project (a current project supervisor). */
export async function isProjectSupervisor(db: Executor, projectId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('upw_project_supervisors')
    .select('id')
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .executeTakeFirst()
  return row !== undefined
}

/** The session's current allocations with the person and the current record of each. */
export async function register(db: Executor, sessionId: number) {
  return db
    .selectFrom('upw_allocations as a')
    .innerJoin('people as pe', 'pe.id', 'a.person_id')
    .leftJoin('upw_attendances as t', join =>
      join
        .onRef('t.allocation_id', '=', 'a.id')
        .on(eb =>
          eb.not(
            eb.exists(
              eb.selectFrom('upw_attendances as later').select('later.id').whereRef('later.replaces_id', '=', 't.id'),
            ),
          ),
        ),
    )
    .select([
      'a.id',
      'a.person_id',
      'a.requirement_id',
      'a.contact_id',
      'a.ete',
      'pe.crn',
      'pe.forename',
      'pe.surname',
      't.id as attendance_id',
      't.outcome',
      't.minutes_credited',
    ])
    .where('a.session_id', '=', sessionId)
    .where('a.removed_at', 'is', null)
    .orderBy('pe.surname')
    .orderBy('pe.forename')
    .orderBy('a.id')
    .execute()
}
export type RegisterRow = Awaited<ReturnType<typeof register>>[number]

export async function findAllocation(db: Executor, sessionId: number, allocationId: number) {
  return db
    .selectFrom('upw_allocations as a')
    .innerJoin('people as pe', 'pe.id', 'a.person_id')
    .select([
      'a.id',
      'a.session_id',
      'a.person_id',
      'a.requirement_id',
      'a.contact_id',
      'a.ete',
      'a.removed_at',
      'pe.crn',
    ])
    .where('a.session_id', '=', sessionId)
    .where('a.id', '=', allocationId)
    .executeTakeFirst()
}
export type AllocationRow = NonNullable<Awaited<ReturnType<typeof findAllocation>>>

export async function countAllocated(db: Executor, sessionId: number): Promise<number> {
  const row = await db
    .selectFrom('upw_allocations')
    .select(eb => eb.fn.countAll<string | number>().as('n'))
    .where('session_id', '=', sessionId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** How many current allocations the person has to sessions (not stood down) on the date. */
export async function sessionsOnDate(db: Executor, personId: number, date: string): Promise<number> {
  const row = await db
    .selectFrom('upw_allocations as a')
    .innerJoin('upw_sessions as s', 's.id', 'a.session_id')
    .select(eb => eb.fn.countAll<string | number>().as('n'))
    .where('a.person_id', '=', personId)
    .where('a.removed_at', 'is', null)
    .where('s.session_date', '=', date)
    .where('s.stood_down_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The person's unpaid work requirements not terminated, with the hours ordered. */
export async function upwRequirements(db: Executor, personId: number) {
  return db
    .selectFrom('requirements as r')
    .innerJoin('sentences as s', 's.id', 'r.sentence_id')
    .select(['r.id', 'r.length', 'r.unit', 'r.start_date', 's.sentence_date'])
    .where('r.person_id', '=', personId)
    .where('r.category', '=', 'unpaid_work')
    .where('r.terminated_date', 'is', null)
    .where('s.terminated_date', 'is', null)
    .orderBy('s.sentence_date', 'desc')
    .orderBy('r.id')
    .execute()
}

/** The ETE minutes credited to the requirement by the current records. */
export async function eteMinutesCredited(db: Executor, requirementId: number): Promise<number> {
  const row = await db
    .selectFrom('upw_attendances as t')
    .select(sql<string | number>`coalesce(sum(t.minutes_credited), 0)`.as('n'))
    .where('t.requirement_id', '=', requirementId)
    .where('t.ete', '=', true)
    .where(eb =>
      eb.not(
        eb.exists(
          eb.selectFrom('upw_attendances as later').select('later.id').whereRef('later.replaces_id', '=', 't.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The person's commitments not ended. */
export async function commitmentsOf(db: Executor, personId: number) {
  return db
    .selectFrom('upw_commitments')
    .select(['kind', 'day_of_week', 'start_time', 'end_time'])
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .execute()
}

/** The person's active registration codes and their latest RoSH to the public. */
export async function riskFacts(db: Executor, personId: number) {
  const [registrations, rosh] = await Promise.all([
    db
      .selectFrom('registrations')
      .select('type_code')
      .where('person_id', '=', personId)
      .where('deregistered_date', 'is', null)
      .execute(),
    db
      .selectFrom('rosh_assessments')
      .select('public_level')
      .where('person_id', '=', personId)
      .orderBy('assessment_date', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
  ])
  return { registrations: registrations.map(r => r.type_code), roshPublic: rosh?.public_level ?? null }
}

/** The conditions of the person's latest approved licence version (JSON), or null. */
export async function approvedLicenceConditions(db: Executor, personId: number): Promise<unknown> {
  const row = await db
    .selectFrom('licence_versions')
    .select('conditions')
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.conditions ?? null
}

export async function insertAllocation(
  db: Executor,
  values: { session_id: number; person_id: number; requirement_id: number; ete: boolean; created_by: number | null },
): Promise<number> {
  return (await db.insertInto('upw_allocations').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function setAllocationContact(db: Executor, allocationId: number, contactId: number) {
  await db.updateTable('upw_allocations').set({ contact_id: contactId }).where('id', '=', allocationId).execute()
}

export async function removeAllocation(db: Executor, id: number, reason: string, by: number | null, at: Date) {
  await db
    .updateTable('upw_allocations')
    .set({ removed_at: at, removed_by: by, removed_reason: reason })
    .where('id', '=', id)
    .execute()
}

/** Withdraws the appointment an allocation booked (kept, marked deleted with the reason). */
export async function withdrawAppointment(db: Executor, contactId: number, reason: string, at: Date) {
  await db
    .updateTable('contacts')
    .set(eb => ({ deleted_at: at, deleted_reason: reason, version: eb('version', '+', 1) }))
    .where('id', '=', contactId)
    .where('outcome', 'is', null)
    .execute()
}

/** The allocation's current record (the one no later record replaces), if any. */
export async function currentAttendance(db: Executor, allocationId: number) {
  return db
    .selectFrom('upw_attendances as t')
    .selectAll('t')
    .where('t.allocation_id', '=', allocationId)
    .where(eb =>
      eb.not(
        eb.exists(
          eb.selectFrom('upw_attendances as later').select('later.id').whereRef('later.replaces_id', '=', 't.id'),
        ),
      ),
    )
    .orderBy('t.id', 'desc')
    .executeTakeFirst()
}

export async function insertAttendance(db: Executor, values: Insertable<UpwAttendancesTable>): Promise<number> {
  return (await db.insertInto('upw_attendances').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function personName(db: Executor, personId: number) {
  return db.selectFrom('people').select(['forename', 'surname']).where('id', '=', personId).executeTakeFirstOrThrow()
}

/** The times of the requirement's ETE sessions allocated and not yet recorded (nor stood down). */
export async function pendingEteSessions(db: Executor, requirementId: number) {
  return db
    .selectFrom('upw_allocations as a')
    .innerJoin('upw_sessions as s', 's.id', 'a.session_id')
    .select(['s.start_time', 's.end_time'])
    .where('a.requirement_id', '=', requirementId)
    .where('a.ete', '=', true)
    .where('a.removed_at', 'is', null)
    .where('s.stood_down_at', 'is', null)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('upw_attendances as t').select('t.id').whereRef('t.allocation_id', '=', 'a.id'))),
    )
    .execute()
}
