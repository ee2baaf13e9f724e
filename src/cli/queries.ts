import { sql } from 'kysely'
import type { Executor } from '../access/person-access.ts'
import type { Role } from '../access/roles.ts'

/** What the command line reads and writes directly (`probity users`). */

/** Every sign-in, by username, for `probity users list`. */
export async function listUsers(db: Executor) {
  return db.selectFrom('users').select(['username', 'display_name', 'roles', 'active']).orderBy('username').execute()
}

/** Clears a lock-out and every address's wait for that account; true when a user of that name exists. */
export async function unlockUser(db: Executor, username: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ locked_until: null, failed_attempts: 0 })
    .where('username', '=', username)
    .executeTakeFirst()
  await db.deleteFrom('sign_in_throttles').where('username', '=', username.toLowerCase()).execute()
  return Number(result.numUpdatedRows) > 0
}

export async function findStaffIdByCode(db: Executor, code: string): Promise<number | undefined> {
  return (await db.selectFrom('staff').select('id').where('code', '=', code).executeTakeFirst())?.id
}

/** Usernames are unique whatever their case. */
export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where(eb => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst()
  return existing !== undefined
}

export async function insertUser(
  db: Executor,
  user: { username: string; displayName: string; roles: Role[]; staffId: number | null; passwordHash: string },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      roles: user.roles,
      staff_id: user.staffId,
      password_hash: user.passwordHash,
    })
    .execute()
}

/** The PostgreSQL server's `max_connections` (undefined if it cannot be read). */
export async function findMaxConnections(db: Executor): Promise<number | undefined> {
  const { rows } = await sql<{ n: number }>`select current_setting('max_connections')::int as n`.execute(db)
  return rows[0]?.n
}
