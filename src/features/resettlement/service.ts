import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { Parsed } from '../../web/forms.ts'
import type { ResettlementDeps } from './context.ts'
import type {
  ActionCommand,
  CloseActionCommand,
  NeedsCommand,
  ReleaseDayPlanCommand,
  ScreeningCommand,
} from './forms.ts'
import { recordNeeds } from './needs.ts'
import { resettlementPage } from './page.ts'
import { addAction, closeAction } from './plan.ts'
import { recordReleaseDayPlan } from './release-day.ts'
import { recordScreening } from './screenings.ts'
import { workList, type ListScopeRequest } from './work-list.ts'

/**
 * Through the Gate: the person's resettlement page and its changes (screening, needs, plan actions, release-day
 * plan), and the team's or provider's work list. Each method opens its own transaction, applies the access policy,
 * audits, and writes an outbox event for each change in the same transaction.
 */
export function createResettlementService({ db, clock, config }: Dependencies) {
  const deps: ResettlementDeps = {
    db,
    clock,
    withPerson: personAccess(db, { clock, formerManagerMonths: config.sharing.formerManagerMonths }),
  }
  type Ctx = RequestContext
  return {
    page: (ctx: Ctx, crn: string) => resettlementPage(deps, ctx, crn),
    recordScreening: (ctx: Ctx, crn: string, part: 1 | 2, command: Parsed<ScreeningCommand>) =>
      recordScreening(deps, ctx, crn, part, command),
    recordNeeds: (ctx: Ctx, crn: string, command: Parsed<NeedsCommand>) => recordNeeds(deps, ctx, crn, command),
    addAction: (ctx: Ctx, crn: string, command: Parsed<ActionCommand>) => addAction(deps, ctx, crn, command),
    closeAction: (ctx: Ctx, crn: string, actionId: number, command: Parsed<CloseActionCommand>) =>
      closeAction(deps, ctx, crn, actionId, command),
    recordReleaseDayPlan: (ctx: Ctx, crn: string, command: Parsed<ReleaseDayPlanCommand>) =>
      recordReleaseDayPlan(deps, ctx, crn, command),
    workList: (ctx: Ctx, scope: ListScopeRequest, prison: string | null = null) => workList(deps, ctx, scope, prison),
  }
}

export type ResettlementService = ReturnType<typeof createResettlementService>
