import { audit, type RequestContext } from '../../access/audit.ts'
import { loadPeopleAccess } from '../../access/person-access.ts'
import { canDecideAccess, formerManagerUntil, hasPermission } from '../../access/policy.ts'
import { ForbiddenError } from '../../errors.ts'
import { auditExpiries, type SharingDeps } from './deps.ts'
import { limitationsByName, listAwaitingDecision, listGrants, listUrgentAccesses, managersByName } from './queries.ts'

/**
 * Who may see a record and why (the person's access page), what awaits a manager's or senior's decision across
 * their cases, and the auditors' list of urgent accesses.
 */

/** The person's access page: managers now and before (with when their access ends), grants, requests, limited access. */
export async function accessPage(deps: SharingDeps, ctx: RequestContext, crn: string) {
  const now = deps.clock.now()
  await auditExpiries(deps.db, ctx, now)
  return deps.withPerson(ctx, crn, 'read', async (trx, access) => {
    const mayDecide = canDecideAccess(ctx.user, access.facts).allowed
    // The names on the limited-access lists are for those who manage the record's access, not for every reader.
    const maySeeLimits = mayDecide || (ctx.user?.roles.includes('admin') ?? false)
    const [managers, grants, limits] = await Promise.all([
      managersByName(trx, access.personId),
      listGrants(trx, access.personId),
      maySeeLimits ? limitationsByName(trx, access.personId) : Promise.resolve([]),
    ])
    const months = deps.settings.formerManagerMonths
    const former = managers
      .filter(m => m.ended_at !== null)
      .map(m => ({ ...m, until: formerManagerUntil(m.ended_at!, months) }))
      .filter(m => m.until > now)
    const running = (g: (typeof grants)[number]) =>
      g.status === 'granted' && g.expires_at !== null && g.expires_at > now
    return {
      crn: access.crn,
      personId: access.personId,
      basis: access.basis,
      mayDecide,
      maySeeLimits,
      current: managers.find(m => m.ended_at === null) ?? null,
      former,
      formerManagerMonths: months,
      granted: grants.filter(g => g.kind === 'request' && running(g)),
      pending: grants.filter(g => g.status === 'pending'),
      urgent: grants.filter(g => g.kind === 'urgent'),
      exclusions: limits.filter(l => l.kind === 'exclusion'),
      restrictions: limits.filter(l => l.kind === 'restriction'),
      now,
    }
  })
}

/** Requests to decide and urgent accesses to acknowledge on the cases this user manages or supervises. */
export async function awaitingDecision(deps: SharingDeps, ctx: RequestContext) {
  const user = ctx.user
  if (!user || !hasPermission(user, 'person:update')) throw new ForbiddenError('Your role does not allow this')
  const now = deps.clock.now()
  await auditExpiries(deps.db, ctx, now)
  const rows = await listAwaitingDecision(deps.db, {
    staffId: user.staffId,
    teamId: user.roles.includes('senior') ? user.teamId : null,
  })
  const facts = await loadPeopleAccess(
    deps.db,
    rows.map(r => r.person_id),
    { now, formerManagerMonths: deps.settings.formerManagerMonths },
  )
  // The policy decides, as on the record: an excluded case manager does not see requests about the record.
  const mine = rows.filter(r => {
    const f = facts.get(r.person_id)
    return f !== undefined && canDecideAccess(user, f).allowed
  })
  return { pending: mine.filter(r => r.status === 'pending'), urgent: mine.filter(r => r.kind === 'urgent') }
}

/** Every urgent access, for auditors; the look is audited. */
export async function urgentAccesses(deps: SharingDeps, ctx: RequestContext) {
  if (!hasPermission(ctx.user, 'person:audit')) throw new ForbiddenError('Your role does not allow this')
  const now = deps.clock.now()
  await auditExpiries(deps.db, ctx, now)
  const rows = await listUrgentAccesses(deps.db)
  await audit(deps.db, ctx, { action: 'URGENT_ACCESS_LIST_VIEW', detail: { shown: rows.map(r => r.id) } })
  return { rows, now }
}
