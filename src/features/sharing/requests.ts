import type { RequestContext } from '../../access/audit.ts'
import { audit } from '../../access/audit.ts'
import { loadPersonAccessByCrn } from '../../access/person-access.ts'
import { canReadPerson } from '../../access/policy.ts'
import { auditRefusal } from '../../access/with-person.ts'
import { ForbiddenError, NotFoundError } from '../../errors.ts'
import { auditExpiries, DAY, HOUR, type SharingDeps } from './deps.ts'
import type { AskCommand, UrgentCommand } from './forms.ts'
import { findPendingRequest, insertGrant, listOwnGrants } from './queries.ts'

/**
 * Asking for access, and urgent access. Anyone whose role reads records may ask about a record they cannot read;
 * nobody the record's limited access keeps out may (their refusal is audited as any other). Neither reveals more
 * of the person than the CRN the asker already had.
 */

type Outcome = { kind: 'may-read' } | { kind: 'may-ask'; personId: number; managingTeamId: number | null }

/** Whether the user may already read the whole record, or may ask; refused (and audited) under limited access. */
async function askable(deps: SharingDeps, ctx: RequestContext, crn: string, attempted: string): Promise<Outcome> {
  const now = deps.clock.now()
  return deps.db
    .transaction()
    .execute(async trx => {
      const facts = await loadPersonAccessByCrn(trx, crn, {
        now,
        formerManagerMonths: deps.settings.formerManagerMonths,
      })
      if (!facts) throw new NotFoundError('There is no record with this CRN')
      const decision = canReadPerson(ctx.user, facts)
      if (decision.allowed && !decision.scope) return { kind: 'may-read' as const }
      if (!decision.allowed && !decision.canAsk) {
        await auditRefusal(trx, ctx, { personId: facts.personId, crn }, attempted, decision)
        return { kind: 'refused' as const, reason: decision.reason }
      }
      return { kind: 'may-ask' as const, personId: facts.personId, managingTeamId: facts.managingTeamId }
    })
    .then(result => {
      if (result.kind === 'refused') throw new ForbiddenError(result.reason)
      return result
    })
}

/** The "Ask for access" page: nothing of the person but the CRN asked about. */
export async function askPage(deps: SharingDeps, ctx: RequestContext, crn: string) {
  const outcome = await askable(deps, ctx, crn, 'ask-for-access')
  return { crn, mayRead: outcome.kind === 'may-read' }
}

/** Asks the case's manager and their senior for time-limited read access (one request waiting at a time). */
export async function askForAccess(deps: SharingDeps, ctx: RequestContext, command: AskCommand) {
  const outcome = await askable(deps, ctx, command.crn, 'ask-for-access')
  if (outcome.kind === 'may-read') return { crn: command.crn, grantId: null }
  const now = deps.clock.now()
  return deps.db.transaction().execute(async trx => {
    const waiting = await findPendingRequest(trx, outcome.personId, ctx.user!.id)
    if (waiting) return { crn: command.crn, grantId: waiting.id }
    const { id } = await insertGrant(trx, {
      person_id: outcome.personId,
      user_id: ctx.user!.id,
      kind: 'request',
      reason: command.reason,
      status: 'pending',
      requested_at: now,
      expires_at: null,
      managing_team_id: outcome.managingTeamId,
    })
    await audit(trx, ctx, {
      action: 'ACCESS_REQUESTED',
      personId: outcome.personId,
      subject: command.crn,
      detail: { grantId: id, reason: command.reason },
    })
    return { crn: command.crn, grantId: id }
  })
}

/**
 * Urgent ("break glass") access for safeguarding: read access at once for `urgentHours`, audited, flagged to the
 * managing senior's needs-attention list until they acknowledge it, and listed for auditors.
 */
export async function urgentAccess(deps: SharingDeps, ctx: RequestContext, command: UrgentCommand) {
  const outcome = await askable(deps, ctx, command.crn, 'urgent-access')
  if (outcome.kind === 'may-read') return { crn: command.crn }
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + deps.settings.urgentHours * HOUR)
  await deps.db.transaction().execute(async trx => {
    const { id } = await insertGrant(trx, {
      person_id: outcome.personId,
      user_id: ctx.user!.id,
      kind: 'urgent',
      reason: command.reason,
      status: 'granted',
      requested_at: now,
      expires_at: expiresAt,
      managing_team_id: outcome.managingTeamId,
    })
    await audit(trx, ctx, {
      action: 'URGENT_ACCESS',
      personId: outcome.personId,
      subject: command.crn,
      detail: { grantId: id, reason: command.reason, expiresAt: expiresAt.toISOString() },
    })
  })
  return { crn: command.crn }
}

/** The user's own requests and grants, newest first, with whether each is running now. */
export async function ownRequests(deps: SharingDeps, ctx: RequestContext) {
  const now = deps.clock.now()
  await auditExpiries(deps.db, ctx, now)
  const rows = await listOwnGrants(deps.db, ctx.user!.id)
  return { rows, now, grantDays: deps.settings.grantDays, day: DAY }
}
