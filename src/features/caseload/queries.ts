import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type { CaseStatus, IsoDate, RoshLevelColumn } from '../../db/schema.ts'
import { ROSH_REGISTER_CODE } from '../risk/index.ts'

/**
 * Caseload SQL: reads the tables other features own (people, allocations, tier_calculations, rosh_assessments,
 * registrations, contacts, breaches, enforcement_actions, custody_releases) without changing them. Each list is one statement, so a
 * caseload of 60 costs one query plus the access facts, never one query per person.
 */

/** RoSH register flags → level, from the risk feature's codes (the allocation feature reads RoSH the same way). */
const ROSH_FLAG_CASE = sql.raw(
  `case rf.type_code ${Object.entries(ROSH_REGISTER_CODE)
    .map(([level, code]) => `when '${code}' then '${level}'`)
    .join(' ')} end`,
)
const ROSH_FLAG_CODES = Object.values(ROSH_REGISTER_CODE)

/** An appointment that counts as having happened or being due (a moved one keeps its date but is not attended). */
const NOT_MOVED = sql`(c.outcome is null or c.outcome not like 'rescheduled%')`

export interface CaseloadRow {
  id: number
  crn: string
  forename: string
  surname: string
  dateOfBirth: IsoDate
  caseStatus: CaseStatus
  staffId: number | null
  staffForename: string | null
  staffSurname: string | null
  allocatedAt: Date | null
  allocatedStaffId: number | null
  inductionDueDate: IsoDate | null
  inductionProposedDate: IsoDate | null
  /** An induction appointment has been arranged since the latest allocation. */
  inductionArranged: boolean
  /** The latest tier (tier-v2 algorithm), e.g. `B2`. */
  tier: string | null
  /** The latest RoSH assessment's overall level, else the newest active RoSH register flag. */
  rosh: RoshLevelColumn | null
  nextAppointment: Date | null
  lastAppointment: Date | null
  /** Past appointments with no outcome yet. */
  overdueOutcomes: number
  /** An open breach or recall. */
  breachOpen: boolean
  /**
   * Released on licence (or PSS) and no appointment arranged since: the first appointment's due date, within 1 working
   * day of the latest release (custody_releases, src/features/custody).
   */
  firstAppointmentDue: IsoDate | null
  /** With it, the release-day plan's first appointment (the latest plan), when one was written before the release. */
  plannedFirstAppointment: { date: IsoDate; place: string } | null
}

/**
 * Every open case (not ended, not deleted) of a practitioner or a team, with what the caseload lists and sorts on,
 * in ONE statement (lateral joins per person; each uses the person_id index of its table).
 */
export async function caseloadRows(
  db: Executor,
  scope: { staffId: number } | { teamId: number },
  now: Date,
): Promise<CaseloadRow[]> {
  const where: RawBuilder<unknown> =
    'staffId' in scope ? sql`p.managing_staff_id = ${scope.staffId}` : sql`p.managing_team_id = ${scope.teamId}`
  const { rows } = await sql<CaseloadRow>`
    select p.id, p.crn, p.forename, p.surname, p.date_of_birth as "dateOfBirth", p.case_status as "caseStatus",
      p.managing_staff_id as "staffId", s.forename as "staffForename", s.surname as "staffSurname",
      a.allocated_at as "allocatedAt", a.staff_id as "allocatedStaffId",
      a.induction_due_date as "inductionDueDate", a.induction_proposed_date as "inductionProposedDate",
      coalesce(ind.arranged, false) as "inductionArranged",
      t.tier, coalesce(r.overall_level, rf.level) as rosh,
      nx.at as "nextAppointment", ls.at as "lastAppointment",
      coalesce(ov.n, 0)::int as "overdueOutcomes", coalesce(br.open, false) as "breachOpen",
      case when p.case_status in ('on_licence', 'on_pss') and fa.arranged is null then rel.due end
        as "firstAppointmentDue",
      case when p.case_status in ('on_licence', 'on_pss') and fa.arranged is null and rdp.date is not null
        then json_build_object('date', rdp.date, 'place', rdp.place) end as "plannedFirstAppointment"
    from people p
    left join staff s on s.id = p.managing_staff_id
    left join lateral (
      select allocated_at, staff_id, induction_due_date, induction_proposed_date from allocations
      where person_id = p.id order by id desc limit 1
    ) a on true
    left join lateral (
      select true as arranged from contacts c
      where c.person_id = p.id and c.contact_type = 'IND' and c.is_appointment and c.deleted_at is null and ${NOT_MOVED}
        and a.allocated_at is not null and c.created_at >= a.allocated_at
      limit 1
    ) ind on true
    left join lateral (
      select tier from tier_calculations where person_id = p.id and algorithm like 'tier-v2%' order by id desc limit 1
    ) t on true
    left join lateral (
      select overall_level from rosh_assessments where person_id = p.id order by assessment_date desc, id desc limit 1
    ) r on true
    left join lateral (
      select ${ROSH_FLAG_CASE} as level from registrations rf
      where rf.person_id = p.id and rf.deregistered_date is null and rf.type_code in (${sql.join(ROSH_FLAG_CODES)})
      order by rf.registered_date desc, rf.id desc limit 1
    ) rf on true
    left join lateral (
      select min(c.starts_at) as at from contacts c
      where c.person_id = p.id and c.is_appointment and c.deleted_at is null and c.outcome is null and c.starts_at >= ${now}
    ) nx on true
    left join lateral (
      select max(c.starts_at) as at from contacts c
      where c.person_id = p.id and c.is_appointment and c.deleted_at is null and ${NOT_MOVED} and c.starts_at < ${now}
    ) ls on true
    left join lateral (
      select count(*) as n from contacts c
      where c.person_id = p.id and c.is_appointment and c.deleted_at is null and c.outcome is null and c.starts_at < ${now}
    ) ov on true
    left join lateral (
      select true as open from breaches b where b.person_id = p.id and b.closed_at is null limit 1
    ) br on true
    left join lateral (
      select to_char(cr.first_appointment_due, 'YYYY-MM-DD') as due, cr.released_on from custody_releases cr
      where cr.person_id = p.id order by cr.id desc limit 1
    ) rel on true
    left join lateral (
      select true as arranged from contacts c
      where c.person_id = p.id and c.is_appointment and c.deleted_at is null and ${NOT_MOVED}
        and c.starts_at >= (rel.released_on::timestamp at time zone 'Europe/London')
      limit 1
    ) fa on rel.due is not null
    left join lateral (
      select to_char(rp.first_appointment_date, 'YYYY-MM-DD') as date, rp.first_appointment_place as place
      from release_day_plans rp where rp.person_id = p.id order by rp.id desc limit 1
    ) rdp on rel.due is not null and fa.arranged is null
    where ${where} and p.deleted_at is null and p.case_status <> 'ended'
    order by p.surname, p.forename, p.crn
  `.execute(db)
  return rows.map(r => ({ ...r, overdueOutcomes: Number(r.overdueOutcomes) }))
}

export interface DayAppointmentRow {
  id: number
  personId: number
  crn: string
  forename: string
  surname: string
  contactType: string
  startsAt: Date
  endsAt: Date | null
  location: string | null
  sensitive: boolean
  outcome: string | null
}

/**
 * Appointments of the practitioner's day: with them, or of the people they manage, from `from` to `to` (past ones
 * with no outcome when `needingOutcome`), soonest first (needing an outcome: oldest first), at most `limit`.
 */
export async function practitionerAppointments(
  db: Executor,
  staffId: number,
  range: { from?: Date; to: Date; needingOutcome?: boolean },
  limit: number,
): Promise<DayAppointmentRow[]> {
  const wanted = sql`c.is_appointment and c.deleted_at is null
      and ${range.needingOutcome ? sql`c.outcome is null` : NOT_MOVED}
      and ${range.from ? sql`c.starts_at >= ${range.from}` : sql`true`} and c.starts_at < ${range.to}`
  // Held by them, or of the people they manage: two index lookups joined by a union (an `or` across contacts and
  // people reads every contact).
  const { rows } = await sql<DayAppointmentRow>`
    select c.id, c.person_id as "personId", p.crn, p.forename, p.surname, c.contact_type as "contactType",
      c.starts_at as "startsAt", c.ends_at as "endsAt", c.location, c.sensitive, c.outcome
    from contacts c join people p on p.id = c.person_id
    where c.id in (
        select c.id from contacts c where c.staff_id = ${staffId} and ${wanted}
        union
        select c.id from people m join contacts c on c.person_id = m.id where m.managing_staff_id = ${staffId} and ${wanted}
      )
      and p.deleted_at is null
    order by c.starts_at, c.id
    limit ${limit}
  `.execute(db)
  return rows
}

export interface DueActionRow {
  id: number
  person_id: number
  contact_id: number | null
  event_id: number | null
  breach_id: number | null
  document_id: number | null
  action_type: string
  description: string | null
  due_date: IsoDate | null
  status: 'open' | 'done' | 'cancelled'
  done_date: IsoDate | null
  created_at: Date
  version: number
  crn: string
  forename: string
  surname: string
}

/** Open enforcement actions of the people a practitioner manages, soonest due first (no date last). */
export async function openActionsOfStaff(db: Executor, staffId: number, limit: number): Promise<DueActionRow[]> {
  return db
    .selectFrom('enforcement_actions as e')
    .innerJoin('people as p', 'p.id', 'e.person_id')
    .select([
      'e.id',
      'e.person_id',
      'e.contact_id',
      'e.event_id',
      'e.breach_id',
      'e.document_id',
      'e.action_type',
      'e.description',
      'e.due_date',
      'e.status',
      'e.done_date',
      'e.created_at',
      'e.version',
      'p.crn',
      'p.forename',
      'p.surname',
    ])
    .where('p.managing_staff_id', '=', staffId)
    .where('p.deleted_at', 'is', null)
    .where('e.status', '=', 'open')
    .orderBy(sql`e.due_date asc nulls last`)
    .orderBy('e.id')
    .limit(limit)
    .execute()
}

/** A team with its provider, by code; and the active staff of the team with their grade and hours. */
export async function findTeam(db: Executor, code: string) {
  return db
    .selectFrom('teams')
    .innerJoin('delivery_units as du', 'du.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'du.region_id')
    .select(['teams.id', 'teams.code', 'teams.name', 'regions.provider_id as providerId'])
    .where('teams.code', '=', code)
    .executeTakeFirst()
}

export async function findTeamById(db: Executor, id: number) {
  return db
    .selectFrom('teams')
    .innerJoin('delivery_units as du', 'du.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'du.region_id')
    .select(['teams.id', 'teams.code', 'teams.name', 'regions.provider_id as providerId'])
    .where('teams.id', '=', id)
    .executeTakeFirst()
}

/** The active teams of a provider (every provider's when null), for the team picker. */
export async function teamsOf(db: Executor, providerId: number | null) {
  let q = db
    .selectFrom('teams')
    .innerJoin('delivery_units as du', 'du.id', 'teams.delivery_unit_id')
    .innerJoin('regions', 'regions.id', 'du.region_id')
    .select(['teams.code', 'teams.name'])
    .where('teams.active', '=', true)
  if (providerId !== null) q = q.where('regions.provider_id', '=', providerId)
  return q.orderBy('teams.name').execute()
}

export async function staffOfTeam(db: Executor, teamId: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'code', 'forename', 'surname', 'grade', 'contracted_hours as contractedHours'])
    .where('team_id', '=', teamId)
    .where('active', '=', true)
    .orderBy('surname')
    .orderBy('forename')
    .execute()
}

/** How much of a practitioner's work is waiting, for the home page (numbers only, nobody named). */
export interface PractitionerWorkCounts {
  /** Open cases they manage. */
  cases: number
  /** Appointments today (not moved), with them or of people they manage. */
  today: number
  /** Past appointments with no outcome, as My day lists them. */
  needingOutcome: number
  /** Open enforcement actions of the people they manage. */
  actions: number
}

/** The counts behind My day and the caseload, in one statement: `dayStart`/`dayEnd` bound today in London. */
export async function practitionerWorkCounts(
  db: Executor,
  staffId: number,
  at: { now: Date; dayStart: Date; dayEnd: Date },
): Promise<PractitionerWorkCounts> {
  // The practitioner's appointments that the counts can use (no outcome yet, or from today on): those they hold and
  // those of the people they manage. Two index lookups joined by a union (staff_id; managing_staff_id → person_id);
  // an `or` across the two tables reads every contact. Deleted people are left out by the people_deleted_idx.
  const relevant = sql`c.is_appointment and c.deleted_at is null and (c.outcome is null or c.starts_at >= ${at.dayStart})`
  const { rows } = await sql<PractitionerWorkCounts>`
    with mine as (
      select c.id, c.starts_at, c.outcome from contacts c
        where c.staff_id = ${staffId} and ${relevant}
          and not exists (select 1 from people d where d.id = c.person_id and d.deleted_at is not null)
      union
      select c.id, c.starts_at, c.outcome from people p join contacts c on c.person_id = p.id
        where p.managing_staff_id = ${staffId} and p.deleted_at is null and ${relevant}
    )
    select
      (select count(*)::int from people p
        where p.managing_staff_id = ${staffId} and p.deleted_at is null and p.case_status <> 'ended') as cases,
      (select count(*)::int from mine c
        where ${NOT_MOVED} and c.starts_at >= ${at.dayStart} and c.starts_at < ${at.dayEnd}) as today,
      (select count(*)::int from mine c where c.outcome is null and c.starts_at < ${at.now}) as "needingOutcome",
      (select count(*)::int from enforcement_actions e join people p on p.id = e.person_id
        where p.managing_staff_id = ${staffId} and p.deleted_at is null and e.status = 'open') as actions
  `.execute(db)
  return rows[0] ?? { cases: 0, today: 0, needingOutcome: 0, actions: 0 }
}
