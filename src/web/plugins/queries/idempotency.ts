import type { Executor } from '../../../access/person-access.ts'

/**
 * The API's idempotency keys (`src/web/plugins/idempotency.ts`): one row a user and key. Every instant comes from the
 * caller's clock. Each statement stands alone (no transaction), so a claimed key is visible to a concurrent request
 * at once.
 */

export interface KeyClaim {
  userId: number
  key: string
  method: string
  path: string
  requestHash: string
  now: Date
}

export interface StoredKey {
  method: string
  path: string
  request_hash: string
  status: number | null
  response_body: string | null
  response_type: string | null
  created_at: Date
}

/** Claims a key for a request; false when the user already has a row for it. */
export async function claimKey(db: Executor, c: KeyClaim): Promise<boolean> {
  const row = await db
    .insertInto('idempotency_keys')
    .values({
      user_id: c.userId,
      key: c.key,
      method: c.method,
      path: c.path,
      request_hash: c.requestHash,
      created_at: c.now,
    })
    .onConflict(oc => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst()
  return row !== undefined
}

export async function findKey(db: Executor, userId: number, key: string): Promise<StoredKey | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select(['method', 'path', 'request_hash', 'status', 'response_body', 'response_type', 'created_at'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst()
}

/**
 * Takes over a key whose row is expired (created before `expiredBefore`) or abandoned (never answered, created before
 * `abandonedBefore`: the process answering it stopped). One statement, so of two requests only one takes it over.
 */
export async function takeOverKey(
  db: Executor,
  c: KeyClaim,
  cutoffs: { expiredBefore: Date; abandonedBefore: Date },
): Promise<boolean> {
  const row = await db
    .updateTable('idempotency_keys')
    .set({
      method: c.method,
      path: c.path,
      request_hash: c.requestHash,
      status: null,
      response_body: null,
      response_type: null,
      created_at: c.now,
      completed_at: null,
    })
    .where('user_id', '=', c.userId)
    .where('key', '=', c.key)
    .where(eb =>
      eb.or([
        eb('created_at', '<', cutoffs.expiredBefore),
        eb.and([eb('status', 'is', null), eb('created_at', '<', cutoffs.abandonedBefore)]),
      ]),
    )
    .returning('key')
    .executeTakeFirst()
  return row !== undefined
}

/** Records the answer a retry with this key gets. */
export async function completeKey(
  db: Executor,
  userId: number,
  key: string,
  answer: { status: number; body: string; type: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: answer.status, response_body: answer.body, response_type: answer.type, completed_at: answer.at })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute()
}

/** Frees a key whose request failed (nothing was written), so the client may retry with it. */
export async function releaseKey(db: Executor, userId: number, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('status', 'is', null)
    .execute()
}

/** Removes keys past their lifetime. */
export async function purgeExpiredKeys(db: Executor, expiredBefore: Date): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', expiredBefore).execute()
}
