import type { RequestContext } from '../../access/audit.ts'
import { approvedPremisesPlacement } from '../approved-premises/index.ts'
import { withResettlementCase, type ResettlementDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * The person's resettlement page: the screening clocks, needs by pathway (current and history), the plan's
 * actions, the pre-release window and the release-day plan (current and earlier versions), and the staff who may
 * own an action when the user may change the record, and a booked approved premises placement (the first night's
 * address it offers). The look is audited by the route (RESETTLEMENT_VIEW).
 */
export function resettlementPage(deps: ResettlementDeps, ctx: RequestContext, crn: string) {
  return withResettlementCase(deps, ctx, crn, 'read', async (trx, opened) => {
    const { person, state, canUpdate } = opened
    const sentenceIds = state ? [state.sentence.id] : []
    return {
      person,
      canUpdate,
      state,
      today: deps.clock.today(),
      needs: state ? await q.needs(trx, state.sentence.id) : [],
      actions: await q.actions(trx, sentenceIds),
      plans: await q.releaseDayPlans(trx, sentenceIds),
      placement: await approvedPremisesPlacement(trx, person.id, deps.clock.today()),
      staff:
        canUpdate && state && person.managing_provider_id
          ? await q.staffOfTeams(
              trx,
              person.managing_provider_id,
              [person.managing_team_id, ctx.user?.teamId].filter((id): id is number => typeof id === 'number'),
            )
          : [],
    }
  })
}

export type ResettlementPage = Awaited<ReturnType<typeof resettlementPage>>
