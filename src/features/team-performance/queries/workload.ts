import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'

/**
 * Workload SQL (issue 19 item 5): teams, their practitioners and the cases each manages now (latest tier-v2 tier and
 * case status), reductions in force, and the appended workload settings. Reads people, staff, teams and
 * tier_calculations (owned by other features); writes workload_reductions and workload_settings.
 */

export interface TeamChoice {
  id: number
  code: string
  name: string
  providerId: number
}

/** Teams in the scope (one team, or every active team), by name. */
export async function teamsInScope(db: Executor, teamId: number | null): Promise<TeamChoice[]> {
  let q = db
    .selectFrom('teams as t')
    .innerJoin('delivery_units as du', 'du.id', 't.delivery_unit_id')
    .innerJoin('regions as r', 'r.id', 'du.region_id')
    .select(['t.id', 't.code', 't.name', 'r.provider_id as providerId'])
    .where('t.active', '=', true)
  if (teamId !== null) q = q.where('t.id', '=', teamId)
  const rows = await q.orderBy('t.name').orderBy('t.id').execute()
  return rows.map(r => ({ ...r, id: Number(r.id), providerId: Number(r.providerId) }))
}

export interface StaffRow {
  id: number
  code: string
  forename: string
  surname: string
  grade: string
  contractedHours: number | null
  teamId: number | null
  providerId: number
}

const STAFF_COLUMNS = [
  's.id',
  's.code',
  's.forename',
  's.surname',
  's.grade',
  's.contracted_hours as contractedHours',
  's.team_id as teamId',
  's.provider_id as providerId',
] as const

const staffOut = (r: StaffRow): StaffRow => ({
  ...r,
  id: Number(r.id),
  teamId: r.teamId === null ? null : Number(r.teamId),
  providerId: Number(r.providerId),
  contractedHours: r.contractedHours === null ? null : Number(r.contractedHours),
})

/** A team's active staff, by surname then forename: a list by name, never by load. */
export async function staffOfTeam(db: Executor, teamId: number): Promise<StaffRow[]> {
  const rows = await db
    .selectFrom('staff as s')
    .select(STAFF_COLUMNS)
    .where('s.team_id', '=', teamId)
    .where('s.active', '=', true)
    .orderBy('s.surname')
    .orderBy('s.forename')
    .orderBy('s.id')
    .execute()
  return rows.map(staffOut)
}

/** A member of staff by code. */
export async function findStaffByCode(db: Executor, code: string): Promise<StaffRow | undefined> {
  const row = await db.selectFrom('staff as s').select(STAFF_COLUMNS).where('s.code', '=', code).executeTakeFirst()
  return row && staffOut(row)
}

export interface ManagedCase {
  staffId: number
  tier: string | null
  caseStatus: string
}

/** The open cases each of these staff manages now, with the latest tier. */
export async function casesOfStaff(db: Executor, staffIds: readonly number[]): Promise<ManagedCase[]> {
  if (staffIds.length === 0) return []
  const { rows } = await sql<ManagedCase>`
    select p.managing_staff_id as "staffId", t.tier, p.case_status as "caseStatus"
    from people p
    left join lateral (
      select tier from tier_calculations where person_id = p.id and algorithm like 'tier-v2%' order by id desc limit 1
    ) t on true
    where p.managing_staff_id in (${sql.join(staffIds)}) and p.case_status <> 'ended'`.execute(db)
  return rows.map(r => ({ ...r, staffId: Number(r.staffId) }))
}

/** Hours a week of reductions in force on `today`, by staff id. */
export async function reductionHoursOn(
  db: Executor,
  staffIds: readonly number[],
  today: string,
): Promise<Map<number, number>> {
  if (staffIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('workload_reductions')
    .select(['staff_id', sql<string>`sum(hours_per_week)`.as('hours')])
    .where('staff_id', 'in', staffIds)
    .where('starts_on', '<=', today)
    .where(eb => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
    .groupBy('staff_id')
    .execute()
  return new Map(rows.map(r => [Number(r.staff_id), Number(r.hours)]))
}

export interface ReductionRow {
  id: number
  reason: 'part_time' | 'training' | 'other_duties'
  hours: number
  startsOn: string
  endsOn: string | null
  notes: string | null
  recordedAt: Date
}

/** A member of staff's reductions, newest first. */
export async function reductionsOf(db: Executor, staffId: number): Promise<ReductionRow[]> {
  const rows = await db
    .selectFrom('workload_reductions')
    .select([
      'id',
      'reason',
      'hours_per_week as hours',
      sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('startsOn'),
      sql<string | null>`to_char(ends_on, 'YYYY-MM-DD')`.as('endsOn'),
      'notes',
      'recorded_at as recordedAt',
    ])
    .where('staff_id', '=', staffId)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map(r => ({ ...r, id: Number(r.id), hours: Number(r.hours) }))
}

export async function insertReduction(
  db: Executor,
  row: {
    staffId: number
    reason: ReductionRow['reason']
    hours: number
    startsOn: string
    endsOn: string | null
    notes: string | null
    recordedBy: number
  },
): Promise<number> {
  const inserted = await db
    .insertInto('workload_reductions')
    .values({
      staff_id: row.staffId,
      reason: row.reason,
      hours_per_week: row.hours,
      starts_on: row.startsOn,
      ends_on: row.endsOn,
      notes: row.notes,
      recorded_by: row.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(inserted.id)
}

export interface SettingsRow {
  id: number
  effectiveFrom: string
  settings: unknown
  reason: string
  recordedAt: Date
  recordedBy: string | null
}

/** Every national settings row, the latest effective first. */
export async function settingsHistory(db: Executor): Promise<SettingsRow[]> {
  const rows = await db
    .selectFrom('workload_settings as w')
    .leftJoin('users as u', 'u.id', 'w.recorded_by')
    .select([
      'w.id',
      sql<string>`to_char(w.effective_from, 'YYYY-MM-DD')`.as('effectiveFrom'),
      'w.settings',
      'w.reason',
      'w.recorded_at as recordedAt',
      'u.display_name as recordedBy',
    ])
    .where('w.provider_id', 'is', null)
    .orderBy('w.effective_from', 'desc')
    .orderBy('w.id', 'desc')
    .execute()
  return rows.map(r => ({ ...r, id: Number(r.id) }))
}

export async function insertSettings(
  db: Executor,
  row: { effectiveFrom: string; settings: unknown; reason: string; recordedBy: number },
): Promise<number> {
  const inserted = await db
    .insertInto('workload_settings')
    .values({
      provider_id: null,
      effective_from: row.effectiveFrom,
      settings: JSON.stringify(row.settings),
      reason: row.reason,
      recorded_by: row.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(inserted.id)
}
