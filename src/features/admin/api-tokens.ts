import { audit, type RequestContext } from '../../access/audit.ts'
import type { ApiTokenScope } from '../../db/schema.ts'
import type { Dependencies } from '../../dependencies.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import { FieldProblems } from '../../web/forms.ts'
import { randomToken, sha256 } from '../../web/plugins/authentication.ts'
import type { NewApiToken } from './forms.ts'
import { failIfAny, MAX_NAME } from './organisations.ts'
import {
  findApiToken,
  findUser,
  insertApiToken,
  listActiveUsers,
  listApiTokens,
  revokeApiToken as revoke,
  rotateApiToken as rotate,
} from './queries.ts'

/**
 * API tokens for other systems, each acting as a chosen user. A token is revoked, never deleted. A token works until
 * it expires (90 days unless chosen otherwise), is revoked, or its secret is rotated; and only while its owner is
 * active and has not had their password changed or reset since the secret was issued (see authentication.ts).
 */

export const API_TOKEN_SCOPES: readonly ApiTokenScope[] = ['case', 'victims', 'partner']
const VICTIM_ROLES: readonly string[] = ['victim_liaison', 'victim_liaison_manager']

type Deps = Pick<Dependencies, 'db' | 'clock' | 'config'>
const DAY = 86_400_000

export type ApiTokenStatus = 'revoked' | 'expired' | 'active'

export async function apiTokens({ db, clock }: Deps) {
  const now = clock.now().getTime()
  return (await listApiTokens(db)).map(t => ({
    ...t,
    status: (t.revokedAt ? 'revoked' : t.expiresAt.getTime() <= now ? 'expired' : 'active') as ApiTokenStatus,
  }))
}

export async function apiTokenFormOptions({ db, config }: Deps) {
  return {
    users: await listActiveUsers(db),
    defaultDays: config.apiTokens.defaultDays,
    maxDays: config.apiTokens.maxDays,
  }
}

/** The days a token is to work for, as typed on the form (blank: the default), or a problem. */
function lifetimeDays({ config }: Deps, typed: string, problems: FieldProblems): number {
  if (typed === '') return config.apiTokens.defaultDays
  const days = Number(typed)
  if (!/^\d{1,4}$/.test(typed) || days < 1 || days > config.apiTokens.maxDays)
    problems.add('expiresInDays', `Days must be a whole number from 1 to ${config.apiTokens.maxDays}`)
  return days
}

/**
 * What the token may reach: the offender record's API ('case'), the victim liaison API ('victims'), or both; a
 * partner organisation's system reaches its referrals ('partner', issue 18: the default for a partner's user). Victim
 * data has its own scope (issue 15), given only to a token acting as a victim liaison user. None ticked: case records.
 */
function tokenScopes(
  ticked: readonly string[],
  user: { roles: readonly string[]; displayName: string } | undefined,
  problems: FieldProblems,
): ApiTokenScope[] {
  if (ticked.length === 0) return user?.roles.includes('partner') ? ['partner'] : ['case']
  const scopes = API_TOKEN_SCOPES.filter(s => ticked.includes(s))
  if (scopes.length !== new Set(ticked).size) {
    problems.add('scopes', 'Select what the token may reach')
  } else if (scopes.includes('victims') && user && !user.roles.some(r => VICTIM_ROLES.includes(r))) {
    problems.add(
      'scopes',
      `${user.displayName} is not a victim liaison user: a token acting as them cannot reach victim data`,
    )
  } else if (scopes.includes('partner') && user && !user.roles.includes('partner')) {
    problems.add('scopes', `${user.displayName} is not a partner organisation's user: a partner token acts as one`)
  }
  return scopes
}

/** A new secret: returned once, to be shown once; only its SHA-256 and a short prefix (for lists) are stored. */
function newSecret() {
  const token = `probity_${randomToken()}`
  return { token, tokenHash: sha256(token), prefix: token.slice(0, 14) }
}

/** Issues a token for another system, acting as a chosen user, working for the chosen number of days. */
export async function issueApiToken(deps: Deps, ctx: RequestContext, command: NewApiToken) {
  const { db, clock } = deps
  const { name, userId } = command
  return db.transaction().execute(async trx => {
    const problems = new FieldProblems()
    if (!name) problems.add('name', 'Enter the name of the system that will use the token')
    else if (name.length > MAX_NAME) problems.add('name', `Name must be ${MAX_NAME} characters or fewer`)
    const user = userId === null ? undefined : await findUser(trx, userId)
    if (!user) problems.add('userId', 'Select the user the system acts as')
    else if (!user.active) problems.add('userId', `${user.displayName} is disabled. Choose an active user`)
    const days = lifetimeDays(deps, command.expiresInDays, problems)
    const scopes = tokenScopes(command.scopes, user, problems)
    failIfAny(problems)
    if (!user) throw new Error('A token acts as a user')
    // Only a person signed in may issue one (the admin routes refuse API tokens and anonymous requests).
    if (!ctx.user) throw new ForbiddenError('Administration is only available to people signed in to Probity')
    const { token, tokenHash, prefix } = newSecret()
    const now = clock.now()
    const expiresAt = new Date(now.getTime() + days * DAY)
    const id = await insertApiToken(trx, {
      name,
      tokenHash,
      prefix,
      userId: user.id,
      createdBy: ctx.user.id,
      createdAt: now,
      expiresAt,
      scopes,
    })
    await audit(trx, ctx, {
      action: 'API_TOKEN_ISSUED',
      subject: name,
      detail: { id, name, userId: user.id, username: user.username, prefix, expiresAt, scopes },
    })
    return { id, token, name, prefix, username: user.username, expiresAt }
  })
}

/**
 * Gives a token a new secret (the old one stops at once) and a fresh expiry of the same length it was issued for.
 * A revoked token stays revoked.
 */
export async function rotateApiToken({ db, clock }: Deps, ctx: RequestContext, id: number) {
  return db.transaction().execute(async trx => {
    const found = await findApiToken(trx, id)
    if (!found) throw new NotFoundError('No such API token')
    if (found.revokedAt) throw new ForbiddenError('This token is revoked. Issue a new one')
    const lifetime = found.expiresAt.getTime() - (found.rotatedAt ?? found.createdAt).getTime()
    const now = clock.now()
    const expiresAt = new Date(now.getTime() + Math.max(DAY, lifetime))
    const { token, tokenHash, prefix } = newSecret()
    await rotate(trx, id, { tokenHash, prefix, now, expiresAt })
    await audit(trx, ctx, {
      action: 'API_TOKEN_ROTATED',
      subject: found.name,
      detail: { id, oldPrefix: found.prefix, prefix, expiresAt },
    })
    return { id, token, name: found.name, prefix, username: found.username, expiresAt }
  })
}

export async function revokeApiToken({ db, clock }: Deps, ctx: RequestContext, id: number) {
  return db.transaction().execute(async trx => {
    const token = await findApiToken(trx, id)
    if (!token) throw new NotFoundError('No such API token')
    if (token.revokedAt) return
    await revoke(trx, id, clock.now())
    await audit(trx, ctx, { action: 'API_TOKEN_REVOKED', subject: token.name, detail: { id, prefix: token.prefix } })
  })
}
