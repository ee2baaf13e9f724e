import type { RequestContext } from '../../access/audit.ts'
import type { PersonAccessMode, WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { NotFoundError } from '../../errors.ts'
import { findPerson, type PersonRow } from './queries.ts'

/** What every sentencing use case works with: the way into a person's record, and the clock. */
export interface SentencingDeps {
  readonly withPerson: WithPerson
  readonly clock: Clock
}

/** The person as the sentencing pages show them, with whether this user may change the record. */
export type SentencingPerson = PersonRow & { canUpdate: boolean }

/**
 * Opens a person's record (access checked by `withPerson`) and runs `work` on their row in the same transaction.
 *
 * @example
 * await openRecord(deps, ctx, 'X100001', 'update', async (trx, person) => addTheEvent(trx, person))
 */
export function openRecord<T>(
  deps: SentencingDeps,
  ctx: RequestContext,
  crn: string,
  mode: PersonAccessMode,
  work: (trx: Transaction<Database>, person: SentencingPerson) => Promise<T>,
): Promise<T> {
  return deps.withPerson(ctx, crn, mode, async (trx, access) => {
    const person = await findPerson(trx, access.personId)
    if (!person) throw new NotFoundError('No person with that CRN')
    return work(trx, { ...person, canUpdate: access.canUpdate })
  })
}
