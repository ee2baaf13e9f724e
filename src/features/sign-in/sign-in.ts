import { audit, type RequestContext } from '../../access/audit.ts'
import { decoyPasswordHash, verifyPassword } from '../../access/passwords.ts'
import type { Dependencies } from '../../dependencies.ts'
import {
  claimSignInTry,
  clearSourceThrottle,
  countWrongPassword,
  findUserForSignIn,
  insertSignInAttempt,
  recordSignIn,
  sourceBlockedUntil,
} from './queries.ts'

export type SignInResult =
  | { ok: true; userId: number }
  | { ok: false; message: string; /** seconds to wait, when the source is throttled */ retryAfter?: number }

/** The same words whatever was wrong (no such user, disabled, locked, wrong password): usernames stay secret. */
export const WRONG = 'Enter a correct username and password. If you cannot sign in, ask an administrator'

/** "1 second", "8 seconds", "4 minutes": how long to wait, in words. */
function waitInWords(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`
  return `${Math.ceil(seconds / 60)} minutes`
}

/**
 * Checks a username and password, slowing down guessing without handing anyone a way to lock others out:
 *
 * - Every try is counted first, per account name (existing or not) and source address, atomically
 *   (`claimSignInTry`). After `freeAttempts` tries from one source, that source waits 1, 2, 4 … seconds (up to
 *   `maxDelaySeconds`) between tries, and a try while it waits is refused unchecked. Other sources are unaffected,
 *   so a flood from one address does not stop the owner signing in from theirs.
 * - Wrong passwords from all sources count against the account (`countWrongPassword`); at `maxFailures` it is
 *   locked for `lockoutMinutes` (audited), until then or until an administrator unlocks it or resets its password.
 * - Unknown, disabled and locked accounts get the same answer as a wrong password, after the same argon2 work.
 */
export function createSignIn({ db, config, clock }: Pick<Dependencies, 'db' | 'config' | 'clock'>) {
  const policy = config.signIn
  const system = (ctx: RequestContext) => ({ ...ctx, user: undefined })

  /** A source that must still wait: refused unchecked, with how long to wait (the same for any account name). */
  async function throttled(key: { username: string; source: string }): Promise<SignInResult> {
    const until = await sourceBlockedUntil(db, key)
    const seconds = Math.max(1, Math.ceil(((until?.getTime() ?? 0) - clock.now().getTime()) / 1000))
    return { ok: false, message: `Too many attempts. Try again in ${waitInWords(seconds)}`, retryAfter: seconds }
  }

  const signInEvent = (action: string, username: string, detail?: Record<string, unknown>) => ({
    action,
    subject: username,
    ...(detail ? { detail } : {}),
  })

  return async function signIn(username: string, password: string, ctx: RequestContext): Promise<SignInResult> {
    const key = { username: username.toLowerCase().slice(0, 200), source: ctx.ip ?? 'unknown' }
    const attempt = (succeeded: boolean) =>
      insertSignInAttempt(db, { username: username.slice(0, 200), ip: ctx.ip, succeeded })
    const user = await findUserForSignIn(db, username)
    const now = clock.now()
    const claim = await claimSignInTry(db, key, now, policy)
    if (!claim) {
      await attempt(false)
      return throttled(key)
    }
    // The hash is checked whatever the account's state, so every refusal takes the same time.
    const usable = user?.active === true && !(user.lockedUntil && user.lockedUntil.getTime() > now.getTime())
    const right = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password)
    if (!user || !usable || !right) {
      await attempt(false)
      if (user && usable) await wrongPassword(user, claim, ctx)
      return { ok: false, message: WRONG }
    }
    await recordSignIn(db, user.id, now)
    await clearSourceThrottle(db, key)
    await attempt(true)
    await audit(db, system(ctx), signInEvent('SIGN_IN', user.username, { userId: user.id }))
    return { ok: true, userId: user.id }
  }

  async function wrongPassword(
    user: { id: number; username: string },
    claim: { failures: number; blockedUntil: Date | null },
    ctx: RequestContext,
  ) {
    const now = clock.now()
    const lockedUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000)
    const locked = await countWrongPassword(db, user.id, { maxFailures: policy.maxFailures, now, lockedUntil })
    await audit(db, system(ctx), signInEvent('SIGN_IN_FAILED', user.username))
    if (claim.failures === policy.freeAttempts)
      await audit(db, system(ctx), signInEvent('SIGN_IN_THROTTLED', user.username, { source: ctx.ip }))
    if (locked) await audit(db, system(ctx), signInEvent('ACCOUNT_LOCKED', user.username, { lockedUntil }))
  }
}
