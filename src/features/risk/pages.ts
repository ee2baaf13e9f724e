import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { WithPerson } from '../../access/with-person.ts'
import type { Clock } from '../../clock.ts'
import { NotFoundError } from '../../errors.ts'
import { calculateRisk, fromRecord } from './calculate.ts'
import {
  findPersonForRisk,
  findRegistration,
  latestItems,
  loadRiskFacts,
  registrationList,
  roshHistory,
  scoreHistory,
  tierHistory,
} from './queries.ts'

/** What the Risk service is built from. */
export interface RiskDeps {
  readonly withPerson: WithPerson
  readonly clock: Clock
}

export const RISK_VIEW = 'RISK_VIEW'

/** The person's own row, inside the work of `withPerson` (a record deleted in between is not found). */
export async function riskPerson(trx: Executor, personId: number) {
  const p = await findPersonForRisk(trx, personId)
  if (!p) throw new NotFoundError('No person with that CRN')
  return p
}

/**
 * Everything the Risk page shows. Its view is audited (RISK_VIEW) by the route. A former case manager (`scope`) keeps
 * the risk summary (the current RoSH, registrations, MAPPA level and latest tiers) but of the histories only what was
 * calculated before the case left them.
 */
export async function riskPage({ withPerson, clock }: RiskDeps, ctx: RequestContext, crn: string) {
  return withPerson(ctx, crn, 'read-scoped', async (trx, access) => {
    const p = await riskPerson(trx, access.personId)
    const [rosh, registrations, allScores, allTiers, facts] = await Promise.all([
      roshHistory(trx, p.id),
      registrationList(trx, p.id),
      scoreHistory(trx, p.id),
      tierHistory(trx, p.id),
      loadRiskFacts(trx, [p.id]),
    ])
    const scores = recordedBefore(allScores, access.scope?.recordedBefore)
    const tiers = recordedBefore(allTiers, access.scope?.recordedBefore)
    const personFacts = facts.get(p.id)
    if (!personFacts) throw new NotFoundError('No person with that CRN')
    // What is missing is worked out afresh (cheap, pure), so "needs: …" is right even before anything is stored.
    const today = clock.today()
    const outcome = calculateRisk(personFacts, today)
    const canUpdate = access.canUpdate
    const recorded = fromRecord(personFacts, today)
    return { person: p, canUpdate, rosh, registrations, scores, tiers, outcome, recorded, today: today.toString() }
  })
}

/** The latest calculation of each algorithm, and the rest only if calculated before `before` (when given). */
function recordedBefore<T extends { algorithm: string; calculated_at: Date }>(newestFirst: T[], before?: Date): T[] {
  if (!before) return newestFirst
  const seen = new Set<string>()
  return newestFirst.filter(row => {
    const latest = !seen.has(row.algorithm)
    seen.add(row.algorithm)
    return latest || row.calculated_at < before
  })
}

/**
 * A form page's context: the person (change access needed) and today's date. Audited as RISK_VIEW here, not by the
 * route, as a form shown again with its errors (status 400) is a view too.
 */
export async function formPage(
  { withPerson, clock }: RiskDeps,
  ctx: RequestContext,
  crn: string,
  form: string,
  registrationId?: number,
) {
  return withPerson(ctx, crn, 'update', async (trx, access) => {
    const p = await riskPerson(trx, access.personId)
    const registration = registrationId === undefined ? undefined : await findRegistration(trx, p.id, registrationId)
    if (registrationId !== undefined && !registration) throw new NotFoundError('No such registration')
    const items = form === 'items' ? await latestItems(trx, p.id) : undefined
    // The assessment items form shows what the record already gives, and does not ask for it.
    const facts = form === 'items' ? (await loadRiskFacts(trx, [p.id])).get(p.id) : undefined
    await audit(trx, ctx, {
      action: RISK_VIEW,
      personId: p.id,
      subject: p.crn,
      detail: { page: form, registrationId },
    })
    const today = clock.today()
    return { person: p, registration, items, recorded: facts ? fromRecord(facts, today) : {}, today }
  })
}
