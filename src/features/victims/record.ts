import type { Transaction } from 'kysely'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { Database } from '../../db/schema.ts'
import { vcsEligibility, type VcsEligibility } from '../../domain/public-protection/index.ts'
import { loadProtectionFacts } from '../public-protection/index.ts'
import { victimSubject, withVictim, type VictimsDeps } from './context.ts'
import * as q from './queries.ts'

/** What the victim is entitled to know about the offender: never an address (issue 15, rules-and-outcomes §3.4). */
export interface OffenderFacts {
  crn: string
  name: string
  caseStatus: string
  sentences: Awaited<ReturnType<typeof q.offenderSentences>>
  custody: Awaited<ReturnType<typeof q.offenderCustody>>
}

/** One victim's record as the victim liaison officer sees it. */
export interface VictimRecord {
  victim: q.VictimRow
  details: q.DetailsRow[]
  referrals: Awaited<ReturnType<typeof q.referralsOf>>
  decisions: Awaited<ReturnType<typeof q.decisionsOf>>
  assignments: Awaited<ReturnType<typeof q.assignmentsOf>>
  contacts: Awaited<ReturnType<typeof q.contactsOf>>
  offender: OffenderFacts
  eligibility: VcsEligibility
  /** The provider's victim liaison officers, for the officer form. */
  officers: Awaited<ReturnType<typeof q.liaisonUsers>>
}

async function loadRecord(deps: VictimsDeps, trx: Transaction<Database>, victim: q.VictimRow): Promise<VictimRecord> {
  const facts = await loadProtectionFacts(trx, victim.person_id, deps.clock.today())
  return {
    victim,
    details: await q.detailsHistory(trx, victim.id),
    referrals: await q.referralsOf(trx, victim.id),
    decisions: await q.decisionsOf(trx, victim.id),
    assignments: await q.assignmentsOf(trx, victim.id),
    contacts: await q.contactsOf(trx, victim.id),
    offender: {
      crn: victim.crn,
      name: `${victim.offender_forename} ${victim.offender_surname}`,
      caseStatus: victim.case_status,
      sentences: await q.offenderSentences(trx, victim.person_id),
      custody: await q.offenderCustody(trx, victim.person_id),
    },
    eligibility: vcsEligibility(facts),
    officers: victim.managing_provider_id ? await q.liaisonUsers(trx, victim.managing_provider_id) : [],
  }
}

/**
 * Opens a victim's record (details with their history, referral, decisions, officer, contacts, the offender facts
 * they are entitled to, eligibility) and audits the look (VICTIM_VIEW, no person id, the victim's id only).
 */
export function victimRecord(
  deps: VictimsDeps,
  ctx: RequestContext,
  victimId: number,
  via: 'page' | 'api' = 'page',
): Promise<VictimRecord> {
  return withVictim(deps, ctx, victimId, 'read', async (trx, victim) => {
    const record = await loadRecord(deps, trx, victim)
    await audit(trx, ctx, {
      action: 'VICTIM_VIEW',
      personId: null,
      subject: victimSubject(victimId),
      detail: { victimId, via },
    })
    return record
  })
}
