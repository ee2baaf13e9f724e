import type { RequestContext } from '../../access/audit.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { Parsed } from '../../web/forms.ts'
import { assignOfficer, changeDetails, recordContact, recordDecision } from './changes.ts'
import type { VictimsDeps } from './context.ts'
import type { ContactCommand, DecisionCommand, DetailsCommand, OfficerCommand, ReferralCommand } from './forms.ts'
import { offenderForReferral } from './offender-lookup.ts'
import { victimRecord } from './record.ts'
import { recordReferral } from './referral.ts'
import { victimEventsUseCases } from './tasks-service.ts'
import { workList } from './work-list.ts'

/**
 * The Victim Contact Scheme: referrals, the victim's record, decisions, officers, contacts, and the work list. Each
 * method opens its own transaction, audits with no person id (victims are never the offender's record) and writes an
 * outbox event for each change in the same transaction.
 */
export function createVictimsService({ db, clock }: Dependencies) {
  const deps: VictimsDeps = { db, clock }
  type Ctx = RequestContext
  return {
    offenderForReferral: (ctx: Ctx, crn: string) => offenderForReferral(deps, ctx, crn),
    recordReferral: (ctx: Ctx, command: Parsed<ReferralCommand>, source: 'form' | 'api') =>
      recordReferral(deps, ctx, command, source),
    record: (ctx: Ctx, victimId: number, via: 'page' | 'api' = 'page') => victimRecord(deps, ctx, victimId, via),
    changeDetails: (ctx: Ctx, victimId: number, command: Parsed<DetailsCommand>) =>
      changeDetails(deps, ctx, victimId, command),
    recordDecision: (ctx: Ctx, victimId: number, command: Parsed<DecisionCommand>) =>
      recordDecision(deps, ctx, victimId, command),
    assignOfficer: (ctx: Ctx, victimId: number, command: Parsed<OfficerCommand>) =>
      assignOfficer(deps, ctx, victimId, command),
    recordContact: (ctx: Ctx, victimId: number, command: Parsed<ContactCommand>) =>
      recordContact(deps, ctx, victimId, command),
    workList: (ctx: Ctx) => workList(deps, ctx),
    // Tasks from key events, letters, condition requests and shared notes (tasks-service.ts).
    ...victimEventsUseCases(deps),
  }
}

export type VictimsService = ReturnType<typeof createVictimsService>
