import { sql, type RawBuilder } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { ServiceLevelCode } from '../../../domain/performance/index.ts'

/**
 * Service-level SQL (issue 19 item 5): for each measured level, the cases whose clock started in the period, with
 * the day it started, the deadline where it is a recorded date, and the day the work was done (null: not yet). Each
 * case is counted for the team, delivery unit and provider managing it now (people.managing_team_id). Dates are
 * London dates as `YYYY-MM-DD`. Reads the tables other features own: sentences, allocations, contacts,
 * custody_releases, requirements, upw_allocations, breaches, enforcement_actions, pre_sentence_reports.
 */

export interface ServiceLevelRow {
  personId: number
  crn: string
  forename: string
  surname: string
  /** The record has an exclusion or restriction in force: shown by CRN only. */
  limited: boolean
  teamId: number | null
  unitId: number | null
  providerId: number | null
  start: string
  /** The recorded deadline (a report's due date); null: working days from `start`. */
  deadline: string | null
  done: string | null
}

export interface ServiceLevelScope {
  from: string
  to: string
  /** Only the cases managed by this team (a senior's own team). */
  teamId: number | null
}

const londonDay = (column: RawBuilder<unknown>) =>
  sql`to_char((${column} at time zone 'Europe/London')::date, 'YYYY-MM-DD')`

/**
 * The scope's team filter, on the cases' people. As `p.managing_team_id = …` PostgreSQL (scale 1.0) joined a handful
 * of cases to every person in id order looking for the team's (a merge join: 480 ms, 20,000 buffers for no row);
 * the team's people listed first by people_team_idx and matched against the cases take 4 ms.
 */
const teamFilter = (scope: ServiceLevelScope) =>
  scope.teamId === null
    ? sql`true`
    : sql`x.person_id = any(array(select id from people where managing_team_id = ${scope.teamId}))`

/** What every level's rows carry: the person, the organisation managing them now, and the scope's team filter. */
function withOrganisation(source: RawBuilder<unknown>, scope: ServiceLevelScope): RawBuilder<ServiceLevelRow> {
  const team = teamFilter(scope)
  return sql<ServiceLevelRow>`
    select p.id as "personId", p.crn, p.forename, p.surname,
      exists (select 1 from access_limitations al where al.person_id = p.id and al.removed_at is null) as limited,
      p.managing_team_id as "teamId", t.delivery_unit_id as "unitId",
      coalesce(r.provider_id, p.managing_provider_id) as "providerId",
      x.start, x.deadline, x.done
    from (${source}) x
    join people p on p.id = x.person_id
    left join teams t on t.id = p.managing_team_id
    left join delivery_units du on du.id = t.delivery_unit_id
    left join regions r on r.id = du.region_id
    where ${team}
    order by x.start, p.crn`
}

const MEASURED: Record<Exclude<ServiceLevelCode, 'sentence-plan'>, (s: ServiceLevelScope) => RawBuilder<unknown>> = {
  // A community sentence → its first allocation (of the event, or of the person with no event named).
  allocation: s => sql`
    select s.person_id, to_char(s.sentence_date, 'YYYY-MM-DD') as start, null::text as deadline,
      (select ${londonDay(sql`min(a.allocated_at)`)} from allocations a
        where a.person_id = s.person_id and (a.event_id = s.event_id or a.event_id is null)
          and a.allocated_at >= s.sentence_date) as done
    from sentences s
    where s.sentence_type <> 'custodial' and s.sentence_date between ${s.from} and ${s.to}`,
  // A community allocation → the first appointment on or after it.
  'first-appointment': s => sql`
    select a.person_id, ${londonDay(sql`a.allocated_at`)} as start, null::text as deadline,
      (select ${londonDay(sql`min(c.starts_at)`)} from contacts c
        where c.person_id = a.person_id and c.is_appointment and c.deleted_at is null
          and (c.outcome is null or c.outcome not like 'rescheduled%') and c.starts_at >= a.allocated_at) as done
    from allocations a
    where a.kind = 'initial' and a.induction_kind is distinct from 'licence'
      and a.allocated_at >= (${s.from}::date::timestamp at time zone 'Europe/London')
      and a.allocated_at < ((${s.to}::date + 1)::timestamp at time zone 'Europe/London')`,
  // A release from custody → the first appointment on or after the day of release.
  'first-appointment-release': s => sql`
    select cr.person_id, to_char(cr.released_on, 'YYYY-MM-DD') as start, null::text as deadline,
      (select ${londonDay(sql`min(c.starts_at)`)} from contacts c
        where c.person_id = cr.person_id and c.is_appointment and c.deleted_at is null
          and (c.outcome is null or c.outcome not like 'rescheduled%')
          and (c.starts_at at time zone 'Europe/London')::date >= cr.released_on) as done
    from custody_releases cr
    where cr.released_on between ${s.from} and ${s.to}`,
  // An unpaid work requirement → its first session allocation.
  'unpaid-work': s => sql`
    select rq.person_id, to_char(se.sentence_date, 'YYYY-MM-DD') as start, null::text as deadline,
      (select ${londonDay(sql`min(u.created_at)`)} from upw_allocations u where u.requirement_id = rq.id) as done
    from requirements rq join sentences se on se.id = rq.sentence_id
    where rq.category = 'unpaid_work' and se.sentence_date between ${s.from} and ${s.to}`,
  // The failure that triggered a breach → the day the breach was initiated.
  breach: s => sql`
    select b.person_id, ${londonDay(sql`c.starts_at`)} as start, null::text as deadline,
      to_char(b.initiated_date, 'YYYY-MM-DD') as done
    from breaches b join contacts c on c.id = b.trigger_contact_id
    where b.kind = 'breach' and (c.starts_at at time zone 'Europe/London')::date between ${s.from} and ${s.to}`,
  // A missed appointment (failed to attend, unacceptable absence) → its first enforcement action done.
  'missed-appointment': s => sql`
    select c.person_id, ${londonDay(sql`c.starts_at`)} as start, null::text as deadline,
      (select to_char(min(ea.done_date), 'YYYY-MM-DD') from enforcement_actions ea
        where ea.contact_id = c.id and ea.person_id = c.person_id and ea.status = 'done') as done
    from contacts c
    where c.is_appointment and c.deleted_at is null and c.outcome in ('failed_to_attend', 'unacceptable_absence')
      and c.starts_at >= (${s.from}::date::timestamp at time zone 'Europe/London')
      and c.starts_at < ((${s.to}::date + 1)::timestamp at time zone 'Europe/London')`,
  // A pre-sentence report due in the period → completed by its due date (cancelled reports do not count).
  reports: s => sql`
    select psr.person_id, to_char(psr.due_date, 'YYYY-MM-DD') as start, to_char(psr.due_date, 'YYYY-MM-DD') as deadline,
      ${londonDay(sql`psr.completed_at`)} as done
    from pre_sentence_reports psr
    where psr.status <> 'cancelled' and psr.due_date between ${s.from} and ${s.to}`,
}

/** The cases of one measured service level whose clock started in the period. */
export async function serviceLevelRows(
  db: Executor,
  code: Exclude<ServiceLevelCode, 'sentence-plan'>,
  scope: ServiceLevelScope,
): Promise<ServiceLevelRow[]> {
  const { rows } = await withOrganisation(MEASURED[code](scope), scope).execute(db)
  return rows.map(r => ({
    ...r,
    personId: Number(r.personId),
    teamId: idOrNull(r.teamId),
    unitId: idOrNull(r.unitId),
    providerId: idOrNull(r.providerId),
  }))
}

const idOrNull = (v: number | string | null) => (v === null ? null : Number(v))

/** The organisation a count is for: each case counts for the one managing the person now. */
export type GroupLevel = 'team' | 'unit' | 'provider'

export interface ServiceLevelCount {
  groupId: number | null
  start: string
  deadline: string | null
  done: string | null
  cases: number
}

const GROUP_ID: Record<GroupLevel, RawBuilder<unknown>> = {
  team: sql`p.managing_team_id`,
  unit: sql`t.delivery_unit_id`,
  provider: sql`coalesce(r.provider_id, p.managing_provider_id)`,
}

/**
 * The cases of one measured level counted per group, day started, deadline and day done (issue 21): the figures
 * need no more, so the report reads no name, CRN or restriction and sends a row per distinct day rather than per
 * case. The joins a level does not need are left joins on keys, which PostgreSQL leaves out.
 */
export async function serviceLevelCounts(
  db: Executor,
  code: Exclude<ServiceLevelCode, 'sentence-plan'>,
  scope: ServiceLevelScope,
  level: GroupLevel,
): Promise<ServiceLevelCount[]> {
  const team = teamFilter(scope)
  const { rows } = await sql<ServiceLevelCount>`
    select ${GROUP_ID[level]} as "groupId", x.start, x.deadline, x.done, count(*) as cases
    from (${MEASURED[code](scope)}) x
    join people p on p.id = x.person_id
    left join teams t on t.id = p.managing_team_id
    left join delivery_units du on du.id = t.delivery_unit_id
    left join regions r on r.id = du.region_id
    where ${team}
    group by 1, 2, 3, 4`.execute(db)
  return rows.map(r => ({ ...r, groupId: idOrNull(r.groupId), cases: Number(r.cases) }))
}

/** The names of the teams, delivery units and providers, for the tables. */
export async function organisationNames(db: Executor) {
  const [teams, units, providers] = await Promise.all([
    db.selectFrom('teams').select(['id', 'name', 'delivery_unit_id as unitId']).orderBy('name').execute(),
    db.selectFrom('delivery_units').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('providers').select(['id', 'name']).orderBy('name').execute(),
  ])
  return { teams, units, providers }
}
