import { audit, type RequestContext } from '../../access/audit.ts'
import { canDecideAccess } from '../../access/policy.ts'
import type { PersonAccessMode } from '../../access/with-person.ts'
import { ConflictError, NotFoundError } from '../../errors.ts'
import { auditExpiries, DAY, type SharingDeps } from './deps.ts'
import type { DecisionCommand, WithdrawCommand } from './forms.ts'
import { acknowledgeUrgent, decideRequest, findGrant, withdrawGrant } from './queries.ts'

/**
 * The case manager's or their senior's side: grant or refuse a request, withdraw a grant, acknowledge an urgent
 * access. Each opens the record with `withPerson` under the named rule `canDecideAccess` (a refusal is audited), and
 * audits what it did in the same transaction.
 */

export const DECIDE_ACCESS: PersonAccessMode = { name: 'decide-access', decide: canDecideAccess }

/** A request and the person it is about, for the decision page. */
export function decisionPage(deps: SharingDeps, ctx: RequestContext, crn: string, grantId: number) {
  return deps.withPerson(ctx, crn, DECIDE_ACCESS, async (trx, access) => {
    const grant = await findGrant(trx, access.personId, grantId)
    if (!grant) throw new NotFoundError('There is no such request for access to this record')
    return { crn: access.crn, grant, grantDays: deps.settings.grantDays }
  })
}

/** Grants (for `grantDays`) or refuses a pending request, with the reason; audited either way. */
export async function decide(
  deps: SharingDeps,
  ctx: RequestContext,
  crn: string,
  grantId: number,
  command: DecisionCommand,
) {
  const now = deps.clock.now()
  return deps.withPerson(ctx, crn, DECIDE_ACCESS, async (trx, access) => {
    const grant = await findGrant(trx, access.personId, grantId)
    if (!grant) throw new NotFoundError('There is no such request for access to this record')
    const granted = command.decision === 'grant'
    const expiresAt = granted ? new Date(now.getTime() + deps.settings.grantDays * DAY) : null
    const changed = await decideRequest(trx, grantId, {
      status: granted ? 'granted' : 'refused',
      decided_by: ctx.user!.id,
      decided_at: now,
      decision_reason: command.reason,
      expires_at: expiresAt,
    })
    if (!changed) throw new ConflictError('This request has already been decided. Check the record’s access page.')
    await audit(trx, ctx, {
      action: granted ? 'ACCESS_GRANTED' : 'ACCESS_REQUEST_REFUSED',
      personId: access.personId,
      subject: access.crn,
      detail: {
        grantId,
        userId: grant.user_id,
        reason: command.reason,
        ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
      },
    })
    return { decision: command.decision }
  })
}

/** Withdraws a running grant (or urgent access) before it expires. */
export async function withdraw(
  deps: SharingDeps,
  ctx: RequestContext,
  crn: string,
  grantId: number,
  command: WithdrawCommand,
) {
  const now = deps.clock.now()
  return deps.withPerson(ctx, crn, DECIDE_ACCESS, async (trx, access) => {
    const grant = await findGrant(trx, access.personId, grantId)
    if (!grant) throw new NotFoundError('There is no such grant of access to this record')
    const changed = await withdrawGrant(trx, grantId, {
      withdrawn_by: ctx.user!.id,
      withdrawn_at: now,
      withdrawal_reason: command.reason,
    })
    if (!changed) throw new ConflictError('This access is no longer granted. Check the record’s access page.')
    await audit(trx, ctx, {
      action: 'ACCESS_WITHDRAWN',
      personId: access.personId,
      subject: access.crn,
      detail: { grantId, userId: grant.user_id, kind: grant.kind, reason: command.reason },
    })
  })
}

/** The managing senior (or case manager) has seen an urgent access: it leaves their needs-attention list. */
export async function acknowledge(deps: SharingDeps, ctx: RequestContext, crn: string, grantId: number) {
  const now = deps.clock.now()
  await auditExpiries(deps.db, ctx, now)
  return deps.withPerson(ctx, crn, DECIDE_ACCESS, async (trx, access) => {
    const grant = await findGrant(trx, access.personId, grantId)
    if (!grant || grant.kind !== 'urgent') throw new NotFoundError('There is no such urgent access to this record')
    if (await acknowledgeUrgent(trx, grantId, ctx.user!.id, now)) {
      await audit(trx, ctx, {
        action: 'URGENT_ACCESS_ACKNOWLEDGED',
        personId: access.personId,
        subject: access.crn,
        detail: { grantId, userId: grant.user_id },
      })
    }
  })
}
