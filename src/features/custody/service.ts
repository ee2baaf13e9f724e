import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { Parsed } from '../../web/forms.ts'
import type { CustodyDeps } from './context.ts'
import type {
  CustodyRecordCommand,
  ManagersCommand,
  MoveCommand,
  ParoleHearingCommand,
  ReleaseCommand,
} from './forms.ts'
import { custodyPage, formPage } from './page.ts'
import { createCustodyRecord, recordMove, recordParoleHearing, setManagers } from './records.ts'
import { recordRelease } from './release.ts'

/**
 * Custody and release: the custody page and its changes (the record, moves, managers and handover, the release).
 * Each method opens its own transaction, applies the access policy, audits, and writes an outbox event for each change
 * in the same transaction.
 */
export function createCustodyService({ db, clock, config }: Dependencies) {
  const deps: CustodyDeps = {
    db,
    clock,
    withPerson: personAccess(db, { clock, formerManagerMonths: config.sharing.formerManagerMonths }),
  }
  type Ctx = RequestContext
  return {
    page: (ctx: Ctx, crn: string) => custodyPage(deps, ctx, crn),
    formPage: (ctx: Ctx, crn: string, recordId?: number) => formPage(deps, ctx, crn, recordId),
    createRecord: (ctx: Ctx, crn: string, command: Parsed<CustodyRecordCommand>) =>
      createCustodyRecord(deps, ctx, crn, command),
    recordMove: (ctx: Ctx, crn: string, recordId: number, command: Parsed<MoveCommand>) =>
      recordMove(deps, ctx, crn, recordId, command),
    setManagers: (ctx: Ctx, crn: string, recordId: number, command: Parsed<ManagersCommand>) =>
      setManagers(deps, ctx, crn, recordId, command),
    recordParoleHearing: (ctx: Ctx, crn: string, recordId: number, command: Parsed<ParoleHearingCommand>) =>
      recordParoleHearing(deps, ctx, crn, recordId, command),
    recordRelease: (ctx: Ctx, crn: string, command: Parsed<ReleaseCommand>) => recordRelease(deps, ctx, crn, command),
  }
}

export type CustodyService = ReturnType<typeof createCustodyService>
