import type { Insertable } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { CpPhotosTable } from '../../../db/schema.ts'

/**
 * Project photos' SQL (issue 17 items 7 and 8): a project's photos, adding them, those of a provider's projects
 * waiting for the publication check, the check itself (approve or reject, once), and a photo's content for staff.
 * Executor first.
 */

/** The project with its provider (photos are the provider's). */
export async function projectOf(db: Executor, projectId: number) {
  return db
    .selectFrom('upw_projects')
    .select(['id', 'name', 'provider_id'])
    .where('id', '=', projectId)
    .executeTakeFirst()
}

const LISTED = [
  'ph.id',
  'ph.project_id',
  'ph.kind',
  'ph.caption',
  'ph.width',
  'ph.height',
  'ph.uploaded_at',
  'ph.approved_at',
  'ph.rejected_at',
  'ph.rejected_reason',
  'u.display_name as uploaded_by_name',
] as const

export async function photosOfProject(db: Executor, projectId: number) {
  return db
    .selectFrom('cp_photos as ph')
    .leftJoin('users as u', 'u.id', 'ph.uploaded_by')
    .select(LISTED)
    .where('ph.project_id', '=', projectId)
    .orderBy('ph.uploaded_at')
    .orderBy('ph.id')
    .execute()
}
export type PhotoRow = Awaited<ReturnType<typeof photosOfProject>>[number]

export async function insertPhotos(db: Executor, rows: Insertable<CpPhotosTable>[]) {
  if (rows.length > 0) await db.insertInto('cp_photos').values(rows).execute()
}

/** Photos of a provider's projects (every provider's when null) neither approved nor rejected. */
export async function photosToCheck(db: Executor, providerId: number | null) {
  let q = db
    .selectFrom('cp_photos as ph')
    .innerJoin('upw_projects as p', 'p.id', 'ph.project_id')
    .leftJoin('users as u', 'u.id', 'ph.uploaded_by')
    .select([...LISTED, 'p.name as project_name'])
    .where('ph.approved_at', 'is', null)
    .where('ph.rejected_at', 'is', null)
  if (providerId !== null) q = q.where('p.provider_id', '=', providerId)
  return q.orderBy('ph.uploaded_at').orderBy('ph.id').limit(200).execute()
}

/** A project photo with its project's provider, locked until the transaction ends. */
export async function lockPhoto(db: Executor, photoId: number) {
  return db
    .selectFrom('cp_photos as ph')
    .innerJoin('upw_projects as p', 'p.id', 'ph.project_id')
    .select(['ph.id', 'ph.project_id', 'p.provider_id', 'ph.approved_at', 'ph.rejected_at'])
    .where('ph.id', '=', photoId)
    .forUpdate('ph')
    .executeTakeFirst()
}

export async function approvePhoto(db: Executor, photoId: number, at: Date, by: number | null) {
  await db.updateTable('cp_photos').set({ approved_at: at, approved_by: by }).where('id', '=', photoId).execute()
}

export async function rejectPhoto(db: Executor, photoId: number, at: Date, by: number | null, reason: string) {
  await db
    .updateTable('cp_photos')
    .set({ rejected_at: at, rejected_by: by, rejected_reason: reason })
    .where('id', '=', photoId)
    .execute()
}

/** A photo's content with the provider it belongs to (its project's, or its nomination's). */
export async function photoContent(db: Executor, photoId: number) {
  return db
    .selectFrom('cp_photos as ph')
    .leftJoin('upw_projects as p', 'p.id', 'ph.project_id')
    .leftJoin('cp_nominations as n', 'n.id', 'ph.nomination_id')
    .select(['ph.content', 'ph.mime_type', 'ph.project_id', 'p.provider_id as project_provider_id'])
    .select(['n.provider_id as nomination_provider_id'])
    .where('ph.id', '=', photoId)
    .executeTakeFirst()
}
