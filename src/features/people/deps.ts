import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { hasPermission } from '../../access/policy.ts'
import type { Permission } from '../../access/roles.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import { ForbiddenError } from '../../errors.ts'
import type { PersonRecord } from './service.ts'

/** What the people use cases are built from: the app's dependencies, the one way to open a record, and more. */
export interface PeopleDeps extends Dependencies {
  readonly withPerson: WithPerson
  /** What needs doing on the case, for the overview (another feature's reads, handed in by the service). */
  readonly needsAttention: (
    db: Executor,
    person: { id: number; crn: string },
    now: Date,
    viewer?: { mayDecideAccess?: boolean },
  ) => Promise<NonNullable<PersonRecord['attention']>>
}

/** The role check every use case makes first (the route guard has made it too, for pages and the API). */
export function requirePermission(ctx: RequestContext, permission: Permission): void {
  if (!hasPermission(ctx.user, permission)) throw new ForbiddenError('Your role does not allow this')
}
