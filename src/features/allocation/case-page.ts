import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { CASE_TYPE, casePoints, workloadOf, type ProviderDecision } from '../../domain/allocation/index.ts'
import {
  caseFacts,
  clockView,
  inductionFor,
  isAllocator,
  isUnallocated,
  outcomeText,
  personOf,
  type AllocationDeps,
} from './case-facts.ts'
import {
  allocationHistory,
  casesOf,
  latestTierV2,
  listStaff,
  listTeams,
  type PersonRow,
  type TeamRow,
} from './queries.ts'

/** What the case page shows beside the person: `team` picks the team whose practitioners are listed. */
export interface CasePageOptions {
  team?: string
  /**
   * Write ALLOCATION_VIEW here. The page's route declares that audit (`config.audit`) and the access guard writes it;
   * a form re-rendered with its errors answers 400, which the guard does not audit, so that re-render asks for it.
   */
  audit?: boolean
}

/**
 * One case: the provider decision and its reasons, the clock, any RoSH conflict, the teams that may take it and
 * the chosen team's practitioners with their workload.
 */
export async function casePage(
  { clock, withPerson }: AllocationDeps,
  ctx: RequestContext,
  crn: string,
  options: CasePageOptions = {},
) {
  return withPerson(ctx, crn, 'read', async (trx, access) => {
    const p = await personOf(trx, access)
    const { facts, decision, sentence, tier } = await caseFacts(trx, p, clock.today())
    const now = clock.today()
    const unallocated = isUnallocated(p)
    const allocated = p.staffId !== null && !unallocated
    const sentenced = sentence !== undefined && p.caseStatus !== 'pre_sentence' && p.caseStatus !== 'ended'
    const choice = chooseTeam(await listTeams(trx), ctx, p, decision, options.team)
    const points = casePoints(tier, CASE_TYPE[p.caseStatus === 'awaiting_allocation' ? 'allocated' : p.caseStatus])
    const team = choice.chosen && sentenced ? await practitioners(trx, choice.chosen.id, points) : []
    const induction = unallocated ? inductionFor(p, sentence, now) : null
    const history = await allocationHistory(trx, p.id)
    if (options.audit) await audit(trx, ctx, { action: 'ALLOCATION_VIEW', personId: p.id, subject: p.crn })
    return {
      person: p,
      facts,
      decision,
      outcomeText: outcomeText(decision),
      sentence: sentence ?? null,
      sentenced,
      tier,
      casePoints: points,
      clock: unallocated ? clockView(sentence, now) : null,
      unallocated,
      allocated,
      canAllocate: isAllocator(ctx) && sentenced && decision.outcome !== 'blocked',
      canResolve: isAllocator(ctx) && decision.outcome === 'blocked',
      isAllocator: isAllocator(ctx),
      mode: choice.mode,
      teamChoices: allocated ? [...choice.teamChoices, ...choice.transferChoices] : choice.teamChoices,
      team: choice.chosen ?? null,
      practitioners: team,
      induction: induction && {
        ...induction,
        dueBy: induction.dueBy.toString(),
        proposed: induction.proposed.toString(),
      },
      history,
      today: now.toString(),
    }
  })
}

/**
 * The teams that may take the case and the one shown. First allocation and transfer: teams of the kind of provider
 * decided; reallocation: the managing provider's.
 */
function chooseTeam(
  teams: TeamRow[],
  ctx: RequestContext,
  p: PersonRow,
  decision: ProviderDecision,
  wanted: string | undefined,
) {
  const unallocated = isUnallocated(p)
  const allocated = p.staffId !== null && !unallocated
  const eligible = (t: TeamRow) =>
    unallocated ? decision.outcome !== 'blocked' && t.providerKind === decision.outcome : t.providerId === p.providerId
  const teamChoices = teams.filter(eligible)
  const transferChoices =
    allocated && decision.outcome !== 'blocked'
      ? teams.filter(t => t.providerKind === decision.outcome && t.providerId !== p.providerId)
      : []
  const chosen =
    (wanted ? [...teamChoices, ...transferChoices].find(t => t.code === wanted) : undefined) ??
    teamChoices.find(t => t.id === (allocated ? p.teamId : ctx.user?.teamId)) ??
    teamChoices.at(0)
  const mode = unallocated ? 'initial' : chosen && chosen.providerId !== p.providerId ? 'transfer' : 'reallocation'
  return { teamChoices, transferChoices, chosen, mode }
}

/** The practitioners of a team with their workload and capacity, and what this case would add. */
async function practitioners(trx: Executor, teamId: number, addPoints: number) {
  const staff = (await listStaff(trx, { teamId })).filter(s => workloadOf([], s.grade, s.contractedHours).capacity > 0)
  const cases = await casesOf(
    trx,
    staff.map(s => s.id),
  )
  const tiers = await latestTierV2(
    trx,
    cases.map(c => c.id),
  )
  return staff.map(s => {
    const mine = cases
      .filter(c => c.staffId === s.id)
      .map(c => ({ tier: tiers.get(c.id) ?? null, caseType: CASE_TYPE[c.caseStatus] }))
    const w = workloadOf(mine, s.grade, s.contractedHours)
    return {
      id: s.id,
      code: s.code,
      name: `${s.forename} ${s.surname}`,
      grade: s.grade,
      contractedHours: s.contractedHours ?? 37,
      cases: w.cases,
      points: w.points,
      capacity: w.capacity,
      percent: w.percent,
      percentAfter: w.capacity > 0 ? Math.round(((w.points + addPoints) / w.capacity) * 100) : null,
      hasCapacity: w.hasRoomFor(addPoints),
    }
  })
}
