import type { Kysely, Transaction } from 'kysely'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { ReadScope } from '../../access/policy.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { NotFoundError } from '../../errors.ts'
import { findPersonById, type SupervisedPerson } from './queries.ts'

/**
 * What supervision's use cases share: the database, the clock, the one way to open a person's record, and the
 * audit of a look at one of supervision's pages.
 */
export interface SupervisionDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly withPerson: WithPerson
}

export const SUPERVISION_VIEW = 'SUPERVISION_VIEW'

export type Person = SupervisedPerson

export const fullName = (p: { forename: string; surname: string }) => `${p.forename} ${p.surname}`

/**
 * Opens the person with this CRN for `work` in one transaction (access checked, a refusal audited), with
 * supervision's row of them and whether the user may change the record.
 */
export function withSupervisedPerson<T>(
  deps: SupervisionDeps,
  ctx: RequestContext,
  crn: string,
  mode: 'read' | 'read-scoped' | 'update',
  work: (trx: Transaction<Database>, p: Person, canUpdate: boolean, scope?: ReadScope) => Promise<T>,
): Promise<T> {
  return deps.withPerson(ctx, crn, mode, async (trx, access) => {
    const p = await findPersonById(trx, access.personId)
    if (!p) throw new NotFoundError('There is no person with that CRN')
    return work(trx, p, access.canUpdate, access.scope)
  })
}

/** Audits a look at one of supervision's pages of a person. */
export async function viewed(
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  page: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await audit(trx, ctx, { action: SUPERVISION_VIEW, personId: p.id, subject: p.crn, detail: { page, ...detail } })
}
