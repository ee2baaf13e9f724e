import type { Executor } from '../../../access/person-access.ts'

/**
 * Sessions, API tokens and the user they stand for: the statements the authentication plugin, sign-in and
 * administration run. Every instant written here comes from the caller's clock (`now`), never from the database.
 */

/** What the access policy needs of a user (roles, staff, provider and team), joined from `users` and `staff`. */
export const CURRENT_USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.roles',
  'users.staff_id',
  'users.active',
  'staff.provider_id',
  'staff.team_id',
  'providers.name as provider_name',
  'users.partner_organisation_id',
  'partner_organisations.name as partner_organisation_name',
] as const

export interface CurrentUserRow {
  id: number
  username: string
  display_name: string
  roles: string[]
  staff_id: number | null
  active: boolean
  provider_id: number | null
  team_id: number | null
  provider_name: string | null
  partner_organisation_id: number | null
  partner_organisation_name: string | null
}

export async function findCurrentUserRow(db: Executor, userId: number): Promise<CurrentUserRow | undefined> {
  return db
    .selectFrom('users')
    .leftJoin('staff', 'staff.id', 'users.staff_id')
    .leftJoin('providers', 'providers.id', 'staff.provider_id')
    .leftJoin('partner_organisations', 'partner_organisations.id', 'users.partner_organisation_id')
    .select(CURRENT_USER_COLUMNS)
    .where('users.id', '=', userId)
    .executeTakeFirst()
}

/**
 * An unrevoked API token by the SHA-256 of its value, with what decides whether it still works: its expiry, when
 * its secret was issued (or last rotated), when its owner's password last changed, and when it was last used.
 */
export async function findApiTokenByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id as userId',
      'api_tokens.expires_at as expiresAt',
      'api_tokens.created_at as createdAt',
      'api_tokens.rotated_at as rotatedAt',
      'api_tokens.last_used_at as lastUsedAt',
      'api_tokens.scopes',
      'users.password_changed_at as passwordChangedAt',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst()
}

export async function touchApiToken(db: Executor, id: number, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute()
}

/**
 * An open session with its user, in one round trip (every request of a signed-in user starts here).
 * `revoked` says the user signed out everywhere (or was disabled, or changed password) after it started. A user's
 * `sessions_valid_after` starts at the account's creation and revokes nothing until it is moved forward.
 */
export async function findOpenSession(db: Executor, idHash: string) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('staff', 'staff.id', 'users.staff_id')
    .leftJoin('providers', 'providers.id', 'staff.provider_id')
    .leftJoin('partner_organisations', 'partner_organisations.id', 'users.partner_organisation_id')
    .select([
      'sessions.csrf_token as csrfToken',
      'sessions.created_at as startedAt',
      'sessions.last_seen_at as lastSeenAt',
      'users.sessions_valid_after as validAfter',
      'users.created_at as userCreatedAt',
      ...CURRENT_USER_COLUMNS,
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.ended_at', 'is', null)
    .executeTakeFirst()
  if (!row) return undefined
  const { csrfToken, startedAt, lastSeenAt, validAfter, userCreatedAt, ...user } = row
  const revoked = validAfter.getTime() > userCreatedAt.getTime() && startedAt.getTime() < validAfter.getTime()
  return { csrfToken, startedAt, lastSeenAt, revoked, user }
}

export async function insertSession(
  db: Executor,
  session: { idHash: string; userId: number; csrfToken: string; ip: string; userAgent: string | null; now: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      ip: session.ip,
      user_agent: session.userAgent,
      created_at: session.now,
      last_seen_at: session.now,
    })
    .execute()
}

export async function touchSession(db: Executor, idHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute()
}

export async function endSessionByHash(db: Executor, idHash: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .execute()
}

/** Ends every open session of a user, and any that starts before `now` but is not yet written (a race). */
export async function endUserSessions(db: Executor, userId: number, now: Date): Promise<void> {
  await db.updateTable('users').set({ sessions_valid_after: now }).where('id', '=', userId).execute()
  await db
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute()
}

/** How many sessions of a user are open (not ended, not revoked by "sign out everywhere"). */
export async function countOpenSessions(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(eb => eb.fn.countAll<number>().as('n'))
    .where('sessions.user_id', '=', userId)
    .where('sessions.ended_at', 'is', null)
    .where(eb =>
      eb.or([
        eb('sessions.created_at', '>=', eb.ref('users.sessions_valid_after')),
        eb('users.sessions_valid_after', '<=', eb.ref('users.created_at')),
      ]),
    )
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
