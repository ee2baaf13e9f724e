import { createHash, randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { CurrentUser } from '../../access/current-user.ts'
import type { Executor } from '../../access/person-access.ts'
import { isRole } from '../../access/roles.ts'
import type { Clock } from '../../clock.ts'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import {
  endSessionByHash,
  endUserSessions,
  findApiTokenByHash,
  findCurrentUserRow,
  findOpenSession,
  insertSession,
  touchApiToken,
  touchSession,
  type CurrentUserRow,
} from './queries/sessions.ts'
import { keepSubmission } from './pending-submissions.ts'

/**
 * Who is asking: a browser session (cookie) or another system (Bearer API token).
 *
 * Sessions live in the database so app processes stay stateless. The cookie holds a random 256-bit id;
 * the table holds only its SHA-256, so a copy of the table cannot be replayed. A session ends on sign-out,
 * after `idleMinutes` without a request, after `absoluteHours` in all, or when the user signs out everywhere.
 * Every instant (a session's start, last use and end, a token's last use) is read from the app's clock.
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
  interface FastifyInstance {
    /**
     * Keeps a page's form posted without a session, for its user to submit once signed in again (see
     * `pending-submissions.ts`); returns the kept form's id, or undefined when there was nothing to keep.
     */
    keepSubmission(request: FastifyRequest, reply: FastifyReply): Promise<string | undefined>
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
  const row = await findCurrentUserRow(db, userId)
  return row ? toCurrentUser(row, via) : undefined
}

function toCurrentUser(row: CurrentUserRow, via: CurrentUser['via']): CurrentUser | undefined {
  if (!row.active) return undefined
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.filter(isRole),
    staffId: row.staff_id,
    providerId: row.provider_id ?? null,
    teamId: row.team_id ?? null,
    providerName: row.provider_name ?? row.partner_organisation_name ?? null,
    partnerOrganisationId: row.partner_organisation_id ?? null,
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

/** The browser a session is started for: the session it already had (ended first), its address and agent. */
export interface SessionBrowser {
  readonly previousIdHash: string | undefined
  readonly ip: string
  readonly userAgent: string | undefined
}

/** The browser of a request, for `startSession`. */
export function sessionBrowser(request: FastifyRequest): SessionBrowser {
  return { previousIdHash: request.session?.idHash, ip: request.ip, userAgent: request.headers['user-agent'] }
}

/**
 * Starts a new session for a user who has just proved who they are, and returns its id (for the cookie only).
 * Any session the browser already had is ended first: the id always changes at sign-in (no session fixation).
 */
export async function startSession(db: Executor, now: Date, browser: SessionBrowser, userId: number): Promise<string> {
  if (browser.previousIdHash) await endSession(db, browser.previousIdHash, now)
  const id = randomToken()
  await insertSession(db, {
    idHash: sha256(id),
    userId,
    csrfToken: randomToken(),
    ip: browser.ip,
    userAgent: browser.userAgent?.slice(0, 300) ?? null,
    now,
  })
  return id
}

/** Gives the browser its new session's cookie; the CSRF cookie of a signed-out browser is no longer needed. */
export function setSessionCookie(config: Config, request: FastifyRequest, reply: FastifyReply, id: string) {
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(config, request))
  reply.clearCookie(ANON_CSRF_COOKIE, { path: '/' })
}

export async function endSession(db: Executor, idHash: string, now: Date) {
  await endSessionByHash(db, idHash, now)
}

/** Ends every session of a user, on every device ("sign out everywhere", a password change, an account disabled). */
export async function endAllSessions(db: Executor, userId: number, now: Date) {
  await endUserSessions(db, userId, now)
}

/**
 * Another system: the token stands for the user it was issued to, with that user's roles as they are now (a right
 * removed is refused at once). Cookies are ignored. A token does not work once it has expired, while its owner is
 * disabled, or once its owner's password has been changed or reset after its secret was issued (rotating it
 * issues a new secret). Its last use is written at most once a minute, not on every request.
 */
async function authenticateToken(db: Kysely<Database>, clock: Clock, request: FastifyRequest, authorization: string) {
  const token = await findApiTokenByHash(db, sha256(authorization.slice(7).trim()))
  if (!token) return
  const now = clock.now()
  const issuedAt = token.rotatedAt ?? token.createdAt
  if (token.expiresAt.getTime() <= now.getTime()) return
  if (token.passwordChangedAt.getTime() > issuedAt.getTime()) return
  const user = await loadCurrentUser(db, token.userId, 'api-token')
  if (!user) return
  request.user = { ...user, scopes: token.scopes }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= 60_000) await touchApiToken(db, token.id, now)
}

/** A browser: its session, unless ended, idle too long, too old or revoked (then it is ended now). */
async function authenticateSession(
  db: Kysely<Database>,
  { config, clock }: { config: Config; clock: Clock },
  request: FastifyRequest,
  cookie: string,
) {
  const idHash = sha256(cookie)
  const now = clock.now().getTime()
  const session = await findOpenSession(db, idHash)
  if (!session) return
  const idleExpired = now - session.lastSeenAt.getTime() > config.session.idleMinutes * 60_000
  const absoluteExpired = now - session.startedAt.getTime() > config.session.absoluteHours * 3_600_000
  if (idleExpired || absoluteExpired || session.revoked) {
    await endSession(db, idHash, new Date(now))
    return
  }
  const user = toCurrentUser(session.user, 'session')
  if (!user) return
  request.user = user
  request.session = { idHash, csrfToken: session.csrfToken }
  // Touch at most once a minute: enough for the idle timeout, far fewer writes.
  if (now - session.lastSeenAt.getTime() > 60_000) await touchSession(db, idHash, new Date(now))
}

export default fp<{ db: Kysely<Database>; config: Config; clock: Clock }>(
  async (app, { db, config, clock }) => {
    app.decorateRequest('user', undefined)
    app.decorateRequest('session', undefined)
    app.decorate('keepSubmission', (request: FastifyRequest, reply: FastifyReply) =>
      keepSubmission({ db, config, clock }, request, reply),
    )

    app.addHook('onRequest', async request => {
      const authorization = request.headers.authorization
      if (authorization?.startsWith('Bearer ')) return authenticateToken(db, clock, request, authorization)
      const cookie = request.cookies[SESSION_COOKIE]
      if (cookie) await authenticateSession(db, { config, clock }, request, cookie)
    })
  },
  { name: 'authentication' },
)
