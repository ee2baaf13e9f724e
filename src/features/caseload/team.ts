import { LocalDate } from '@js-joda/core'
import { audit, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { CurrentUser } from '../../access/current-user.ts'
import { NATIONAL_READ_ROLES } from '../../access/roles.ts'
import { londonDate } from '../../clock.ts'
import { CASE_TYPE, clockOf, workloadOf } from '../../domain/allocation/index.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import type { Dependencies } from '../../dependencies.ts'
import { actionView, type SupervisionService } from '../supervision/index.ts'
import { filterCases, isFiltering, sortCases, type CaseloadQuery } from './list.ts'
import { present } from './present.ts'
import { idsOf } from './shown.ts'
import * as q from './queries.ts'

export const TEAM_VIEW = 'TEAM_VIEW'

/** Who may open a team view: seniors (team managers) and administrators. */
const TEAM_VIEW_ROLES = ['senior', 'admin'] as const

type Enforcement = Awaited<ReturnType<SupervisionService['teamEnforcement']>>

/**
 * A senior's team view: the team's caseload (masked where limited), each practitioner's workload, and the team's
 * open enforcement actions and breaches/recalls (supervision's `teamEnforcement`). Only seniors and
 * administrators; a team of another provider only for national roles.
 */
export async function teamView(
  deps: Dependencies & { supervision: SupervisionService },
  ctx: RequestContext,
  teamCode: string | undefined,
  query: CaseloadQuery,
) {
  const user = ctx.user
  if (!user || !user.roles.some(r => (TEAM_VIEW_ROLES as readonly string[]).includes(r))) {
    throw new ForbiddenError('Only seniors and administrators can see a team view')
  }
  const view = await deps.db.transaction().execute(trx => teamCaseload(trx, deps, ctx, user, teamCode, query))
  if (!view.team) return { ...view, actions: [], breaches: [] }
  const today = londonDate(deps.clock.now())
  const enforcement = await deps.supervision.teamEnforcement(ctx, view.team.id)
  return { ...view, ...enforcementViews(enforcement, today) }
}

/** The team, the teams to choose from, the practitioners' workload and the team's cases; audited as TEAM_VIEW. */
async function teamCaseload(
  trx: Executor,
  { clock }: Dependencies,
  ctx: RequestContext,
  user: CurrentUser,
  teamCode: string | undefined,
  query: CaseloadQuery,
) {
  const national = user.roles.some(r => NATIONAL_READ_ROLES.includes(r))
  const team = teamCode
    ? await q.findTeam(trx, teamCode)
    : user.teamId !== null
      ? await q.findTeamById(trx, user.teamId)
      : undefined
  const teams = await q.teamsOf(trx, national ? null : user.providerId)
  if (!team) {
    if (teamCode) throw new NotFoundError('There is no such team')
    return { team: null, teams, practitioners: [], rows: [], masked: [], total: 0 }
  }
  if (!national && team.providerId !== user.providerId)
    throw new ForbiddenError('This team belongs to another provider')
  const at = clock.now()
  const [all, staff] = await Promise.all([q.caseloadRows(trx, { teamId: team.id }, at), q.staffOfTeam(trx, team.id)])
  const { visible, masked } = await present(trx, ctx, all, at)
  const rows = sortCases(filterCases(visible, query), query.sort, query.order)
  const shownMasked = isFiltering(query) ? [] : masked
  await audit(trx, ctx, {
    action: TEAM_VIEW,
    detail: { team: team.code, crns: rows.map(r => r.crn), masked: shownMasked.map(m => m.crn), query },
    shownPersonIds: idsOf(all, [...rows, ...shownMasked]),
  })
  const practitioners = workloads(all, staff)
  return { team, teams, practitioners, rows, masked: shownMasked, total: visible.length + masked.length }
}

/** Workload counts every case (points only: nothing about a limited-access person is shown). */
function workloads(all: q.CaseloadRow[], staff: Awaited<ReturnType<typeof q.staffOfTeam>>) {
  return staff
    .map(s => {
      const w = workloadOf(
        all.filter(c => c.staffId === s.id).map(c => ({ tier: c.tier, caseType: CASE_TYPE[c.caseStatus] })),
        s.grade,
        s.contractedHours,
      )
      return {
        code: s.code,
        name: `${s.forename} ${s.surname}`,
        grade: s.grade,
        cases: w.cases,
        points: w.points,
        capacity: w.capacity,
        percent: w.percent,
      }
    })
    .filter(p => p.capacity > 0 || p.cases > 0)
}

function enforcementViews(enforcement: Enforcement, today: LocalDate) {
  return {
    actions: enforcement.actions.map(a => ({
      ...actionView(a),
      crn: a.crn,
      name: `${a.forename} ${a.surname}`,
      manager: a.manager_forename ? `${a.manager_forename} ${a.manager_surname}` : null,
      href: `/people/${a.crn}/enforcement`,
      clock: a.due_date ? clockOf(LocalDate.parse(a.due_date), today) : null,
    })),
    breaches: enforcement.breaches.map(b => ({
      id: b.id,
      crn: b.crn,
      name: `${b.forename} ${b.surname}`,
      kind: b.kind,
      kindText: b.kind === 'breach' ? 'Breach' : 'Recall',
      status: b.status,
      statusText: b.status.charAt(0).toUpperCase() + b.status.slice(1).replace(/_/g, ' '),
      initiated: b.initiated_date,
      courtDate: b.court_date,
      href: `/people/${b.crn}/enforcement`,
    })),
  }
}
