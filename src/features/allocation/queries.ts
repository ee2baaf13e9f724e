import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import { londonDate } from '../../clock.ts'
import type { AllocationsTable, CaseStatus, RoshLevelColumn } from '../../db/schema.ts'
import { NO_FACTS, type AllocationFacts, type ConflictResolution } from '../../domain/allocation/index.ts'
import { listStaff as listStaffDirectory, type StaffRow } from '../admin/index.ts'

/** Kysely functions for allocation: executor first, rows in and out, no business rules. */

const ROSH_FLAG_LEVEL: Record<string, RoshLevelColumn> = {
  RVHR: 'very_high',
  RHRH: 'high',
  RMRH: 'medium',
  RLRH: 'low',
}
const ROSH_FLAGS = Object.keys(ROSH_FLAG_LEVEL)
/** Statuses of a sentenced case still waiting for its first practitioner (a custodial case gets its COM too). */
export const UNALLOCATED_STATUSES: CaseStatus[] = ['awaiting_allocation', 'in_custody', 'on_licence']

/** The person as the allocation pages need them, by id (after `withPerson` found them by CRN). Soft-deleted records are not found. */
export async function findPerson(db: Executor, personId: number) {
  return db
    .selectFrom('people')
    .leftJoin('providers', 'providers.id', 'people.managing_provider_id')
    .leftJoin('teams', 'teams.id', 'people.managing_team_id')
    .leftJoin('staff', 'staff.id', 'people.managing_staff_id')
    .select([
      'people.id',
      'people.crn',
      'people.forename',
      'people.middle_names as middleNames',
      'people.surname',
      'people.date_of_birth as dateOfBirth',
      'people.case_status as caseStatus',
      'people.version',
      'people.managing_provider_id as providerId',
      'people.managing_team_id as teamId',
      'people.managing_staff_id as staffId',
      'providers.name as providerName',
      'providers.kind as providerKind',
      'teams.name as teamName',
      sql<string | null>`staff.forename || ' ' || staff.surname`.as('staffName'),
    ])
    .where('people.id', '=', personId)
    .where('people.deleted_at', 'is', null)
    .executeTakeFirst()
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>

/**
 * The current sentence of each person (the latest not terminated), with the court's delivery unit: what the
 * allocation clock runs from and which PDU's queue the case is in.
 */
export async function currentSentences(db: Executor, personIds: readonly number[]) {
  if (personIds.length === 0) return []
  return db
    .selectFrom('sentences as s')
    .innerJoin('events as e', 'e.id', 's.event_id')
    .leftJoin('courts as c', 'c.id', 'e.court_id')
    .distinctOn('s.person_id')
    .select([
      's.person_id as personId',
      's.id as sentenceId',
      's.event_id as eventId',
      's.sentence_type as sentenceType',
      's.sentence_date as sentenceDate',
      's.key_dates as keyDates',
      'c.name as courtName',
      'c.delivery_unit_id as courtDeliveryUnitId',
    ])
    .where('s.person_id', 'in', personIds)
    .where('s.terminated_date', 'is', null)
    .orderBy('s.person_id')
    .orderBy('s.sentence_date', 'desc')
    .orderBy('s.id', 'desc')
    .execute()
}
export type SentenceRow = Awaited<ReturnType<typeof currentSentences>>[number]

/**
 * Sentenced people nobody has been allocated to yet (or whose manager has no practitioner), by id. `scope` keeps one
 * delivery unit's or one team's (the team's own cases wherever sentenced, and its PDU's unteamed ones). The case's
 * `allocation_delivery_unit_id` (its current sentence's court's PDU, else its managing team's; kept by triggers)
 * says which PDU's queue it is in, so a queue reads only its own cases through the partial indexes on the candidate
 * condition below (the migration's, which must stay as written for the planner to use them).
 */
export async function unallocatedPeople(
  db: Executor,
  scope: { pduId?: number; team?: { id: number; pduId: number } } = {},
) {
  let query = db
    .selectFrom('people')
    .select([
      'people.id',
      'people.crn',
      'people.forename',
      'people.surname',
      'people.date_of_birth as dateOfBirth',
      'people.case_status as caseStatus',
      'people.managing_team_id as teamId',
    ])
    .where('people.deleted_at', 'is', null)
    // Literals, not parameters: a plan made without the values (a prepared statement's generic plan) still proves
    // the partial indexes' predicate.
    .where(eb =>
      eb.or([
        eb('people.case_status', '=', sql.lit('awaiting_allocation')),
        eb.and([
          eb('people.case_status', 'in', [sql.lit<CaseStatus>('in_custody'), sql.lit<CaseStatus>('on_licence')]),
          eb('people.managing_staff_id', 'is', null),
        ]),
      ]),
    )
  const { team, pduId } = scope
  if (team) {
    query = query.where(eb =>
      eb.or([
        eb('people.managing_team_id', '=', team.id),
        eb.and([eb('people.managing_team_id', 'is', null), eb('people.allocation_delivery_unit_id', '=', team.pduId)]),
      ]),
    )
  } else if (pduId !== undefined) query = query.where('people.allocation_delivery_unit_id', '=', pduId)
  return query.orderBy('people.id').execute()
}

/** The latest v2 tier of each person (the tier allocation and workload use). */
export async function latestTierV2(db: Executor, personIds: readonly number[]): Promise<Map<number, string>> {
  if (personIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('tier_calculations')
    .distinctOn('person_id')
    .select(['person_id', 'tier'])
    .where('person_id', 'in', personIds)
    .where('algorithm', 'like', 'tier-v2%')
    .orderBy('person_id')
    .orderBy('id', 'desc')
    .execute()
  return new Map(rows.map(r => [r.person_id, r.tier]))
}

/**
 * What the provider decision reads, for many people in a few queries: the latest RoSH assessment, active
 * registrations (RoSH flags, MAPPA, public interest), the latest RSR, an immigration circumstance recording liability
 * to deportation, and the latest senior's resolution of a RoSH conflict.
 */
export async function loadAllocationFacts(
  db: Executor,
  personIds: readonly number[],
  /** Their current sentences when the caller has read them already (the queue): one statement fewer. */
  knownSentences?: readonly SentenceRow[],
): Promise<Map<number, AllocationFacts>> {
  const result = new Map<number, AllocationFacts>()
  if (personIds.length === 0) return result
  const ids = [...new Set(personIds)]
  const [rosh, registrations, rsr, circumstances, resolutions, reports, sentences] = await Promise.all([
    latestRoshAssessments(db, ids),
    allocationRegistrations(db, ids),
    latestRsr(db, ids),
    deportationCircumstances(db, ids),
    latestResolutions(db, ids),
    completedReports(db, ids),
    knownSentences ?? currentSentences(db, ids),
  ])
  const of = (id: number) => {
    let f = result.get(id)
    if (!f) result.set(id, (f = noFacts()))
    return f
  }
  for (const id of ids) of(id)
  for (const r of rosh) of(r.person_id).roshAssessment = { level: r.overall_level, date: r.assessment_date }
  // Newest first: the first of each kind wins.
  for (const r of registrations) addRegistration(of(r.person_id), r)
  for (const r of rsr) of(r.person_id).rsr = { score: Number(r.score), date: r.calculated_on }
  for (const c of circumstances) of(c.person_id).liableToDeportation = { date: c.start_date }
  const currentEvent = new Map(sentences.map(x => [x.personId, x.eventId]))
  for (const id of ids) of(id).courtReport = courtReportOf(reports, id, currentEvent.get(id))
  for (const r of resolutions) of(r.person_id).resolution = resolutionOf(r)
  return result
}

/** The facts of a person with none recorded (a fresh object: `loadAllocationFacts` fills it in). */
const noFacts = (): AllocationFacts => ({ ...NO_FACTS })

/** One person's allocation facts (none recorded: every fact null). */
export async function allocationFactsOf(db: Executor, personId: number): Promise<AllocationFacts> {
  return (await loadAllocationFacts(db, [personId])).get(personId) ?? noFacts()
}

function latestRoshAssessments(db: Executor, ids: readonly number[]) {
  return db
    .selectFrom('rosh_assessments')
    .distinctOn('person_id')
    .select(['person_id', 'assessment_date', 'overall_level'])
    .where('person_id', 'in', ids)
    .orderBy('person_id')
    .orderBy('assessment_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Active RoSH flags, MAPPA and public-interest registrations, newest first. */
function allocationRegistrations(db: Executor, ids: readonly number[]) {
  return db
    .selectFrom('registrations')
    .select(['person_id', 'type_code', 'mappa_category', 'mappa_level', 'registered_date'])
    .where('person_id', 'in', ids)
    .where('deregistered_date', 'is', null)
    .where('type_code', 'in', [...ROSH_FLAGS, 'MAPP', 'RPIR'])
    .orderBy('registered_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
type RegistrationRow = Awaited<ReturnType<typeof allocationRegistrations>>[number]

/** Registrations come newest first: the first of each kind wins. */
function addRegistration(f: AllocationFacts, r: RegistrationRow) {
  const level = ROSH_FLAG_LEVEL[r.type_code]
  if (level && !f.roshRegistration) f.roshRegistration = { level, date: r.registered_date }
  if (r.type_code === 'MAPP' && !f.mappa)
    f.mappa = { category: r.mappa_category, level: r.mappa_level, date: r.registered_date }
  if (r.type_code === 'RPIR' && !f.publicInterest) f.publicInterest = { date: r.registered_date }
}

function latestRsr(db: Executor, ids: readonly number[]) {
  return db
    .selectFrom('risk_scores')
    .distinctOn('person_id')
    .select(['person_id', 'score', 'calculated_on'])
    .where('person_id', 'in', ids)
    .where('algorithm', '=', 'RSR')
    .where('score', 'is not', null)
    .orderBy('person_id')
    .orderBy('id', 'desc')
    .execute()
}

/** Open immigration circumstances recording liability to deportation. */
function deportationCircumstances(db: Executor, ids: readonly number[]) {
  return db
    .selectFrom('personal_circumstances')
    .select(['person_id', 'start_date'])
    .where('person_id', 'in', ids)
    .where('circumstance_type', '=', 'IMMIGRATION')
    .where('end_date', 'is', null)
    .where(eb => eb.or([eb('sub_type', 'ilike', '%deport%'), eb('notes', 'ilike', '%liable to deportation%')]))
    .execute()
}

/** Each person's latest senior's resolution of a RoSH conflict, with who made it. */
function latestResolutions(db: Executor, ids: readonly number[]) {
  return db
    .selectFrom('allocation_risk_resolutions as r')
    .leftJoin('users as u', 'u.id', 'r.resolved_by')
    .distinctOn('r.person_id')
    .select([
      'r.person_id',
      'r.conflict_key',
      'r.chosen_source',
      'r.rosh_level',
      'r.reason',
      'r.resolved_at',
      'u.display_name',
    ])
    .where('r.person_id', 'in', ids)
    .orderBy('r.person_id')
    .orderBy('r.id', 'desc')
    .execute()
}

function resolutionOf(r: Awaited<ReturnType<typeof latestResolutions>>[number]): ConflictResolution {
  return {
    conflictKey: r.conflict_key,
    chosen: r.chosen_source,
    level: r.rosh_level,
    reason: r.reason,
    resolvedBy: r.display_name ?? 'A senior',
    resolvedOn: londonDate(r.resolved_at).toString(),
  }
}

/** Completed pre-sentence reports, newest first. */
function completedReports(db: Executor, ids: readonly number[]) {
  return db
    .selectFrom('pre_sentence_reports')
    .select(['id', 'person_id', 'event_id', 'completed_at', 'rosh_level', 'proposed_provider'])
    .where('person_id', 'in', ids)
    .where('status', '=', 'completed')
    .orderBy('completed_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/**
 * The pre-sentence report: the latest completed one for the current sentence's event, else the latest completed one
 * not written for another conviction (a report on an older event says nothing about this sentence).
 */
function courtReportOf(
  reports: Awaited<ReturnType<typeof completedReports>>,
  personId: number,
  event: number | undefined,
): AllocationFacts['courtReport'] {
  const mine = reports.filter(r => r.person_id === personId)
  const report =
    (event !== undefined && mine.find(r => r.event_id === event)) ||
    mine.find(r => r.event_id === null || event === undefined)
  if (!report || !report.completed_at) return null
  return {
    roshLevel: report.rosh_level,
    proposedProvider: report.proposed_provider,
    date: londonDate(report.completed_at).toString(),
  }
}

/** Organisations for the pickers: every active PDU and team with its provider. */
export async function listTeams(db: Executor) {
  return db
    .selectFrom('teams')
    .innerJoin('delivery_units as du', 'du.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'du.region_id')
    .innerJoin('providers', 'providers.id', 'regions.provider_id')
    .select([
      'teams.id',
      'teams.code',
      'teams.name',
      'du.id as pduId',
      'du.code as pduCode',
      'du.name as pduName',
      'providers.id as providerId',
      'providers.name as providerName',
      'providers.kind as providerKind',
    ])
    .where('teams.active', '=', true)
    .where('du.active', '=', true)
    .orderBy('providers.name')
    .orderBy('du.name')
    .orderBy('teams.name')
    .execute()
}
export type TeamRow = Awaited<ReturnType<typeof listTeams>>[number]

/** Active staff of a team, or one member of staff, with their provider: the staff directory's one query. */
export function listStaff(db: Executor, where: { teamId?: number; staffId?: number }) {
  return listStaffDirectory(db, where.teamId !== undefined ? { ...where, activeOnly: true } : where)
}
export type { StaffRow }

/** Every open case of these practitioners, with its status (for the case type) and tier. */
export async function casesOf(db: Executor, staffIds: readonly number[]) {
  if (staffIds.length === 0) return []
  return db
    .selectFrom('people')
    .select(['id', 'managing_staff_id as staffId', 'case_status as caseStatus'])
    .where('managing_staff_id', 'in', staffIds)
    .where('deleted_at', 'is', null)
    .where('case_status', '!=', 'ended')
    .execute()
}

export async function caseloadOf(db: Executor, staffId: number) {
  return db
    .selectFrom('people')
    .leftJoin(
      eb =>
        eb
          .selectFrom('allocations')
          .distinctOn('person_id')
          .select([
            'person_id',
            'allocated_at',
            'induction_due_date',
            'induction_proposed_date',
            'induction_kind',
            'staff_id',
          ])
          .orderBy('person_id')
          .orderBy('id', 'desc')
          .as('a'),
      join => join.onRef('a.person_id', '=', 'people.id'),
    )
    .select([
      'people.id',
      'people.crn',
      'people.forename',
      'people.surname',
      'people.date_of_birth as dateOfBirth',
      'people.case_status as caseStatus',
      'a.allocated_at as allocatedAt',
      'a.staff_id as allocatedStaffId',
      'a.induction_due_date as inductionDueDate',
      'a.induction_proposed_date as inductionProposedDate',
      'a.induction_kind as inductionKind',
    ])
    .where('people.managing_staff_id', '=', staffId)
    .where('people.deleted_at', 'is', null)
    .orderBy('a.allocated_at', ob => ob.desc().nullsLast())
    .orderBy('people.surname')
    .execute()
}

/** The latest RoSH level of each person (assessment first, else RoSH flag), for lists. */
export async function latestRosh(db: Executor, personIds: readonly number[]): Promise<Map<number, RoshLevelColumn>> {
  const facts = await loadAllocationFacts(db, personIds)
  const result = new Map<number, RoshLevelColumn>()
  for (const [id, f] of facts) {
    const level = f.roshAssessment?.level ?? f.roshRegistration?.level
    if (level) result.set(id, level)
  }
  return result
}

/** Every manager the person has had (allocations, administrators' changes, the seed), newest first, with the allocation that started it. */
export async function allocationHistory(db: Executor, personId: number) {
  return db
    .selectFrom('case_managers as cm')
    .innerJoin('providers as p', 'p.id', 'cm.provider_id')
    .leftJoin('teams as t', 't.id', 'cm.team_id')
    .leftJoin('staff as s', 's.id', 'cm.staff_id')
    .leftJoin('users as u', 'u.id', 'cm.created_by')
    .leftJoin('allocations as a', 'a.case_manager_id', 'cm.id')
    .select([
      'cm.id',
      'cm.started_at as startedAt',
      'cm.ended_at as endedAt',
      'cm.reason',
      'p.name as providerName',
      'p.code as providerCode',
      't.name as teamName',
      't.code as teamCode',
      's.code as staffCode',
      sql<string | null>`s.forename || ' ' || s.surname`.as('staffName'),
      'u.display_name as by',
      'a.id as allocationId',
      'a.kind',
      'a.decision_outcome as decisionOutcome',
      'a.decision',
      'a.notes',
      'a.notes_sensitive as notesSensitive',
      'a.induction_due_date as inductionDueDate',
      'a.induction_proposed_date as inductionProposedDate',
    ])
    .where('cm.person_id', '=', personId)
    .orderBy('cm.started_at', 'desc')
    .orderBy('cm.id', 'desc')
    .execute()
}

export async function insertResolution(
  db: Executor,
  row: {
    person_id: number
    conflict_key: string
    sources: unknown
    chosen_source: 'assessment' | 'registration' | 'court_report'
    rosh_level: RoshLevelColumn
    reason: string
    resolved_by: number | null
  },
) {
  return (
    await db
      .insertInto('allocation_risk_resolutions')
      .values({ ...row, sources: JSON.stringify(row.sources) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}

/** Records one allocation; returns its id. */
export async function insertAllocation(db: Executor, row: Insertable<AllocationsTable>): Promise<number> {
  return (await db.insertInto('allocations').values(row).returning('id').executeTakeFirstOrThrow()).id
}

/** A member of staff's id from their code. */
export async function findStaffIdByCode(db: Executor, code: string): Promise<number | null> {
  const row = await db.selectFrom('staff').select('id').where('code', '=', code).executeTakeFirst()
  return row?.id ?? null
}

/**
 * An allocation this user made, with who it went to: the queue's confirmation after allocating (the senior may no
 * longer read a case given to another provider, so the confirmation says where it went). Another user's allocation is
 * not found.
 */
export async function findAllocationMadeBy(db: Executor, allocationId: number, userId: number) {
  return db
    .selectFrom('allocations as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .innerJoin('teams as t', 't.id', 'a.team_id')
    .innerJoin('providers as pr', 'pr.id', 'a.provider_id')
    .select([
      'a.kind',
      'p.crn',
      sql<string>`p.forename || ' ' || p.surname`.as('personName'),
      sql<string>`s.forename || ' ' || s.surname`.as('staffName'),
      't.name as teamName',
      'pr.name as providerName',
    ])
    .where('a.id', '=', allocationId)
    .where('a.allocated_by', '=', userId)
    .executeTakeFirst()
}
