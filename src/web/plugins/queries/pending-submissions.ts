import type { Executor } from '../../../access/person-access.ts'

/**
 * Forms kept at a time-out (`../pending-submissions.ts`): the statements that keep, find and remove them. Every
 * instant comes from the caller's clock.
 */

/** The user whose session a form's CSRF token belonged to (ended or not), when that user is still active. */
export async function findUserOfCsrfToken(db: Executor, csrfToken: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.username'])
    .where('sessions.csrf_token', '=', csrfToken)
    .where('users.active', '=', true)
    .executeTakeFirst()
}

export async function insertPendingSubmission(
  db: Executor,
  row: { idHash: string; userId: number; path: string; body: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('pending_submissions')
    .values({
      id_hash: row.idHash,
      user_id: row.userId,
      path: row.path,
      body: row.body,
      created_at: row.now,
      expires_at: row.expiresAt,
    })
    .execute()
}

/** A kept form that has not expired. */
export async function findPendingSubmission(db: Executor, idHash: string, now: Date) {
  return db
    .selectFrom('pending_submissions')
    .select(['user_id as userId', 'path', 'body', 'created_at as createdAt', 'expires_at as expiresAt'])
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .executeTakeFirst()
}

/** Removes a kept form (submitted or discarded); true when this call removed it (only one caller can). */
export async function deletePendingSubmission(db: Executor, idHash: string): Promise<boolean> {
  const rows = await db.deleteFrom('pending_submissions').where('id_hash', '=', idHash).returning('id_hash').execute()
  return rows.length > 0
}

export async function purgeExpiredSubmissions(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('pending_submissions').where('expires_at', '<=', now).execute()
}
