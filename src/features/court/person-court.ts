import type { RequestContext } from '../../access/audit.ts'
import { COURT_READ, courtWorkDecision, requirePermission, withCourtPerson, type Court } from './context.ts'
import { presentHearings, presentReport } from './presenters.ts'
import * as q from './queries.ts'
import type { ReportSummary } from './types.ts'

/** A person's court work: their hearings and reports. */

/**
 * A person's hearings and reports (the Court page of the record). The page's route audits the view
 * (PERSON_VIEW, page court).
 */
export async function personCourt(c: Court, ctx: RequestContext, crn: string) {
  requirePermission(ctx, 'person:read')
  return withCourtPerson(c, ctx, crn, COURT_READ, async (trx, person, facts) => {
    const [hearings, reports] = await Promise.all([
      q.hearingsForPerson(trx, person.id),
      q.reportsForPerson(trx, person.id),
    ])
    const now = c.clock.today()
    return {
      person,
      canWork: courtWorkDecision(ctx.user, facts).allowed,
      hearings: await presentHearings(trx, ctx, hearings),
      reports: reports.map(r => presentReport(r, now)),
    }
  })
}

/** A person's reports (the API, whose route audits the view as PERSON_VIEW, page court-reports). */
export async function personReports(c: Court, ctx: RequestContext, crn: string): Promise<ReportSummary[]> {
  requirePermission(ctx, 'person:read')
  return withCourtPerson(c, ctx, crn, COURT_READ, async (trx, person) => {
    const rows = await q.reportsForPerson(trx, person.id)
    const now = c.clock.today()
    return rows.map(r => presentReport(r, now))
  })
}
