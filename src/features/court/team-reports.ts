import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { ValidationError } from '../../errors.ts'
import { requirePermission, type Court } from './context.ts'
import { presentReport } from './presenters.ts'
import * as q from './queries.ts'
import type { ReportSummary } from './types.ts'

/** A court team's report list: its open reports with where each stands (due, at risk, late). */

type Team = Awaited<ReturnType<typeof q.teamsOfProvider>>[number]

/** A team's open reports with where each stands (due, at risk, late). Only people the user may read; each audited. */
export async function teamReports(c: Court, ctx: RequestContext, query: { team?: string }) {
  requirePermission(ctx, 'person:read')
  const teams = await q.teamsOfProvider(c.db, ctx.user?.providerId ?? null)
  const wanted = query.team?.trim()
  const team = wanted
    ? teams.find(t => t.code === wanted || String(t.id) === wanted)
    : (teams.find(t => t.id === ctx.user?.teamId) ?? teams[0])
  if (wanted && !team) throw new ValidationError([{ field: 'team', message: 'Select a team from the list' }])
  if (!team)
    return { teams, team: null, reports: [] as ReportSummary[], hidden: 0, counts: { late: 0, at_risk: 0, due: 0 } }
  return { teams, team, ...(await reportsOfTeam(c, ctx, team)) }
}

async function reportsOfTeam(c: Court, ctx: RequestContext, team: Team) {
  return c.db.transaction().execute(async trx => {
    const rows = await q.reportsForTeam(trx, team.id)
    const access = await loadPeopleAccess(
      trx,
      rows.map(r => r.person_id),
    )
    const visible = rows.filter(r => {
      const facts = access.get(r.person_id)
      return facts ? canReadPerson(ctx.user, facts).allowed : false
    })
    const now = c.clock.today()
    const reports = visible.map(r => presentReport(r, now))
    await audit(trx, ctx, {
      action: 'COURT_REPORTS_VIEW',
      detail: { team: team.code, shown: reports.length, hidden: rows.length - visible.length },
    })
    // One PERSON_VIEW per person shown, in the order they first appear.
    const shown = new Map<number, string>()
    for (const r of visible) if (!shown.has(r.person_id)) shown.set(r.person_id, r.crn)
    for (const [personId, crn] of shown)
      await audit(trx, ctx, {
        action: 'PERSON_VIEW',
        personId,
        subject: crn,
        detail: { page: 'court-reports', team: team.code },
      })
    const counts = { late: 0, at_risk: 0, due: 0 }
    for (const r of reports) if (r.timeliness in counts) counts[r.timeliness as keyof typeof counts]++
    return { reports, hidden: rows.length - visible.length, counts }
  })
}
