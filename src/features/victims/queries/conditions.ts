import type { Executor } from '../../../access/person-access.ts'
import type { VictimConditionCode } from '../../../db/schema.ts'

/**
 * Victim-related licence condition requests and their withdrawals (appended, never changed). Executor first. The
 * offender's side reads only `standingRequestsOf` through index.ts, which returns no victim's identity.
 */

/** Every request of one victim with its withdrawal, if any, the newest first. */
export async function requestsOfVictim(db: Executor, victimId: number) {
  return db
    .selectFrom('victim_condition_requests as r')
    .leftJoin('victim_condition_request_withdrawals as w', 'w.request_id', 'r.id')
    .leftJoin('users as u', 'u.id', 'r.recorded_by')
    .select([
      'r.id',
      'r.person_id',
      'r.condition_code',
      'r.wording',
      'r.requested_on',
      'u.display_name as requested_by',
      'w.withdrawn_on',
    ])
    .where('r.victim_id', '=', victimId)
    .orderBy('r.id', 'desc')
    .execute()
}
export type ConditionRequestRow = Awaited<ReturnType<typeof requestsOfVictim>>[number]

/** The requests for this offender not withdrawn, oldest first: the kind, wording and date only. */
export async function standingRequestsOf(db: Executor, personId: number) {
  return db
    .selectFrom('victim_condition_requests as r')
    .select(['r.condition_code', 'r.wording', 'r.requested_on'])
    .where('r.person_id', '=', personId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('victim_condition_request_withdrawals as w').select('w.id').whereRef('w.request_id', '=', 'r.id'),
        ),
      ),
    )
    .orderBy('r.requested_on')
    .orderBy('r.id')
    .execute()
}

export async function insertConditionRequest(
  db: Executor,
  r: {
    victimId: number
    personId: number
    code: VictimConditionCode
    wording: string
    requestedOn: string
    userId: number | null
  },
): Promise<number> {
  const row = await db
    .insertInto('victim_condition_requests')
    .values({
      victim_id: r.victimId,
      person_id: r.personId,
      condition_code: r.code,
      wording: r.wording,
      requested_on: r.requestedOn,
      recorded_by: r.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** Withdraws a request; null when it was withdrawn already. */
export async function insertWithdrawal(
  db: Executor,
  w: { requestId: number; personId: number; withdrawnOn: string; userId: number | null },
): Promise<number | null> {
  const row = await db
    .insertInto('victim_condition_request_withdrawals')
    .values({ request_id: w.requestId, person_id: w.personId, withdrawn_on: w.withdrawnOn, recorded_by: w.userId })
    .onConflict(oc => oc.column('request_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ? Number(row.id) : null
}
