import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { SUPERVISION_VIEW, type SupervisionDeps } from './context.ts'
import { openEnforcementForTeam } from './queries.ts'

/**
 * Open enforcement actions and open breaches/recalls of a team's cases, for the senior's team view: filtered
 * through the access policy (limited-access cases are left out) and audited per person shown.
 */
export async function teamEnforcement(deps: SupervisionDeps, ctx: RequestContext, teamId: number) {
  return deps.db.transaction().execute(async trx => {
    const { actions, breaches } = await openEnforcementForTeam(trx, teamId)
    const facts = await loadPeopleAccess(trx, [...actions.map(a => a.person_id), ...breaches.map(b => b.person_id)])
    const visible = (id: number) => {
      const f = facts.get(id)
      return f !== undefined && canReadPerson(ctx.user, f).allowed
    }
    const result = {
      actions: actions.filter(a => visible(a.person_id)),
      breaches: breaches.filter(b => visible(b.person_id)),
    }
    for (const id of new Set([...result.actions.map(a => a.person_id), ...result.breaches.map(b => b.person_id)])) {
      await audit(trx, ctx, { action: SUPERVISION_VIEW, personId: id, detail: { page: 'team-enforcement', teamId } })
    }
    return result
  })
}
