import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { canPlacePerson, hasPermission } from '../../access/policy.ts'
import { NATIONAL_READ_ROLES } from '../../access/roles.ts'
import { wholeRecord, type PersonAccessMode, type WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import * as q from './queries.ts'

/** What approved premises' use cases share: the database, the clock and the one way to open a person's record. */
export interface ApDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly withPerson: WithPerson
}

/** The provider whose premises the user sees, or null for a national role (every provider's). */
export function premisesProvider(ctx: RequestContext): number | null | 'none' {
  const user = ctx.user
  if (!user) return 'none'
  if (user.roles.some(r => NATIONAL_READ_ROLES.includes(r))) return null
  return user.providerId ?? 'none'
}

/**
 * The premises with this id, if the user may see it (their provider's, or any for a national role): otherwise
 * `NotFoundError` for an unknown one and `ForbiddenError` for another provider's.
 */
export async function openPremises(db: Executor, ctx: RequestContext, premisesId: number): Promise<q.PremisesRow> {
  const premises = await q.findPremises(db, premisesId)
  if (!premises) throw new NotFoundError('There are no approved premises with that id')
  const provider = premisesProvider(ctx)
  if (provider !== null && provider !== premises.provider_id)
    throw new ForbiddenError('These approved premises belong to another provider')
  return premises
}

/** Whether the user may manage beds and bookings (approved premises staff, administrators). */
export const canManage = (ctx: RequestContext) => hasPermission(ctx.user, 'premises:manage')

/** Refuses anyone who may not manage beds and bookings. */
export function requireManage(ctx: RequestContext): void {
  if (!canManage(ctx)) throw new ForbiddenError('Only approved premises staff can manage beds and bookings')
}

/**
 * Booking a person into approved premises is a change to where they will live: the user must be able to read the
 * whole record (their provider's, not excluded or restricted); the role's `premises:manage` is checked by the route
 * and again by the use case.
 */
export const BOOK_PERSON: PersonAccessMode = {
  name: 'approved premises booking',
  decide: (user, facts) => wholeRecord(canPlacePerson(user, facts)),
}
