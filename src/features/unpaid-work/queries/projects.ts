import type { Insertable, Updateable } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { UpwProjectsTable } from '../../../db/schema.ts'

/** Unpaid work projects' SQL (issue 17 item 1): projects, their supervisors, and the nominations they come from. */

const PROJECT_COLUMNS = [
  'p.id',
  'p.provider_id',
  'p.name',
  'p.project_type',
  'p.placement_kind',
  'p.beneficiary_name',
  'p.beneficiary_contact',
  'p.address',
  'p.postcode',
  'p.latitude',
  'p.longitude',
  'p.toilets',
  'p.hand_washing',
  'p.drinking_water',
  'p.shelter',
  'p.public_contact',
  'p.children_present',
  'p.vulnerable_adults_present',
  'p.risk_notes',
  'p.capacity',
  'p.start_date',
  'p.end_date',
  'p.travel_time_credited',
  'p.public_description',
  'p.nomination_id',
  'p.completed_at',
  'p.version',
] as const

/** The provider's projects (every provider's when null), current first. */
export async function listProjects(db: Executor, providerId: number | null) {
  let query = db
    .selectFrom('upw_projects as p')
    .innerJoin('providers as pr', 'pr.id', 'p.provider_id')
    .select(PROJECT_COLUMNS)
    .select('pr.name as provider_name')
  if (providerId !== null) query = query.where('p.provider_id', '=', providerId)
  return query.orderBy('p.completed_at', 'desc').orderBy('p.name').orderBy('p.id').limit(500).execute()
}

export async function findProject(db: Executor, id: number) {
  return db.selectFrom('upw_projects as p').select(PROJECT_COLUMNS).where('p.id', '=', id).executeTakeFirst()
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>

export async function lockProject(db: Executor, id: number) {
  await db.selectFrom('upw_projects').select('id').where('id', '=', id).forUpdate().execute()
}

export async function insertProject(db: Executor, values: Insertable<UpwProjectsTable>): Promise<number> {
  return (await db.insertInto('upw_projects').values(values).returning('id').executeTakeFirstOrThrow()).id
}

export async function updateProject(db: Executor, id: number, values: Updateable<UpwProjectsTable>) {
  await db
    .updateTable('upw_projects')
    .set(eb => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

/** The project's current supervisors. */
export async function projectSupervisors(db: Executor, projectId: number) {
  return db
    .selectFrom('upw_project_supervisors as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.display_name'])
    .where('s.project_id', '=', projectId)
    .where('s.removed_at', 'is', null)
    .orderBy('u.display_name')
    .execute()
}

export async function addSupervisor(db: Executor, projectId: number, userId: number, by: number | null) {
  await db
    .insertInto('upw_project_supervisors')
    .values({ project_id: projectId, user_id: userId, added_by: by })
    .execute()
}

export async function removeSupervisor(db: Executor, projectId: number, userId: number, by: number | null, at: Date) {
  await db
    .updateTable('upw_project_supervisors')
    .set({ removed_at: at, removed_by: by })
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .where('removed_at', 'is', null)
    .execute()
}

/** Active users of the provider with the unpaid work supervisor role. */
export async function supervisorsOf(db: Executor, providerId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('staff as s', 's.id', 'u.staff_id')
    .select(['u.id', 'u.display_name'])
    .where('s.provider_id', '=', providerId)
    .where('u.active', '=', true)
    .where(eb => eb(eb.val('upw_supervisor'), '=', eb.fn.any('u.roles')))
    .orderBy('u.display_name')
    .execute()
}

/** The provider of the user's staff record (for a national role creating a project: their own provider). */
export async function providerOfUser(db: Executor, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('staff as s', 's.id', 'u.staff_id')
    .select('s.provider_id')
    .where('u.id', '=', userId)
    .executeTakeFirst()
  return row?.provider_id ?? null
}

export async function findNomination(db: Executor, id: number) {
  return db
    .selectFrom('cp_nominations')
    .select([
      'id',
      'reference',
      'provider_id',
      'organisation_name',
      'contact_name',
      'email',
      'phone',
      'title',
      'what_needs_doing',
      'address',
      'postcode',
      'latitude',
      'longitude',
      'toilets',
      'hand_washing',
      'drinking_water',
      'status',
    ])
    .where('id', '=', id)
    .executeTakeFirst()
}
export type NominationRow = NonNullable<Awaited<ReturnType<typeof findNomination>>>

/** The project's sessions with how many are allocated to each. */
export async function sessionsOfProject(db: Executor, projectId: number) {
  return db
    .selectFrom('upw_sessions as s')
    .leftJoin('users as u', 'u.id', 's.supervisor_user_id')
    .select([
      's.id',
      's.session_date',
      's.start_time',
      's.end_time',
      's.capacity',
      's.stood_down_at',
      'u.display_name as supervisor',
    ])
    .select(eb =>
      eb
        .selectFrom('upw_allocations as a')
        .select(eb.fn.countAll<string | number>().as('n'))
        .whereRef('a.session_id', '=', 's.id')
        .where('a.removed_at', 'is', null)
        .as('allocated'),
    )
    .where('s.project_id', '=', projectId)
    .orderBy('s.session_date', 'desc')
    .orderBy('s.start_time')
    .limit(200)
    .execute()
}

export async function countSessions(db: Executor, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('upw_sessions')
    .select(eb => eb.fn.countAll<string | number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function photoCount(db: Executor, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('cp_photos')
    .select(eb => eb.fn.countAll<string | number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
