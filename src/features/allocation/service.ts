import type { RequestContext } from '../../access/audit.ts'
import { personAccess } from '../../access/with-person.ts'
import type { Dependencies } from '../../dependencies.ts'
import { allocate, transfer } from './allocate.ts'
import { casePage, type CasePageOptions } from './case-page.ts'
import type { AllocationDeps } from './case-facts.ts'
import type { AllocateCommand, ResolveRiskCommand } from './forms.ts'
import { history } from './history.ts'
import { findStaffIdByCode } from './queries.ts'
import { queue } from './queue.ts'
import { resolveConflict } from './resolve-risk.ts'

/**
 * Allocation: the unallocated-cases queue, the provider decision with its reasons, resolving conflicting RoSH
 * information, allocating and reallocating to a practitioner, transferring to another provider, and the allocation
 * history. One file per use case (`queue.ts`, `case-page.ts`, `allocate.ts`, `resolve-risk.ts`, `history.ts`).
 *
 * Who may allocate: seniors (team managers) and administrators. A senior may make the first allocation to any
 * provider of the kind the provider decision names (the court-side Case Allocation System allocated to CRCs too);
 * reallocating and transferring need the right to change the record (the managing provider's senior).
 */

export { ALLOCATOR_ROLES } from './case-facts.ts'
export type { QueueRow } from './queue.ts'
export type { AllocationFacts } from '../../domain/allocation/index.ts'
/** A case counts as new in the caseload for this many days after it was allocated to the practitioner. */
export const NEW_CASE_DAYS = 14

export function createAllocationService({ db, clock }: Dependencies) {
  const deps: AllocationDeps = { db, clock, withPerson: personAccess(db) }
  return {
    today: () => clock.today(),

    /**
     * The unallocated-cases queue of a PDU or team (cases the user may read; the rest counted). Audited. With
     * `allocated`, the allocation this user just made, for the confirmation.
     */
    queue: (ctx: RequestContext, filter: { pdu?: string; team?: string; allocated?: number }) =>
      queue(deps, ctx, filter),

    /** One case: the decision, the clock, any RoSH conflict, the teams and their practitioners' workload. */
    casePage: (ctx: RequestContext, crn: string, options: CasePageOptions = {}) => casePage(deps, ctx, crn, options),

    /** A senior records which RoSH source is right and why. Audited and published. */
    resolveConflict: (ctx: RequestContext, crn: string, command: ResolveRiskCommand) =>
      resolveConflict(deps, ctx, crn, command),

    /** Allocates the case (first time, or again within the managing provider). Audited and published. */
    allocate: (ctx: RequestContext, crn: string, command: AllocateCommand) => allocate(deps, ctx, crn, command),

    /** Moves an allocated case to another provider. Audited; publishes `person.transferred`. */
    transfer: (ctx: RequestContext, crn: string, command: AllocateCommand) => transfer(deps, ctx, crn, command),

    /** Every manager the person has had, with each allocation's reasons, notes and induction due date. */
    history: (ctx: RequestContext, crn: string) => history(deps, ctx, crn),

    /** A member of staff's id from their code (the API names staff by code). */
    staffIdByCode: (code: string): Promise<number | null> => findStaffIdByCode(db, code),
  }
}

export type AllocationService = ReturnType<typeof createAllocationService>
