import type { Executor } from '../../../access/person-access.ts'
import type { UpwCommitmentsTable } from '../../../db/schema.ts'
import type { Insertable } from 'kysely'

/**
 * A person's unpaid work orders' SQL (issue 17 item 4): their unpaid work requirements (not terminated) with the
 * sentence, the attendance records (every version: the rule keeps the current ones), the sessions they are allocated
 * to, when the case was allocated to a practitioner (the 7-working-day clock's start), and their commitments.
 * Executor first; `people` ids may be many (the team's list of orders at risk).
 */

/** The unpaid work requirements not terminated, of these people, with their sentence. */
export async function upwRequirementsOf(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('requirements as r')
    .innerJoin('sentences as s', 's.id', 'r.sentence_id')
    .select([
      'r.id',
      'r.person_id',
      'r.sentence_id',
      'r.length',
      'r.unit',
      'r.start_date',
      's.event_id',
      's.sentence_date',
      's.sentence_type',
    ])
    .where('r.person_id', 'in', personIds)
    .where('r.category', '=', 'unpaid_work')
    .where('r.terminated_date', 'is', null)
    .where('s.terminated_date', 'is', null)
    .orderBy('s.sentence_date')
    .orderBy('r.id')
    .execute()
}
export type UpwRequirementRow = Awaited<ReturnType<typeof upwRequirementsOf>>[number]

/** Every attendance record on these requirements (corrections and the records they replace), oldest session first. */
export async function attendancesOn(db: Executor, requirementIds: readonly number[]) {
  if (requirementIds.length === 0) return []
  return db
    .selectFrom('upw_attendances as a')
    .innerJoin('upw_sessions as s', 's.id', 'a.session_id')
    .innerJoin('upw_projects as p', 'p.id', 's.project_id')
    .select([
      'a.id',
      'a.replaces_id',
      'a.requirement_id',
      'a.allocation_id',
      'a.outcome',
      'a.minutes_credited',
      'a.ete',
      'a.recorded_at',
      's.session_date',
      's.start_time',
      's.end_time',
      'p.name as project_name',
    ])
    .where('a.requirement_id', 'in', requirementIds)
    .orderBy('s.session_date')
    .orderBy('s.start_time')
    .orderBy('a.id')
    .execute()
}
export type AttendanceRow = Awaited<ReturnType<typeof attendancesOn>>[number]

/** The sessions these requirements are allocated to (not removed), with the project. */
export async function allocationsOn(db: Executor, requirementIds: readonly number[]) {
  if (requirementIds.length === 0) return []
  return db
    .selectFrom('upw_allocations as l')
    .innerJoin('upw_sessions as s', 's.id', 'l.session_id')
    .innerJoin('upw_projects as p', 'p.id', 's.project_id')
    .select([
      'l.id',
      'l.requirement_id',
      'l.created_at',
      'l.ete',
      's.id as session_id',
      's.session_date',
      's.start_time',
      's.end_time',
      's.stood_down_at',
      'p.name as project_name',
    ])
    .where('l.requirement_id', 'in', requirementIds)
    .where('l.removed_at', 'is', null)
    .orderBy('s.session_date')
    .orderBy('s.start_time')
    .execute()
}
export type AllocationRow = Awaited<ReturnType<typeof allocationsOn>>[number]

/** The first time an unpaid work session was arranged for each requirement (removed allocations count: it was). */
export async function firstArrangedOn(db: Executor, requirementIds: readonly number[]) {
  if (requirementIds.length === 0) return []
  return db
    .selectFrom('upw_allocations')
    .select(['requirement_id', eb => eb.fn.min('created_at').as('first_at')])
    .where('requirement_id', 'in', requirementIds)
    .groupBy('requirement_id')
    .execute()
}

/** The allocations of these people's cases to a practitioner (the allocation records), oldest first. */
export async function caseAllocationsOf(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('allocations')
    .select(['person_id', 'event_id', 'allocated_at'])
    .where('person_id', 'in', personIds)
    .orderBy('allocated_at')
    .execute()
}

/** The periods of case management of these people (a case manager's start, and end when it ended), oldest first. */
export async function caseManagersOf(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('case_managers')
    .select(['person_id', 'started_at', 'ended_at'])
    .where('person_id', 'in', personIds)
    .where('staff_id', 'is not', null)
    .orderBy('started_at')
    .execute()
}

export async function personNameOf(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .select(['crn', 'forename', 'surname'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
}

/** The person's commitments: current first (by day and time), then ended ones. */
export async function commitmentsOf(db: Executor, personId: number) {
  return db
    .selectFrom('upw_commitments as c')
    .leftJoin('users as u', 'u.id', 'c.created_by')
    .select([
      'c.id',
      'c.kind',
      'c.day_of_week',
      'c.start_time',
      'c.end_time',
      'c.notes',
      'c.created_at',
      'c.ended_at',
      'u.display_name as created_by_name',
    ])
    .where('c.person_id', '=', personId)
    .orderBy(eb => eb.case().when('c.ended_at', 'is', null).then(0).else(1).end())
    .orderBy('c.day_of_week')
    .orderBy('c.start_time')
    .orderBy('c.id')
    .execute()
}
export type CommitmentRow = Awaited<ReturnType<typeof commitmentsOf>>[number]

export async function insertCommitment(db: Executor, values: Insertable<UpwCommitmentsTable>) {
  const row = await db.insertInto('upw_commitments').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** Ends a current commitment of the person; the number of rows ended (0 when it was not theirs or already ended). */
export async function endCommitment(db: Executor, personId: number, id: number, endedAt: Date, endedBy: number | null) {
  const result = await db
    .updateTable('upw_commitments')
    .set({ ended_at: endedAt, ended_by: endedBy })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}
