import type { Kysely } from 'kysely'
import type { RequestContext } from '../../access/audit.ts'
import { NATIONAL_READ_ROLES } from '../../access/roles.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'

/** What partner services' use cases share: the database, the clock and the one way to open a person's record. */
export interface PartnerDeps {
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly withPerson: WithPerson
}

/**
 * The partner organisation whose referrals a partner user sees (issue 18 item 3), or undefined when the user is not
 * a partner organisation's user. Every partner-facing use case starts here and filters by it.
 */
export function partnerOrganisationOf(ctx: RequestContext): number | undefined {
  const user = ctx.user
  if (!user || !user.roles.includes('partner')) return undefined
  return user.partnerOrganisationId ?? undefined
}

/**
 * The probation provider whose referrals a monitoring user sees (team and provider level only), or null for a
 * national role and a contract manager (every provider's).
 */
export function monitoringProvider(ctx: RequestContext): number | null | 'none' {
  const user = ctx.user
  if (!user) return 'none'
  if (user.roles.some(r => NATIONAL_READ_ROLES.includes(r) || r === 'contract_manager')) return null
  return user.providerId ?? 'none'
}
