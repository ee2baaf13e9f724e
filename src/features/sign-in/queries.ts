import { sql } from 'kysely'
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
    .select(['username', 'display_name as displayName', 'password_hash as passwordHash'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
}

export async function insertSignInAttempt(
  db: Executor,
  attempt: { username: string; ip: string | null; succeeded: boolean },
): Promise<void> {
  await db.insertInto('sign_in_attempts').values(attempt).execute()
}

/** How failed tries from one source slow it down: free tries, then a wait doubling from 1 second up to a cap. */
export interface ThrottlePolicy {
  readonly freeAttempts: number
  readonly maxDelaySeconds: number
}

/**
 * Counts one try at an account name from a source, in one statement, unless the source must still wait: returns
 * undefined then, and the try must not be checked. Parallel tries cannot all read the same count (the upsert
 * locks the row). From the `freeAttempts`-th try on, each try makes the source wait 2^(tries - free) seconds
 * (capped) before the next; a right password clears the count (`clearSourceThrottle`).
 */
export async function claimSignInTry(
  db: Executor,
  key: { username: string; source: string },
  now: Date,
  policy: ThrottlePolicy,
): Promise<{ failures: number; blockedUntil: Date | null } | undefined> {
  const { freeAttempts: free, maxDelaySeconds: cap } = policy
  const firstBlock = free <= 1 ? new Date(now.getTime() + Math.min(1, cap) * 1000) : null
  const { rows } = await sql<{ failures: number; blocked_until: Date | null }>`
    insert into sign_in_throttles as t (username, source, failures, blocked_until, last_failure_at)
    values (${key.username}, ${key.source}, 1, ${firstBlock}, ${now})
    on conflict (username, source) do update set
      failures = t.failures + 1,
      last_failure_at = excluded.last_failure_at,
      blocked_until = case
        when t.failures + 1 >= ${free}::int
        then ${now}::timestamptz
          + make_interval(secs => least(power(2, least(t.failures + 1 - ${free}::int, 30)), ${cap}::int))
        else null
      end
    where t.blocked_until is null or t.blocked_until <= ${now}::timestamptz
    returning failures, blocked_until`.execute(db)
  const row = rows[0]
  return row && { failures: row.failures, blockedUntil: row.blocked_until }
}

/** Until when a source must wait before trying an account name again (null when it need not). */
export async function sourceBlockedUntil(db: Executor, key: { username: string; source: string }) {
  const row = await db
    .selectFrom('sign_in_throttles')
    .select('blocked_until as blockedUntil')
    .where('username', '=', key.username)
    .where('source', '=', key.source)
    .executeTakeFirst()
  return row?.blockedUntil ?? null
}

/** A right password: the source's count for that account name starts again. */
export async function clearSourceThrottle(db: Executor, key: { username: string; source: string }): Promise<void> {
  await db
    .deleteFrom('sign_in_throttles')
    .where('username', '=', key.username)
    .where('source', '=', key.source)
    .execute()
}

/**
 * A wrong password, counted against the account whatever its source, in one statement (no read then write).
 * At `maxFailures` (0: never) the account is locked until `lockedUntil` and the count starts again. Failures
 * checked while it is locked (guesses in flight when it locked) are not counted: they cannot lock it again.
 * Returns true when this failure locked it.
 */
export async function countWrongPassword(
  db: Executor,
  userId: number,
  policy: { maxFailures: number; now: Date; lockedUntil: Date },
): Promise<boolean> {
  const max = policy.maxFailures > 0 ? policy.maxFailures : 2_147_483_647
  const { rows } = await sql<{ locked: boolean }>`
    update users set
      failed_attempts = case when failed_attempts + 1 >= ${max}::int then 0 else failed_attempts + 1 end,
      locked_until = case when failed_attempts + 1 >= ${max}::int then ${policy.lockedUntil}::timestamptz
        else locked_until end
    where id = ${userId} and (locked_until is null or locked_until <= ${policy.now}::timestamptz)
    returning failed_attempts = 0 as locked`.execute(db)
  return rows[0]?.locked === true
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
