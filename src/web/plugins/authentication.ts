import { createHash, randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { CurrentUser } from '../../access/current-user.ts'
import { isRole } from '../../access/roles.ts'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/schema.ts'

/**
 * Who is asking: a browser session (cookie) or another system (Bearer API token).
 *
 * Sessions live in the database so app processes stay stateless. The cookie holds a random 256-bit id;
 * the table holds only its SHA-256, so a copy of the table cannot be replayed. A session ends on sign-out,
 * after `idleMinutes` without a request, after `absoluteHours` in all, or when the user signs out everywhere.
 */

export const SESSION_COOKIE = 'probity_session'
/** Holds the CSRF token for forms shown before sign-in (the sign-in form itself). */
export const ANON_CSRF_COOKIE = 'probity_csrf'

export interface SessionInfo {
  readonly idHash: string
  readonly csrfToken: string
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: CurrentUser
    session?: SessionInfo
  }
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url')

/** Loads a user as the access policy sees them (roles, staff, provider and team). */
export async function loadCurrentUser(
  db: Kysely<Database>,
  userId: number,
  via: CurrentUser['via'],
): Promise<CurrentUser | undefined> {
  const row = await db
    .selectFrom('users')
    .leftJoin('staff', 'staff.id', 'users.staff_id')
    .select(CURRENT_USER_COLUMNS)
    .where('users.id', '=', userId)
    .executeTakeFirst()
  return row ? toCurrentUser(row, via) : undefined
}

const CURRENT_USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.roles',
  'users.staff_id',
  'users.active',
  'staff.provider_id',
  'staff.team_id',
] as const

function toCurrentUser(
  row: {
    id: number
    username: string
    display_name: string
    roles: string[]
    staff_id: number | null
    active: boolean
    provider_id: number | null
    team_id: number | null
  },
  via: CurrentUser['via'],
): CurrentUser | undefined {
  if (!row.active) return undefined
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.filter(isRole),
    staffId: row.staff_id,
    providerId: row.provider_id ?? null,
    teamId: row.team_id ?? null,
    via,
  }
}

function secureCookie(config: Config, request: FastifyRequest): boolean {
  if (config.session.secureCookies === 'always') return true
  if (config.session.secureCookies === 'never') return false
  return request.protocol === 'https'
}

export function cookieOptions(config: Config, request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: secureCookie(config, request) }
}

/**
 * Starts a new session for a user who has just proved who they are. Any session the browser already had is
 * ended first: the id always changes at sign-in (no session fixation).
 */
export async function startSession(
  db: Kysely<Database>,
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
) {
  if (request.session) await endSession(db, request.session.idHash)
  const id = randomToken()
  const csrfToken = randomToken()
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(id),
      user_id: userId,
      csrf_token: csrfToken,
      ip: request.ip,
      user_agent: request.headers['user-agent']?.slice(0, 300) ?? null,
    })
    .execute()
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(config, request))
  reply.clearCookie(ANON_CSRF_COOKIE, { path: '/' })
}

export async function endSession(db: Kysely<Database>, idHash: string) {
  await db
    .updateTable('sessions')
    .set({ ended_at: new Date() })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .execute()
}

/** Ends every session of a user, on every device ("sign out everywhere", a password change, an account disabled). */
export async function endAllSessions(db: Kysely<Database>, userId: number) {
  const now = new Date()
  await db.updateTable('users').set({ sessions_valid_after: now }).where('id', '=', userId).execute()
  await db
    .updateTable('sessions')
    .set({ ended_at: now })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute()
}

export default fp<{ db: Kysely<Database>; config: Config }>(
  async (app, { db, config }) => {
    app.decorateRequest('user', undefined)
    app.decorateRequest('session', undefined)

    app.addHook('onRequest', async request => {
      const authorization = request.headers.authorization
      if (authorization?.startsWith('Bearer ')) {
        // Another system: the token stands for the user it was issued to. Cookies are ignored.
        const token = await db
          .selectFrom('api_tokens')
          .select(['id', 'user_id'])
          .where('token_hash', '=', sha256(authorization.slice(7).trim()))
          .where('revoked_at', 'is', null)
          .executeTakeFirst()
        if (token) {
          request.user = await loadCurrentUser(db, token.user_id, 'api-token')
          await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', token.id).execute()
        }
        return
      }
      const cookie = request.cookies[SESSION_COOKIE]
      if (!cookie) return
      const idHash = sha256(cookie)
      const now = Date.now()
      // The session and its user in one round trip: every request of a signed-in user starts here.
      const session = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .leftJoin('staff', 'staff.id', 'users.staff_id')
        .select([
          'sessions.user_id',
          'sessions.csrf_token',
          'sessions.created_at',
          'sessions.last_seen_at',
          'users.sessions_valid_after',
          ...CURRENT_USER_COLUMNS,
        ])
        .where('sessions.id_hash', '=', idHash)
        .where('sessions.ended_at', 'is', null)
        .executeTakeFirst()
      if (!session) return
      const idleExpired = now - session.last_seen_at.getTime() > config.session.idleMinutes * 60_000
      const absoluteExpired = now - session.created_at.getTime() > config.session.absoluteHours * 3_600_000
      const revoked = session.created_at.getTime() < session.sessions_valid_after.getTime()
      if (idleExpired || absoluteExpired || revoked) {
        await endSession(db, idHash)
        return
      }
      const user = toCurrentUser(session, 'session')
      if (!user) return
      request.user = user
      request.session = { idHash, csrfToken: session.csrf_token }
      // Touch at most once a minute: enough for the idle timeout, far fewer writes.
      if (now - session.last_seen_at.getTime() > 60_000) {
        await db
          .updateTable('sessions')
          .set({ last_seen_at: new Date(now) })
          .where('id_hash', '=', idHash)
          .execute()
      }
    })
  },
  { name: 'authentication' },
)
