import type { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import type { RoshLevelColumn } from '../../db/schema.ts'
import {
  decideProvider,
  NO_FACTS,
  ROSH_TEXT,
  type Clock as DueClock,
  type ProviderDecision,
} from '../../domain/allocation/index.ts'
import { NotFoundError } from '../../errors.ts'
import { clockView, outcomeText, type AllocationDeps } from './case-facts.ts'
import {
  currentSentences,
  findAllocationMadeBy,
  latestRosh,
  latestTierV2,
  listTeams,
  loadAllocationFacts,
  unallocatedPeople,
  type SentenceRow,
  type TeamRow,
} from './queries.ts'
import { addMappaEligibility } from './mappa-eligibility.ts'

export interface QueueRow {
  crn: string
  name: string
  tier: string | null
  rosh: RoshLevelColumn | null
  roshText: string | null
  sentenceDate: string | null
  sentenceType: string | null
  courtName: string | null
  clock: (Omit<DueClock, 'dueBy'> & { dueBy: string }) | null
  decision: ProviderDecision
  outcomeText: string
}

/** Which queue: one team's (and its PDU's unteamed cases), a PDU's, or (no PDU) every PDU's. */
function queueScope(teams: TeamRow[], ctx: RequestContext, filter: { pdu?: string; team?: string }) {
  const userTeamId = ctx.user?.teamId
  const own = userTeamId ? teams.find(t => t.id === userTeamId) : undefined
  const team = filter.team ? teams.find(t => t.code === filter.team) : undefined
  if (filter.team && !team) throw new NotFoundError(`There is no team with the code ${filter.team}`)
  const pduCode = team?.pduCode ?? (filter.pdu !== undefined ? filter.pdu : own?.pduCode)
  const pduId = pduCode ? teams.find(t => t.pduCode === pduCode)?.pduId : undefined
  if (pduCode && pduId === undefined) throw new NotFoundError(`There is no delivery unit with the code ${pduCode}`)
  return { team, pduCode, pduId }
}

/** Every delivery unit with its provider, once each, for the picker. */
const pdusOf = (teams: TeamRow[]) => [
  ...new Map(teams.map(t => [t.pduCode, { code: t.pduCode, name: t.pduName, providerName: t.providerName }])).values(),
]

/**
 * The unallocated-cases queue, for a delivery unit (PDU) and optionally one team, oldest sentence first. Only
 * cases the user may read are listed; the rest are counted. Audited as ALLOCATION_QUEUE_VIEW.
 */
export async function queue(
  { db, clock }: AllocationDeps,
  ctx: RequestContext,
  filter: { pdu?: string; team?: string; allocated?: number },
) {
  return db.transaction().execute(async trx => {
    const allocated =
      filter.allocated !== undefined && ctx.user
        ? await findAllocationMadeBy(trx, filter.allocated, ctx.user.id)
        : undefined
    const teams = await listTeams(trx)
    const { team, pduCode, pduId } = queueScope(teams, ctx, filter)
    const people = await unallocatedPeople(trx, team ? { team: { id: team.id, pduId: team.pduId } } : { pduId })
    const ids = people.map(p => p.id)
    const [sentences, access] = await Promise.all([currentSentences(trx, ids), loadPeopleAccess(trx, ids)])
    const sentenceOf = new Map(sentences.map(s => [s.personId, s]))
    const visible = people.filter(p => {
      const facts = access.get(p.id)
      return facts !== undefined && canReadPerson(ctx.user, facts).allowed
    })
    const visibleIds = visible.map(p => p.id)
    const [facts, tiers, rosh] = await Promise.all([
      loadAllocationFacts(trx, visibleIds, sentences).then(f => addMappaEligibility(trx, f, clock.today())),
      latestTierV2(trx, visibleIds),
      latestRosh(trx, visibleIds),
    ])
    const now = clock.today()
    const rows = visible
      .map(p =>
        queueRow(p, sentenceOf.get(p.id), now, {
          decision: decideProvider(facts.get(p.id) ?? NO_FACTS),
          tier: tiers.get(p.id) ?? null,
          rosh: rosh.get(p.id) ?? null,
        }),
      )
      .sort((a, b) => (a.sentenceDate ?? '9999').localeCompare(b.sentenceDate ?? '9999') || a.crn.localeCompare(b.crn))
    await audit(trx, ctx, {
      action: 'ALLOCATION_QUEUE_VIEW',
      detail: { pdu: pduCode ?? null, team: team?.code ?? null, crns: rows.map(r => r.crn) },
      shownPersonIds: visibleIds,
    })
    const pdus = pdusOf(teams)
    return {
      rows,
      /** The allocation this user just made, for the confirmation banner; the queue's first case is the next one. */
      allocated: allocated ?? null,
      next: rows.find(r => r.decision.outcome !== 'blocked') ?? rows[0] ?? null,
      hidden: people.length - visible.length,
      pdu: (pduCode ? pdus.find(u => u.code === pduCode) : undefined) ?? null,
      team: team ?? null,
      pdus,
      teams: teams.filter(t => !pduCode || t.pduCode === pduCode),
      today: now.toString(),
    }
  })
}

function queueRow(
  p: { crn: string; forename: string; surname: string },
  s: SentenceRow | undefined,
  today: LocalDate,
  { decision, tier, rosh }: { decision: ProviderDecision; tier: string | null; rosh: RoshLevelColumn | null },
): QueueRow {
  const level = decision.roshLevel ?? rosh
  return {
    crn: p.crn,
    name: `${p.forename} ${p.surname}`,
    tier,
    rosh: level,
    roshText: level ? ROSH_TEXT[level] : null,
    sentenceDate: s?.sentenceDate ?? null,
    sentenceType: s?.sentenceType ?? null,
    courtName: s?.courtName ?? null,
    clock: clockView(s, today),
    decision,
    outcomeText: outcomeText(decision),
  }
}
