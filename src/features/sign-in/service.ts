import type { Kysely } from 'kysely'
import { audit, type RequestContext } from '../../access/audit.ts'
import { decoyPasswordHash, hashPassword, passwordProblems, verifyPassword } from '../../access/passwords.ts'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { ValidationError } from '../../errors.ts'
import { endAllSessions } from '../../web/plugins/authentication.ts'

export type SignInResult = { ok: true; userId: number } | { ok: false; message: string }

/** The same words whatever was wrong, so the page does not reveal which usernames exist. */
const WRONG = 'Enter a correct username and password'

/**
 * Checks a username and password. After `maxFailures` wrong passwords in a row the account is locked for
 * `lockoutMinutes` (the lock is shown as a plain "try later", never as a hint that the password was right).
 */
export function createSignInService({ db, config }: { db: Kysely<Database>; config: Config }) {
  async function recordAttempt(username: string, ip: string | null, succeeded: boolean) {
    await db
      .insertInto('sign_in_attempts')
      .values({ username: username.slice(0, 200), ip, succeeded })
      .execute()
  }

  return {
    async signIn(username: string, password: string, ctx: RequestContext): Promise<SignInResult> {
      const user = await db
        .selectFrom('users')
        .select(['id', 'username', 'password_hash', 'active', 'locked_until', 'failed_attempts'])
        .where(eb => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
        .executeTakeFirst()
      if (!user || !user.active) {
        await verifyPassword(await decoyPasswordHash(), password)
        await recordAttempt(username, ctx.ip, false)
        return { ok: false, message: WRONG }
      }
      if (user.locked_until && user.locked_until.getTime() > Date.now()) {
        await recordAttempt(username, ctx.ip, false)
        return {
          ok: false,
          message: `This account is locked after too many failed attempts. Try again in ${config.signIn.lockoutMinutes} minutes or ask an administrator to unlock it.`,
        }
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        const failures = user.failed_attempts + 1
        const lock = failures >= config.signIn.maxFailures
        await db
          .updateTable('users')
          .set({
            failed_attempts: lock ? 0 : failures,
            locked_until: lock ? new Date(Date.now() + config.signIn.lockoutMinutes * 60_000) : null,
          })
          .where('id', '=', user.id)
          .execute()
        await recordAttempt(username, ctx.ip, false)
        await audit(
          db,
          { ...ctx, user: undefined },
          { action: lock ? 'ACCOUNT_LOCKED' : 'SIGN_IN_FAILED', subject: user.username },
        )
        return { ok: false, message: WRONG }
      }
      await db
        .updateTable('users')
        .set({ failed_attempts: 0, locked_until: null, last_sign_in_at: new Date() })
        .where('id', '=', user.id)
        .execute()
      await recordAttempt(username, ctx.ip, true)
      await audit(
        db,
        { ...ctx, user: undefined },
        { action: 'SIGN_IN', subject: user.username, detail: { userId: user.id } },
      )
      return { ok: true, userId: user.id }
    },

    /** Changes a password after checking the current one; every other session is signed out. */
    async changePassword(userId: number, current: string, next: string, confirm: string, ctx: RequestContext) {
      const user = await db
        .selectFrom('users')
        .select(['username', 'password_hash'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
      const errors = []
      if (!(await verifyPassword(user.password_hash, current)))
        errors.push({ field: 'currentPassword', message: 'Enter your current password correctly' })
      errors.push(...passwordProblems(next, user.username, 'newPassword'))
      if (next !== confirm) errors.push({ field: 'confirmPassword', message: 'The passwords do not match' })
      if (errors.length) throw new ValidationError(errors)
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(next), password_changed_at: new Date() })
        .where('id', '=', userId)
        .execute()
      await endAllSessions(db, userId)
      await audit(db, ctx, { action: 'PASSWORD_CHANGED', subject: user.username })
    },

    async signOutEverywhere(userId: number, ctx: RequestContext) {
      await endAllSessions(db, userId)
      await audit(db, ctx, { action: 'SIGN_OUT_EVERYWHERE', subject: ctx.user?.username })
    },
  }
}

export type SignInService = ReturnType<typeof createSignInService>
