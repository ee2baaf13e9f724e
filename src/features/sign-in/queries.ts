import type { Executor } from '../../access/person-access.ts'

/** The statements sign-in runs. Instants (lockouts, last sign-in, password changes) come from the caller's clock. */

/** A user by username, whatever its case, with what checking a password needs. */
export async function findUserForSignIn(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'password_hash as passwordHash',
      'active',
      'locked_until as lockedUntil',
      'failed_attempts as failedAttempts',
    ])
    .where(eb => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst()
}

export async function findUserPassword(db: Executor, userId: number) {
  return db
    .selectFrom('users')
    .select(['username', 'password_hash as passwordHash'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
}

export async function insertSignInAttempt(
  db: Executor,
  attempt: { username: string; ip: string | null; succeeded: boolean },
): Promise<void> {
  await db.insertInto('sign_in_attempts').values(attempt).execute()
}

/** A wrong password: the count of failures in a row, and the lock when there were too many. */
export async function recordFailedPassword(
  db: Executor,
  userId: number,
  failure: { failedAttempts: number; lockedUntil: Date | null },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_attempts: failure.failedAttempts, locked_until: failure.lockedUntil })
    .where('id', '=', userId)
    .execute()
}

export async function recordSignIn(db: Executor, userId: number, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: now })
    .where('id', '=', userId)
    .execute()
}

export async function updatePassword(db: Executor, userId: number, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now })
    .where('id', '=', userId)
    .execute()
}
