import { audit, type RequestContext } from '../../access/audit.ts'
import { hashPassword, passwordProblems, verifyPassword } from '../../access/passwords.ts'
import type { Dependencies } from '../../dependencies.ts'
import { ValidationError, type FieldError } from '../../errors.ts'
import { endAllSessions, endSession, startSession, type SessionBrowser } from '../../web/plugins/authentication.ts'
import { findUserPassword, updatePassword } from './queries.ts'
import { createKeptSubmissions } from './kept-submissions.ts'
import { createSignIn } from './sign-in.ts'

export type { SignInResult } from './sign-in.ts'

/**
 * Signing in (see `sign-in.ts` for how guessing is slowed down), sessions and the user's own password. Sign-ins,
 * password changes and sessions read the time from the clock the service was given.
 */
export function createSignInService({ db, config, clock }: Dependencies) {
  const signIn = createSignIn({ db, config, clock })
  return {
    signIn,
    /** Forms kept when a session ended, for their user to submit once signed in again. */
    keptSubmissions: createKeptSubmissions({ db, clock }),

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
      errors.push(...passwordProblems(next, user.username, 'newPassword', [user.displayName]))
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
