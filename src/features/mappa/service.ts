import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { Parsed } from '../../web/forms.ts'
import type { MappaDeps } from './context.ts'
import { endFact, recordFact } from './facts.ts'
import type { ActionCommand, DoneCommand, EndFactCommand, FactCommand, LevelCommand, MeetingCommand } from './forms.ts'
import { setLevel } from './levels.ts'
import { addAction, completeAction, recordMeeting } from './meetings.ts'
import { nominalList, type NominalScopeRequest } from './nominal-list.ts'
import { mappaPage } from './page.ts'

/**
 * MAPPA management: the person's MAPPA page and its changes (public protection facts, the level a senior sets, MAPP
 * meetings, risk management actions), and the delivery unit's or provider's nominal list. Each method opens its own
 * transaction, applies the access policy, audits, and writes an outbox event for each change in the same transaction.
 */
export function createMappaService({ db, clock, config }: Dependencies) {
  const deps: MappaDeps = {
    db,
    clock,
    withPerson: personAccess(db, { clock, formerManagerMonths: config.sharing.formerManagerMonths }),
  }
  type Ctx = RequestContext
  return {
    page: (ctx: Ctx, crn: string) => mappaPage(deps, ctx, crn),
    setLevel: (ctx: Ctx, crn: string, command: Parsed<LevelCommand>) => setLevel(deps, ctx, crn, command),
    recordFact: (ctx: Ctx, crn: string, command: Parsed<FactCommand>) => recordFact(deps, ctx, crn, command),
    endFact: (ctx: Ctx, crn: string, id: number, command: Parsed<EndFactCommand>) =>
      endFact(deps, ctx, crn, id, command),
    recordMeeting: (ctx: Ctx, crn: string, command: Parsed<MeetingCommand>) => recordMeeting(deps, ctx, crn, command),
    addAction: (ctx: Ctx, crn: string, command: Parsed<ActionCommand>) => addAction(deps, ctx, crn, command),
    completeAction: (ctx: Ctx, crn: string, id: number, command: Parsed<DoneCommand>) =>
      completeAction(deps, ctx, crn, id, command),
    nominalList: (ctx: Ctx, scope: NominalScopeRequest, overdueOnly: boolean) =>
      nominalList(deps, ctx, scope, overdueOnly),
  }
}

export type MappaService = ReturnType<typeof createMappaService>
