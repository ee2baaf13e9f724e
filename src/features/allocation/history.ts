import type { RequestContext } from '../../access/audit.ts'
import { isAllocator, personOf, type AllocationDeps } from './case-facts.ts'
import { allocationHistory } from './queries.ts'

/** A decision as stored with an allocation. */
interface StoredDecision {
  outcome: string
  reasons: { code: string; text: string; public: boolean }[]
}

/**
 * Every manager the person has had, with each allocation's reasons, notes and induction due date. The routes
 * declare the ALLOCATION_HISTORY_VIEW audit (`config.audit`).
 */
export async function history({ withPerson }: AllocationDeps, ctx: RequestContext, crn: string) {
  return withPerson(ctx, crn, 'read', async (trx, access) => {
    const p = await personOf(trx, access)
    const rows = await allocationHistory(trx, p.id)
    return {
      person: p,
      rows: rows.map(r => ({
        ...r,
        decision: r.decision as StoredDecision | null,
        // Sensitive notes are shown only to those who may change the record.
        notes: r.notesSensitive && !isAllocator(ctx) ? null : r.notes,
      })),
    }
  })
}
