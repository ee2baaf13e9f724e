import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import { NATIONAL_READ_ROLES } from '../../access/roles.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'

/** What unpaid work's use cases share: the database, the clock and the one way to open a person's record. */
export interface UpwDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly withPerson: WithPerson
}

/** The provider whose projects, sessions and nominations the user sees, or null for a national role (every one). */
export function upwProvider(ctx: RequestContext): number | null | 'none' {
  const user = ctx.user
  if (!user) return 'none'
  if (user.roles.some(r => NATIONAL_READ_ROLES.includes(r))) return null
  return user.providerId ?? 'none'
}
