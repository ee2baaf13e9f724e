import type { Kysely, Transaction } from 'kysely'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { CurrentUser } from '../../access/current-user.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import * as q from './queries.ts'

/** What the victims use cases share: the database and the clock. */
export interface VictimsDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
}

/** The reason a victim liaison officer who manages (or managed) the offender's case is refused (issue 15). */
export const CONFLICT_OF_INTEREST = 'conflict of interest: you manage this person’s case'
export const OTHER_PROVIDER = 'This victim’s offender is managed by another provider’s victim liaison team'

/** The audit subject of a victim: never their name. */
export const victimSubject = (victimId: number) => `victim:${victimId}`

/**
 * Why this user may not work on victims of this offender, or null: another provider's case (unless the user is the
 * victim's officer), or a case the user manages or managed (conflict of interest), checked first.
 */
export async function victimRefusal(
  db: Transaction<Database> | Kysely<Database>,
  user: CurrentUser | undefined,
  offender: { personId: number; providerId: number | null },
  officerUserId: number | null = null,
): Promise<string | null> {
  if (!user) return 'Sign in to continue'
  if (user.staffId !== null && (await q.hasManaged(db, offender.personId, user.staffId))) return CONFLICT_OF_INTEREST
  // An unallocated case (no managing provider yet) is open to any victim liaison team, so victim work is not held up.
  const otherProvider = offender.providerId !== null && offender.providerId !== user.providerId
  if (otherProvider && officerUserId !== user.id) return OTHER_PROVIDER
  return null
}

/**
 * Opens one victim's record for `work`, in one transaction: the victim must exist and the user may work on them
 * (`victimRefusal`). A refusal is audited (VICTIM_ACCESS_REFUSED, no person id, no name) and committed before the
 * `ForbiddenError` is thrown; an unknown victim is `NotFoundError`.
 */
export async function withVictim<T>(
  deps: VictimsDeps,
  ctx: RequestContext,
  victimId: number,
  attempted: 'read' | 'write',
  work: (trx: Transaction<Database>, victim: q.VictimRow) => Promise<T>,
): Promise<T> {
  const outcome = await deps.db.transaction().execute(async trx => {
    const victim = Number.isSafeInteger(victimId) ? await q.findVictim(trx, victimId) : undefined
    if (!victim) return { kind: 'not-found' as const }
    const offender = { personId: victim.person_id, providerId: victim.managing_provider_id }
    const reason = await victimRefusal(trx, ctx.user, offender, victim.officer_user_id)
    if (reason) {
      await audit(trx, ctx, {
        action: 'VICTIM_ACCESS_REFUSED',
        personId: null,
        subject: victimSubject(victimId),
        detail: { victimId, attempted, reason },
      })
      return { kind: 'denied' as const, reason }
    }
    return { kind: 'ok' as const, value: await work(trx, victim) }
  })
  if (outcome.kind === 'not-found') throw new NotFoundError('There is no victim with that reference')
  if (outcome.kind === 'denied') throw new ForbiddenError(outcome.reason)
  return outcome.value
}
