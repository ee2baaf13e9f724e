import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'

/**
 * The SQL behind the open outcomes dashboard (issue 19 item 4) besides the cohorts (`cohorts.ts`): the names of the
 * providers and contract package areas (regions) it publishes, the dates behind the service levels and the
 * Community Payback minutes credited. Rows carry dates and ids only: nothing here names a person.
 */

export interface AreaRow {
  region_id: number
  region_name: string
  provider_id: number
  provider_name: string
}

/** Every active provider's contract package areas (regions), by provider then area name. */
export async function publishedAreas(db: Executor): Promise<AreaRow[]> {
  const { rows } = await sql<AreaRow>`
    select rg.id as region_id, rg.name as region_name, pv.id as provider_id, pv.name as provider_name
      from regions rg
      join providers pv on pv.id = rg.provider_id
     where rg.active and pv.active
     order by pv.name, rg.name
  `.execute(db)
  return rows
}

export interface AllocationTimingRow {
  provider_id: number
  sentence_date: string
  allocated_on: string
  /** The first appointment on or after the allocation day, if any. */
  first_appointment_on: string | null
}

/**
 * The first allocation of each sentence dated in [from, to] (by the provider allocated to), with the day it was
 * allocated and the day of the person's first appointment from then on (any appointment not deleted), in
 * Europe/London days.
 */
export async function allocationTimings(db: Executor, from: string, to: string): Promise<AllocationTimingRow[]> {
  const { rows } = await sql<AllocationTimingRow>`
    with first_allocation as (
      select distinct on (a.person_id, a.sentence_date) a.person_id, a.provider_id, a.sentence_date, a.allocated_at
        from allocations a
        join people p on p.id = a.person_id and p.deleted_at is null
       where a.kind = 'initial' and a.sentence_date between ${from} and ${to}
       order by a.person_id, a.sentence_date, a.allocated_at
    )
    select f.provider_id, f.sentence_date::text as sentence_date,
           (f.allocated_at at time zone 'Europe/London')::date::text as allocated_on,
           (select (min(c.starts_at) at time zone 'Europe/London')::date::text
              from contacts c
             where c.person_id = f.person_id and c.is_appointment and c.deleted_at is null
               and (c.starts_at at time zone 'Europe/London')::date >= (f.allocated_at at time zone 'Europe/London')::date
           ) as first_appointment_on
      from first_allocation f
  `.execute(db)
  return rows
}

export interface UnpaidWorkMinutesRow {
  provider_id: number
  region_id: number | null
  minutes: number
}

/**
 * Minutes of Community Payback credited for sessions in [from, to], by provider and the area (region) of the
 * project's team (null for a project with no team), from the current attendance records only.
 */
export async function unpaidWorkMinutes(db: Executor, from: string, to: string): Promise<UnpaidWorkMinutesRow[]> {
  const { rows } = await sql<{ provider_id: number; region_id: number | null; minutes: string | number }>`
    select s.provider_id, du.region_id, coalesce(sum(a.minutes_credited), 0) as minutes
      from upw_attendances a
      join upw_sessions s on s.id = a.session_id
      join upw_projects pj on pj.id = s.project_id
      left join teams t on t.id = pj.team_id
      left join delivery_units du on du.id = t.delivery_unit_id
     where s.session_date between ${from} and ${to}
       and not exists (select 1 from upw_attendances b where b.replaces_id = a.id)
     group by s.provider_id, du.region_id
  `.execute(db)
  return rows.map(r => ({ provider_id: Number(r.provider_id), region_id: r.region_id, minutes: Number(r.minutes) }))
}
