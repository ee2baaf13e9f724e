import type { Executor } from '../../../access/person-access.ts'

/**
 * Area boundaries' SQL (issue 17 item 10): each provider with its current boundary, and a new boundary replacing the
 * current one (kept, marked superseded). Executor first.
 */

export async function providersWithBoundary(db: Executor) {
  return db
    .selectFrom('providers as p')
    .leftJoin('cp_areas as a', join => join.onRef('a.provider_id', '=', 'p.id').on('a.superseded_at', 'is', null))
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select(['p.id', 'p.name', 'a.id as area_id', 'a.name as area_name', 'a.geometry', 'a.uploaded_at'])
    .select('u.display_name as uploaded_by_name')
    .where('p.active', '=', true)
    .orderBy('p.name')
    .execute()
}

export async function providerExists(db: Executor, providerId: number) {
  return db.selectFrom('providers').select('id').where('id', '=', providerId).executeTakeFirst()
}

/** Supersedes the provider's current boundary (kept) and adds the new one; the new row's id. */
export async function replaceBoundary(
  db: Executor,
  row: { provider_id: number; name: string; geometry: unknown; uploaded_by: number | null; uploaded_at: Date },
): Promise<number> {
  await db
    .updateTable('cp_areas')
    .set({ superseded_at: row.uploaded_at })
    .where('provider_id', '=', row.provider_id)
    .where('superseded_at', 'is', null)
    .execute()
  const { id } = await db
    .insertInto('cp_areas')
    .values({ ...row, geometry: JSON.stringify(row.geometry) })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(id)
}

/** Every boundary a provider has had, newest first (the superseded ones are kept). */
export async function boundariesOf(db: Executor, providerId: number) {
  return db
    .selectFrom('cp_areas')
    .select(['id', 'name', 'uploaded_at', 'superseded_at'])
    .where('provider_id', '=', providerId)
    .orderBy('uploaded_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
