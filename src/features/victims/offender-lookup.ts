import type { RequestContext } from '../../access/audit.ts'
import { victimRefusal, type VictimsDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * The offender a referral is about, by CRN, so the officer can confirm the name before recording it: the name and CRN
 * only (never an address), and why a referral would be refused (another provider, a conflict of interest). Null when
 * the CRN is not a record's.
 */
export async function offenderForReferral(
  deps: VictimsDeps,
  ctx: RequestContext,
  crn: string,
): Promise<{ crn: string; name: string; refusal: string | null } | null> {
  const wanted = crn.trim().toUpperCase()
  if (!/^[A-Z][0-9]{6}$/.test(wanted)) return null
  const offender = await q.findOffenderByCrn(deps.db, wanted)
  if (!offender) return null
  const refusal = await victimRefusal(deps.db, ctx.user, {
    personId: offender.id,
    providerId: offender.managing_provider_id,
  })
  return { crn: offender.crn, name: `${offender.forename} ${offender.surname}`, refusal }
}
