import type { RequestContext } from '../../access/audit.ts'
import { mappaEligibility } from '../../domain/public-protection/index.ts'
import { loadProtectionFacts } from '../public-protection/index.ts'
import { isSenior, withMappaCase, type MappaDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * The person's MAPPA page: the category worked out from the record with its reasons (src/domain/public-protection),
 * the facts it is worked out from, the current level (the active MAPP registration) and every level decision, MAPP
 * meetings and risk management actions, and what the user may change. The look is audited by the route (MAPPA_VIEW).
 */
export function mappaPage(deps: MappaDeps, ctx: RequestContext, crn: string) {
  return withMappaCase(deps, ctx, crn, 'read', async (trx, { person, canUpdate }) => {
    const today = deps.clock.today()
    const facts = await loadProtectionFacts(trx, person.id, today)
    const [orders, reviews, registrations, meetings, actions, events] = await Promise.all([
      q.protectionOrders(trx, person.id),
      q.reviews(trx, person.id),
      q.activeMappRegistrations(trx, person.id),
      q.meetings(trx, person.id),
      q.actions(trx, person.id),
      q.events(trx, person.id),
    ])
    const teams = [person.managing_team_id, ctx.user?.teamId].filter((id): id is number => typeof id === 'number')
    return {
      person,
      canUpdate,
      isSenior: canUpdate && isSenior(ctx),
      today,
      eligibility: mappaEligibility(facts),
      orders,
      reviews,
      registration: registrations[0] ?? null,
      meetings,
      actions,
      events,
      staff:
        canUpdate && person.managing_provider_id ? await q.staffOfTeams(trx, person.managing_provider_id, teams) : [],
    }
  })
}

export type MappaPage = Awaited<ReturnType<typeof mappaPage>>
