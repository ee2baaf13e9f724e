import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../access/person-access.ts'
import type { CpNominationsTable, CpPhotosTable, IsoDate } from '../../db/schema.ts'

/**
 * The public Community Payback face's SQL: providers' current areas, nominations (with their status history and
 * photos) and the projects the public may see. Executor first. Nothing here reads a person's record: the public
 * project queries join attendances only to sum their minutes.
 */

/** The ids of the providers with these codes. */
export async function findProviderIdsByCode(db: Executor, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map()
  const rows = await db
    .selectFrom('providers')
    .select(['id', 'code'])
    .where('code', 'in', [...codes])
    .execute()
  return new Map(rows.map(r => [r.code, Number(r.id)]))
}

/** A provider's area boundary (the demo seed; staff upload theirs through unpaid work). */
export async function insertArea(db: Executor, area: { providerId: number; name: string; geometry: unknown }) {
  await db
    .insertInto('cp_areas')
    .values({ provider_id: area.providerId, name: area.name, geometry: JSON.stringify(area.geometry) })
    .execute()
}

/** Every provider's current area (not superseded), oldest first, with the provider's name. */
export async function findCurrentAreas(db: Executor) {
  return db
    .selectFrom('cp_areas as a')
    .innerJoin('providers as p', 'p.id', 'a.provider_id')
    .select(['a.id', 'a.provider_id', 'a.name', 'a.geometry', 'p.name as provider_name'])
    .where('a.superseded_at', 'is', null)
    .orderBy('a.id')
    .execute()
}

/** Whether a nomination reference is already used. */
export async function referenceTaken(db: Executor, reference: string): Promise<boolean> {
  const row = await db.selectFrom('cp_nominations').select('id').where('reference', '=', reference).executeTakeFirst()
  return row !== undefined
}

/** A new nomination; returns its id. */
export async function insertNomination(db: Executor, values: Insertable<CpNominationsTable>): Promise<number> {
  const row = await db.insertInto('cp_nominations').values(values).returning('id').executeTakeFirstOrThrow()
  return Number(row.id)
}

/** A status in a nomination's history (appended only). */
export async function insertNominationStatus(db: Executor, nominationId: number, status: 'received', at: Date) {
  await db
    .insertInto('cp_nomination_status_history')
    .values({ nomination_id: nominationId, status, changed_at: at })
    .execute()
}

/** A photo sent with a nomination (already cleaned of its metadata). */
export async function insertNominationPhoto(
  db: Executor,
  photo: Pick<Insertable<CpPhotosTable>, 'nomination_id' | 'content' | 'mime_type' | 'width' | 'height' | 'byte_size'>,
) {
  await db
    .insertInto('cp_photos')
    .values({ ...photo, kind: 'nomination' })
    .execute()
}

/** A nomination as the follow-up page needs it (its email is compared by the caller). */
export async function findNominationByReference(db: Executor, reference: string) {
  return db
    .selectFrom('cp_nominations')
    .select(['id', 'reference', 'email', 'title', 'status', 'status_reason', 'submitted_at'])
    .where('reference', '=', reference)
    .executeTakeFirst()
}

/** A nomination's status history, oldest first. */
export async function findNominationHistory(db: Executor, nominationId: number) {
  return db
    .selectFrom('cp_nomination_status_history')
    .select(['status', 'reason', 'changed_at'])
    .where('nomination_id', '=', nominationId)
    .orderBy('changed_at')
    .orderBy('id')
    .execute()
}

/**
 * The projects the public may see: completed ones, and those with a session on or before `today` that has an
 * attendance recorded. Hours are the minutes worked of the current attendance records (one replaced by a later
 * correction does not count). Only public columns: never a beneficiary's contact, risk notes or anyone's name.
 */
export async function findPublicProjects(db: Executor, today: IsoDate, projectId?: number) {
  let query = db
    .selectFrom('upw_projects as p')
    .innerJoin('providers as pr', 'pr.id', 'p.provider_id')
    .select([
      'p.id',
      'p.provider_id',
      'pr.name as provider_name',
      'p.name',
      'p.project_type',
      'p.start_date',
      'p.completed_at',
      'p.public_description',
      'p.latitude',
      'p.longitude',
    ])
    .select(
      sql<number>`coalesce((select sum(a.minutes_worked) from upw_attendances a
        join upw_sessions s on s.id = a.session_id
        where s.project_id = p.id
          and not exists (select 1 from upw_attendances r where r.replaces_id = a.id)), 0)`.as('minutes_worked'),
    )
    .where(eb =>
      eb.or([
        eb('p.completed_at', 'is not', null),
        eb.exists(
          eb
            .selectFrom('upw_sessions as s')
            .innerJoin('upw_attendances as a', 'a.session_id', 's.id')
            .select('s.id')
            .whereRef('s.project_id', '=', 'p.id')
            .where('s.session_date', '<=', today),
        ),
      ]),
    )
    .orderBy('p.name')
    .orderBy('p.id')
  if (projectId !== undefined) query = query.where('p.id', '=', projectId)
  return query.execute()
}

/** The approved before/during/after photos of these projects (ids and captions, not their bytes). */
export async function findApprovedProjectPhotos(db: Executor, projectIds: readonly number[]) {
  if (projectIds.length === 0) return []
  return db
    .selectFrom('cp_photos')
    .select(['id', 'project_id', 'kind', 'caption', 'width', 'height'])
    .where('project_id', 'in', [...projectIds])
    .where('kind', 'in', ['before', 'during', 'after'])
    .where('approved_at', 'is not', null)
    .where('rejected_at', 'is', null)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute()
}

/** An approved project photo's bytes, or undefined (the caller checks the project is public). */
export async function findApprovedPhoto(db: Executor, photoId: number) {
  return db
    .selectFrom('cp_photos')
    .select(['id', 'project_id', 'content', 'mime_type'])
    .where('id', '=', photoId)
    .where('project_id', 'is not', null)
    .where('kind', 'in', ['before', 'during', 'after'])
    .where('approved_at', 'is not', null)
    .where('rejected_at', 'is', null)
    .executeTakeFirst()
}
