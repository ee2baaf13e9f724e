import type { Kysely } from 'kysely'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Config } from '../../config.ts'
import type { Database } from '../../db/schema.ts'
import { claimExpiredGrants, crnsOf } from './queries.ts'

/** What the sharing use cases are built from. */
export interface SharingDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly settings: Config['sharing']
  readonly withPerson: WithPerson
}

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

/**
 * Writes ACCESS_EXPIRED for every grant that has run out since the last sweep, once each. Expiry needs no action
 * (the policy compares the expiry with "now"); this puts it in the trail. Run at the start of the sharing pages and
 * by `probity`-style jobs; the row names the system, not the user whose request happened to run it.
 */
export async function auditExpiries(db: Executor, ctx: RequestContext, now: Date): Promise<number> {
  const expired = await claimExpiredGrants(db, now)
  const crns = await crnsOf(
    db,
    expired.map(g => g.person_id),
  )
  for (const g of expired) {
    await audit(
      db,
      { user: undefined, requestId: ctx.requestId, ip: null },
      {
        action: 'ACCESS_EXPIRED',
        personId: g.person_id,
        subject: crns.get(g.person_id) ?? null,
        detail: { grantId: g.id, userId: g.user_id, kind: g.kind, expiredAt: g.expires_at?.toISOString() ?? null },
      },
    )
  }
  return expired.length
}
