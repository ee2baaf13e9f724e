import { audit, type RequestContext } from '../../access/audit.ts'
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
} from './queries.ts'

/** API tokens for other systems, each acting as a chosen user. A token is revoked, never deleted. */

type Deps = Pick<Dependencies, 'db' | 'clock'>

export async function apiTokens({ db }: Deps) {
  return listApiTokens(db)
}

export async function apiTokenFormOptions({ db }: Deps) {
  return { users: await listActiveUsers(db) }
}

/**
 * Issues a token for another system, acting as a chosen user. The token is returned once, to be shown
 * once: only its SHA-256 and a short prefix (to recognise it in lists and logs) are stored.
 */
export async function issueApiToken({ db }: Deps, ctx: RequestContext, command: NewApiToken) {
  const { name, userId } = command
  return db.transaction().execute(async trx => {
    const problems = new FieldProblems()
    if (!name) problems.add('name', 'Enter the name of the system that will use the token')
    else if (name.length > MAX_NAME) problems.add('name', `Name must be ${MAX_NAME} characters or fewer`)
    const user = userId === null ? undefined : await findUser(trx, userId)
    if (!user) problems.add('userId', 'Select the user the system acts as')
    else if (!user.active) problems.add('userId', `${user.displayName} is disabled. Choose an active user`)
    failIfAny(problems)
    if (!user) throw new Error('A token acts as a user')
    // Only a person signed in may issue one (the admin routes refuse API tokens and anonymous requests).
    if (!ctx.user) throw new ForbiddenError('Administration is only available to people signed in to Probity')
    const token = `probity_${randomToken()}`
    const prefix = token.slice(0, 14)
    const id = await insertApiToken(trx, {
      name,
      tokenHash: sha256(token),
      prefix,
      userId: user.id,
      createdBy: ctx.user.id,
    })
    await audit(trx, ctx, {
      action: 'API_TOKEN_ISSUED',
      subject: name,
      detail: { id, name, userId: user.id, username: user.username, prefix },
    })
    return { id, token, name, prefix, username: user.username }
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
