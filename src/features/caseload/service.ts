import { audit, type RequestContext } from '../../access/audit.ts'
import type { Dependencies } from '../../dependencies.ts'
import type { SupervisionService } from '../supervision/index.ts'
import { filterCases, isFiltering, sortCases, type CaseloadQuery } from './list.ts'
import { myDay } from './my-day.ts'
import { present } from './present.ts'
import { idsOf } from './shown.ts'
import * as q from './queries.ts'
import { teamView } from './team.ts'

/**
 * The practitioner's caseload and day, and the senior's team view (issue 6, item 1). Read-only: every list is
 * filtered through the access policy (limited-access people are shown masked, with the reason, and nothing else) and
 * audited with the CRNs shown. My day is in `my-day.ts`, the team view in `team.ts`.
 */

export const CASELOAD_VIEW = 'CASELOAD_VIEW'
export { MY_DAY_VIEW } from './my-day.ts'
export { TEAM_VIEW } from './team.ts'
export {
  filterCases,
  FLAGS,
  parseCaseloadQuery,
  ROSH_FILTERS,
  SORTS,
  sortCases,
  TIER_FILTERS,
  type CaseloadParams,
  type CaseloadQuery,
  type CaseView,
  type Flag,
  type MaskedCase,
  type Sort,
} from './list.ts'

/**
 * The signed-in practitioner's caseload, filtered and sorted as asked. Audited with the CRNs shown. Three
 * statements whatever its size: the caseload, the access facts of its people, the audit row.
 */
async function caseload({ db, clock }: Dependencies, ctx: RequestContext, query: CaseloadQuery) {
  const staffId = ctx.user?.staffId ?? null
  if (staffId === null) return { hasStaff: false, rows: [], masked: [], total: 0, query }
  return db.transaction().execute(async trx => {
    const at = clock.now()
    const all = await q.caseloadRows(trx, { staffId }, at)
    const { visible, masked } = await present(trx, ctx, all, at)
    const rows = sortCases(filterCases(visible, query), query.sort, query.order)
    // Masked cases cannot be filtered without revealing what they match, so they show only on the whole list.
    const shownMasked = isFiltering(query) ? [] : masked
    await audit(trx, ctx, {
      action: CASELOAD_VIEW,
      detail: { staffId, crns: rows.map(r => r.crn), masked: shownMasked.map(m => m.crn), query },
      shownPersonIds: idsOf(all, [...rows, ...shownMasked]),
    })
    return { hasStaff: true, rows, masked: shownMasked, total: visible.length + masked.length, query }
  })
}

export function createCaseloadService(deps: Dependencies & { supervision: SupervisionService }) {
  return {
    /** The signed-in practitioner's caseload, filtered and sorted as asked. Audited with the CRNs shown. */
    caseload: (ctx: RequestContext, query: CaseloadQuery) => caseload(deps, ctx, query),
    /** Today's and the next two weeks' appointments, appointments needing an outcome, enforcement actions due. */
    myDay: (ctx: RequestContext) => myDay(deps, ctx),
    /** A senior's team view: the team's caseload, workload and enforcement (seniors and administrators only). */
    team: (ctx: RequestContext, teamCode: string | undefined, query: CaseloadQuery) =>
      teamView(deps, ctx, teamCode, query),
  }
}

export type CaseloadService = ReturnType<typeof createCaseloadService>
