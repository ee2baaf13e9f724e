import { ConflictError } from '../errors.ts'
import type { Executor } from './person-access.ts'

/**
 * Changes who manages a person, keeping the history: the current `case_managers` row is ended (never otherwise
 * changed), a new one starts now, and the person's `managing_*` columns follow, guarded by the record's `version`.
 * Former managers keep read access through their ended rows (see `policy.ts`). Used by allocation and by the
 * administrators' manager page, so both change managers the same way. The caller audits and publishes.
 *
 * @example
 * const { caseManagerId } = await changeCaseManager(trx, { personId: 7, version: 3, providerId: 1, teamId: 2, staffId: 5, reason: 'Initial allocation', userId: 9, now })
 */
export async function changeCaseManager(
  trx: Executor,
  change: {
    personId: number
    /** The person's `version` as read; a different one means someone else changed the record (ConflictError). */
    version: number
    providerId: number
    teamId: number | null
    staffId: number | null
    reason: string | null
    userId: number | null
    now: Date
  },
): Promise<{ caseManagerId: number; previousCaseManagerId: number | null }> {
  const { personId, providerId, teamId, staffId, now } = change
  const updated = await trx
    .updateTable('people')
    .set(eb => ({
      managing_provider_id: providerId,
      managing_team_id: teamId,
      managing_staff_id: staffId,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', personId)
    .where('version', '=', change.version)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError()
  const ended = await trx
    .updateTable('case_managers')
    .set({ ended_at: now })
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute()
  const { id } = await trx
    .insertInto('case_managers')
    .values({
      person_id: personId,
      provider_id: providerId,
      team_id: teamId,
      staff_id: staffId,
      started_at: now,
      reason: change.reason,
      created_by: change.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { caseManagerId: id, previousCaseManagerId: ended.at(-1)?.id ?? null }
}
