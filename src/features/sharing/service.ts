import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import { accessPage, awaitingDecision, urgentAccesses } from './access-page.ts'
import { acknowledge, decide, decisionPage, withdraw } from './decisions.ts'
import type { SharingDeps } from './deps.ts'
import type { AskCommand, DecisionCommand, UrgentCommand, WithdrawCommand } from './forms.ts'
import { askForAccess, askPage, ownRequests, urgentAccess } from './requests.ts'

type Ctx = RequestContext

/** Need-to-know sharing across providers: asking, deciding, urgent access, and who may see a record and why. */
export function createSharingService({ db, config, clock }: Dependencies) {
  const settings = config.sharing
  const deps: SharingDeps = {
    db,
    clock,
    settings,
    withPerson: personAccess(db, { clock, formerManagerMonths: settings.formerManagerMonths }),
  }
  return {
    askPage: (ctx: Ctx, crn: string) => askPage(deps, ctx, crn),
    askForAccess: (ctx: Ctx, command: AskCommand) => askForAccess(deps, ctx, command),
    urgentAccess: (ctx: Ctx, command: UrgentCommand) => urgentAccess(deps, ctx, command),
    ownRequests: (ctx: Ctx) => ownRequests(deps, ctx),
    decisionPage: (ctx: Ctx, crn: string, id: number) => decisionPage(deps, ctx, crn, id),
    decide: (ctx: Ctx, crn: string, id: number, command: DecisionCommand) => decide(deps, ctx, crn, id, command),
    withdraw: (ctx: Ctx, crn: string, id: number, command: WithdrawCommand) => withdraw(deps, ctx, crn, id, command),
    acknowledge: (ctx: Ctx, crn: string, id: number) => acknowledge(deps, ctx, crn, id),
    accessPage: (ctx: Ctx, crn: string) => accessPage(deps, ctx, crn),
    awaitingDecision: (ctx: Ctx) => awaitingDecision(deps, ctx),
    urgentAccesses: (ctx: Ctx) => urgentAccesses(deps, ctx),
  }
}

export type SharingService = ReturnType<typeof createSharingService>
