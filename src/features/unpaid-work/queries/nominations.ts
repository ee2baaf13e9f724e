import { sql } from 'kysely'
import type { Executor } from '../../../access/person-access.ts'
import type { NominationStatus } from '../../../db/schema.ts'

/**
 * Community Payback nominations' SQL for staff (issue 17 item 9): the list for a provider (or every one), one
 * nomination with its photos and history, a status change with its optimistic version check, the history row, and
 * taking an unrouted nomination for a provider. Executor first.
 */

/** `null` provider: every nomination (a national role). Otherwise the provider's, and, when `withUnrouted`, unrouted ones. */
export async function nominationsFor(
  db: Executor,
  providerId: number | null,
  withUnrouted: boolean,
  status: NominationStatus | null,
) {
  let q = db
    .selectFrom('cp_nominations as n')
    .leftJoin('providers as p', 'p.id', 'n.provider_id')
    .select([
      'n.id',
      'n.reference',
      'n.title',
      'n.organisation_name',
      'n.postcode',
      'n.status',
      'n.provider_id',
      'p.name as provider_name',
      'n.submitted_at',
      'n.acknowledged_at',
      'n.version',
    ])
  if (providerId !== null) {
    q = q.where(eb =>
      withUnrouted
        ? eb.or([eb('n.provider_id', '=', providerId), eb('n.provider_id', 'is', null)])
        : eb('n.provider_id', '=', providerId),
    )
  }
  if (status) q = q.where('n.status', '=', status)
  return q.orderBy('n.submitted_at', 'desc').orderBy('n.id', 'desc').limit(500).execute()
}

/** When each routed nomination (the provider's, or every one when null) sent since `from` was sent and acknowledged. */
export async function acknowledgementFacts(db: Executor, providerId: number | null, from: Date) {
  let q = db
    .selectFrom('cp_nominations')
    .select(['submitted_at', 'acknowledged_at'])
    .where('provider_id', 'is not', null)
    .where('submitted_at', '>=', from)
  if (providerId !== null) q = q.where('provider_id', '=', providerId)
  return q.execute()
}
export type NominationListRow = Awaited<ReturnType<typeof nominationsFor>>[number]

export async function nominationById(db: Executor, id: number) {
  return db
    .selectFrom('cp_nominations as n')
    .leftJoin('providers as p', 'p.id', 'n.provider_id')
    .leftJoin('users as u', 'u.id', 'n.acknowledged_by')
    .selectAll('n')
    .select(['p.name as provider_name', 'u.display_name as acknowledged_by_name'])
    .where('n.id', '=', id)
    .executeTakeFirst()
}
export type NominationRow = NonNullable<Awaited<ReturnType<typeof nominationById>>>

/** The nomination, locked until the transaction ends: two changes to one nomination queue. */
export async function lockNomination(db: Executor, id: number) {
  return db
    .selectFrom('cp_nominations')
    .select(['id', 'reference', 'provider_id', 'status', 'version', 'acknowledged_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function historyOf(db: Executor, nominationId: number) {
  return db
    .selectFrom('cp_nomination_status_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .select(['h.id', 'h.status', 'h.reason', 'h.changed_at', 'u.display_name as changed_by_name'])
    .where('h.nomination_id', '=', nominationId)
    .orderBy('h.changed_at')
    .orderBy('h.id')
    .execute()
}

export async function nominationPhotos(db: Executor, nominationId: number) {
  return db
    .selectFrom('cp_photos')
    .select(['id', 'caption', 'width', 'height', 'mime_type'])
    .where('nomination_id', '=', nominationId)
    .where('project_id', 'is', null)
    .orderBy('id')
    .execute()
}

/** A photo sent with the nomination (its content for staff). */
export async function nominationPhoto(db: Executor, nominationId: number, photoId: number) {
  return db
    .selectFrom('cp_photos')
    .select(['content', 'mime_type'])
    .where('id', '=', photoId)
    .where('nomination_id', '=', nominationId)
    .executeTakeFirst()
}

/** Moves the nomination to `status` when its version is still `version`; false when someone changed it first. */
export async function setStatus(
  db: Executor,
  id: number,
  version: number,
  change: { status: NominationStatus; reason: string | null; acknowledge?: { at: Date; by: number | null } },
): Promise<boolean> {
  const result = await db
    .updateTable('cp_nominations')
    .set({
      status: change.status,
      status_reason: change.reason,
      version: sql<number>`version + 1`,
      ...(change.acknowledge ? { acknowledged_at: change.acknowledge.at, acknowledged_by: change.acknowledge.by } : {}),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Acknowledges the nomination (once) when its version is still `version`. */
export async function acknowledge(db: Executor, id: number, version: number, at: Date, by: number | null) {
  const result = await db
    .updateTable('cp_nominations')
    .set({ acknowledged_at: at, acknowledged_by: by, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Routes an unrouted nomination to `providerId` when its version is still `version`. */
export async function takeForProvider(db: Executor, id: number, version: number, providerId: number) {
  const result = await db
    .updateTable('cp_nominations')
    .set({ provider_id: providerId, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('provider_id', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function appendHistory(
  db: Executor,
  row: {
    nomination_id: number
    status: NominationStatus
    reason: string | null
    changed_by: number | null
    changed_at: Date
  },
) {
  await db.insertInto('cp_nomination_status_history').values(row).execute()
}

export async function providerChoices(db: Executor) {
  return db.selectFrom('providers').select(['id', 'name']).orderBy('name').execute()
}
