import type { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import { hasPermission } from '../../access/policy.ts'
import { vcsEligibility } from '../../domain/public-protection/index.ts'
import { violentOrSexualOffenceCodes } from '../../domain/recall/index.ts'
import { loadProtectionFactsFor } from '../public-protection/index.ts'
import type { VictimsDeps } from './context.ts'
import * as q from './queries.ts'

/** An eligible case whose victims have not been referred within 20 working days of sentence (§3.3). */
export interface OverdueReferral {
  personId: number
  crn: string
  name: string
  qualifyingDate: LocalDate
  dueBy: LocalDate
  reason: string
}

export interface VictimWorkList {
  /** The longest overdue first, at most `OVERDUE_SHOWN` (or the number asked for). */
  overdue: OverdueReferral[]
  /** More referrals may be overdue than are shown (the list stops at the longest overdue). */
  moreOverdue: boolean
  mine: q.VictimListRow[]
  /** Victims with no officer: shown to a manager (`victim:manage`) only; null for others. */
  unassigned: q.VictimListRow[] | null
}

/** How far back a sentence or hospital order is looked for: the scheme's work is with recent cases. */
const LOOK_BACK_YEARS = 2
/** How many overdue referrals the list shows: the longest overdue, the officer's next work. */
export const OVERDUE_SHOWN = 50
/** Candidates read per overdue referral shown: the rule turns some down (the SQL is a wider pre-filter), and a person
 * may be read twice. */
const CANDIDATES_PER_SHOWN = 1.5

/**
 * The victim liaison team's work list: (a) the provider's cases eligible for the scheme (`vcsEligibility`) whose
 * sentence or hospital order is in the last 2 years and whose referral is overdue, the longest overdue first (at most
 * `OVERDUE_SHOWN`), pre-filtered in SQL in date order so the rule runs on a few cases, not the provider's whole
 * caseload; (b) the user's victims; (c) unassigned victims (managers).
 * The look is audited (VICTIM_LIST_VIEW) with ids only and no person id.
 */
export async function workList(
  deps: VictimsDeps,
  ctx: RequestContext,
  shown: number = OVERDUE_SHOWN,
): Promise<VictimWorkList> {
  const today = deps.clock.today()
  const since = today.minusYears(LOOK_BACK_YEARS)
  const providerId = ctx.user?.providerId ?? null
  return deps.db.transaction().execute(async trx => {
    const limit = Math.ceil(shown * CANDIDATES_PER_SHOWN)
    const read = providerId
      ? await q.referralCandidates(trx, providerId, since.toString(), violentOrSexualOffenceCodes(), limit)
      : []
    const candidates = [...new Map(read.map(c => [c.id, c])).values()]
    const facts = await loadProtectionFactsFor(
      trx,
      candidates.map(c => c.id),
      today,
    )
    const eligible: OverdueReferral[] = []
    for (const c of candidates) {
      const e = vcsEligibility(facts.get(c.id)!)
      if (!e.eligible || !e.qualifyingDate || !e.referralDueBy) continue
      if (e.qualifyingDate.isBefore(since) || !e.referralDueBy.isBefore(today)) continue
      eligible.push({
        personId: c.id,
        crn: c.crn,
        name: `${c.forename} ${c.surname}`,
        qualifyingDate: e.qualifyingDate,
        dueBy: e.referralDueBy,
        reason: e.reason,
      })
    }
    eligible.sort((a, b) => a.dueBy.compareTo(b.dueBy))
    const overdue = eligible.slice(0, shown)
    const moreOverdue = eligible.length > shown || read.length === limit
    const mine = ctx.user ? await q.victimsOfOfficer(trx, ctx.user.id) : []
    const manager = hasPermission(ctx.user, 'victim:manage')
    const unassigned = manager && providerId ? await q.unassignedVictims(trx, providerId) : manager ? [] : null
    await audit(trx, ctx, {
      action: 'VICTIM_LIST_VIEW',
      personId: null,
      subject: 'victims:work-list',
      detail: { overdue: overdue.length, moreOverdue, victimIds: [...mine, ...(unassigned ?? [])].map(v => v.id) },
    })
    return { overdue, moreOverdue, mine, unassigned }
  })
}
