import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { IsoDate } from '../../../db/schema.ts'

/**
 * The unpaid work team's SQL (issue 17 item 5): the provider's sessions between two days with their allocated and
 * recorded counts, the minutes credited by project between two days (current attendance records only), and the
 * people of the provider with an unpaid work requirement in force. `providerId` null: every provider (national roles).
 */

/** The provider's sessions between two days (inclusive), with the project, supervisor and register counts. */
export async function sessionsBetween(db: Executor, providerId: number | null, from: IsoDate, to: IsoDate) {
  let query = db
    .selectFrom('upw_sessions as s')
    .innerJoin('upw_projects as p', 'p.id', 's.project_id')
    .leftJoin('users as u', 'u.id', 's.supervisor_user_id')
    .select(eb => [
      's.id',
      's.session_date',
      's.start_time',
      's.end_time',
      's.stood_down_at',
      's.supervisor_user_id',
      'u.display_name as supervisor_name',
      'p.id as project_id',
      'p.name as project_name',
      eb
        .selectFrom('upw_allocations as l')
        .select(e => e.fn.countAll<number>().as('n'))
        .whereRef('l.session_id', '=', 's.id')
        .where('l.removed_at', 'is', null)
        .as('allocated'),
      eb
        .selectFrom('upw_attendances as a')
        .select(sql<number>`count(distinct a.allocation_id)`.as('n'))
        .whereRef('a.session_id', '=', 's.id')
        .as('recorded'),
    ])
    .where('s.session_date', '>=', from)
    .where('s.session_date', '<=', to)
  if (providerId !== null) query = query.where('s.provider_id', '=', providerId)
  return query.orderBy('s.session_date').orderBy('s.start_time').orderBy('p.name').execute()
}
export type TeamSessionRow = Awaited<ReturnType<typeof sessionsBetween>>[number]

/** Minutes credited by project for sessions between two days (inclusive), from the current attendance records. */
export async function minutesByProject(db: Executor, providerId: number | null, from: IsoDate, to: IsoDate) {
  let query = db
    .selectFrom('upw_attendances as a')
    .innerJoin('upw_sessions as s', 's.id', 'a.session_id')
    .innerJoin('upw_projects as p', 'p.id', 's.project_id')
    .select(eb => ['p.id', 'p.name', eb.fn.sum<number>('a.minutes_credited').as('minutes')])
    .where('s.session_date', '>=', from)
    .where('s.session_date', '<=', to)
    .where(eb =>
      eb.not(eb.exists(eb.selectFrom('upw_attendances as b').select('b.id').whereRef('b.replaces_id', '=', 'a.id'))),
    )
    .groupBy(['p.id', 'p.name'])
  if (providerId !== null) query = query.where('s.provider_id', '=', providerId)
  return query.orderBy('p.name').execute()
}

/** The people managed by the provider with an unpaid work requirement in force. */
export async function peopleOnUnpaidWork(db: Executor, providerId: number | null) {
  let query = db
    .selectFrom('people as p')
    .select(['p.id', 'p.crn', 'p.forename', 'p.surname'])
    .where(eb =>
      eb.exists(
        eb
          .selectFrom('requirements as r')
          .innerJoin('sentences as s', 's.id', 'r.sentence_id')
          .select('r.id')
          .whereRef('r.person_id', '=', 'p.id')
          .where('r.category', '=', 'unpaid_work')
          .where('r.terminated_date', 'is', null)
          .where('s.terminated_date', 'is', null),
      ),
    )
  if (providerId !== null) query = query.where('p.managing_provider_id', '=', providerId)
  return query.orderBy('p.surname').orderBy('p.forename').execute()
}
