import { audit, type RequestContext } from '../../access/audit.ts'
import { decoyPasswordHash, hashPassword, passwordProblems, verifyPassword } from '../../access/passwords.ts'
import type { Dependencies } from '../../dependencies.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { endAllSessions, endSession, startSession, type SessionBrowser } from '../../web/plugins/authentication.ts'
import {
  findUserForSignIn,
  findUserPassword,
  insertSignInAttempt,
  recordFailedPassword,
  recordSignIn,
  updatePassword,
} from './queries.ts'

export type SignInResult = { ok: true; userId: number } | { ok: false; message: string }

/** The same words whatever was wrong, so the page does not reveal which usernames exist. */
const WRONG = 'Enter a correct username and password'

type SignInUser = NonNullable<Awaited<ReturnType<typeof findUserForSignIn>>>

/**
 * Checks a username and password. After `maxFailures` wrong passwords in a row the account is locked for
 * `lockoutMinutes` (the lock is shown as a plain "try later", never as a hint that the password was right).
 * Lockouts, sign-ins, password changes and sessions read the time from the clock the service was given.
 */
export function createSignInService({ db, config, clock }: Dependencies) {
  async function recordAttempt(username: string, ip: string | null, succeeded: boolean) {
    await insertSignInAttempt(db, { username: username.slice(0, 200), ip, succeeded })
  }

  /** A wrong password: counted, and after too many in a row the account is locked from now. */
  async function wrongPassword(user: SignInUser, username: string, ctx: RequestContext): Promise<SignInResult> {
    const failures = user.failedAttempts + 1
    const lock = failures >= config.signIn.maxFailures
    await recordFailedPassword(db, user.id, {
      failedAttempts: lock ? 0 : failures,
      lockedUntil: lock ? new Date(clock.now().getTime() + config.signIn.lockoutMinutes * 60_000) : null,
    })
    await recordAttempt(username, ctx.ip, false)
    await audit(
      db,
      { ...ctx, user: undefined },
      { action: lock ? 'ACCOUNT_LOCKED' : 'SIGN_IN_FAILED', subject: user.username },
    )
    return { ok: false, message: WRONG }
  }

  return {
    async signIn(username: string, password: string, ctx: RequestContext): Promise<SignInResult> {
      const user = await findUserForSignIn(db, username)
      if (!user || !user.active) {
        await verifyPassword(await decoyPasswordHash(), password)
        await recordAttempt(username, ctx.ip, false)
        return { ok: false, message: WRONG }
      }
      if (user.lockedUntil && user.lockedUntil.getTime() > clock.now().getTime()) {
        await recordAttempt(username, ctx.ip, false)
        return {
          ok: false,
          message: `This account is locked after too many failed attempts. Try again in ${config.signIn.lockoutMinutes} minutes or ask an administrator to unlock it.`,
        }
      }
      if (!(await verifyPassword(user.passwordHash, password))) return wrongPassword(user, username, ctx)
      await recordSignIn(db, user.id, clock.now())
      await recordAttempt(username, ctx.ip, true)
      await audit(
        db,
        { ...ctx, user: undefined },
        { action: 'SIGN_IN', subject: user.username, detail: { userId: user.id } },
      )
      return { ok: true, userId: user.id }
    },

    /** Starts a session for a user who has just signed in (ending the browser's old one); returns the cookie's id. */
    async startSession(userId: number, browser: SessionBrowser): Promise<string> {
      return startSession(db, clock.now(), browser, userId)
    },

    async endSession(idHash: string): Promise<void> {
      await endSession(db, idHash, clock.now())
    },

    /** Changes a password after checking the current one; every other session is signed out. */
    async changePassword(userId: number, current: string, next: string, confirm: string, ctx: RequestContext) {
      const user = await findUserPassword(db, userId)
      const errors: FieldError[] = []
      if (!(await verifyPassword(user.passwordHash, current)))
        errors.push({ field: 'currentPassword', message: 'Enter your current password correctly' })
      errors.push(...passwordProblems(next, user.username, 'newPassword'))
      if (next !== confirm) errors.push({ field: 'confirmPassword', message: 'The passwords do not match' })
      if (errors.length) throw new ValidationError(errors)
      const now = clock.now()
      await updatePassword(db, userId, await hashPassword(next), now)
      await endAllSessions(db, userId, now)
      await audit(db, ctx, { action: 'PASSWORD_CHANGED', subject: user.username })
    },

    async signOutEverywhere(userId: number, ctx: RequestContext) {
      await endAllSessions(db, userId, clock.now())
      await audit(db, ctx, { action: 'SIGN_OUT_EVERYWHERE', subject: ctx.user?.username })
    },
  }
}

export type SignInService = ReturnType<typeof createSignInService>
