import type { Kysely, Transaction } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import * as q from './queries.ts'

/** What MAPPA management's use cases share: the database, the clock and the one way to open a person's record. */
export interface MappaDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly withPerson: WithPerson
}

/** A person's record opened for MAPPA work: who, and whether the user may change it. */
export interface OpenedCase {
  person: q.MappaPerson
  canUpdate: boolean
}

/** Opens the person with this CRN (access checked, a refusal audited) for MAPPA work. */
export function withMappaCase<T>(
  deps: MappaDeps,
  ctx: RequestContext,
  crn: string,
  mode: 'read' | 'update',
  work: (trx: Transaction<Database>, opened: OpenedCase) => Promise<T>,
): Promise<T> {
  return deps.withPerson(ctx, crn, mode, async (trx, access) => {
    const person = await q.findPerson(trx, access.personId)
    if (!person) throw new NotFoundError('There is no person with that CRN')
    return work(trx, { person, canUpdate: access.canUpdate })
  })
}

/** Whether the user is a senior (team manager): only a senior sets the MAPPA level or decides category 3. */
export const isSenior = (ctx: RequestContext) => ctx.user?.roles.includes('senior') ?? false

/** Refuses anyone but a senior, saying what only a senior may do. */
export function requireSenior(ctx: RequestContext, what: string): void {
  if (!isSenior(ctx)) throw new ForbiddenError(`Only a senior (team manager) can ${what}.`)
}
