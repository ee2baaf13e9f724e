import type { Transaction } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { Role } from '../../access/roles.ts'
import type { PersonAccessMode, WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import { findPerson, type PersonRow } from './queries.ts'

/** What every licence use case works with: the way into a person's record, and the clock. */
export interface LicencesDeps {
  readonly withPerson: WithPerson
  readonly clock: Clock
}

export type LicencePerson = PersonRow & { canUpdate: boolean }

/** Who may approve a licence or a variation, or return it: a senior (team manager). */
export const APPROVER_ROLES: readonly Role[] = ['senior']

export const isApprover = (ctx: RequestContext) => !!ctx.user && ctx.user.roles.some(r => APPROVER_ROLES.includes(r))

export function requireApprover(ctx: RequestContext) {
  if (!isApprover(ctx)) throw new ForbiddenError('Only a senior (team manager) can approve or return a licence')
}

/**
 * Opens a person's record (access checked by `withPerson`) and runs `work` on their row in the same transaction.
 *
 * @example
 * await openRecord(deps, ctx, 'X100001', 'update', async (trx, person) => saveTheDraft(trx, person))
 */
export function openRecord<T>(
  deps: LicencesDeps,
  ctx: RequestContext,
  crn: string,
  mode: PersonAccessMode,
  work: (trx: Transaction<Database>, person: LicencePerson) => Promise<T>,
): Promise<T> {
  return deps.withPerson(ctx, crn, mode, async (trx, access) => {
    const person = await findPerson(trx, access.personId)
    if (!person) throw new NotFoundError('No person with that CRN')
    return work(trx, { ...person, canUpdate: access.canUpdate })
  })
}
