import type { RequestContext } from '../../access/audit.ts'
import { audit, publish } from '../../access/audit.ts'
import type { PersonAccess } from '../../access/with-person.ts'
import type { SharedSummary } from '../../domain/partner-services/shared-summary.ts'
import { canWithdraw, type ReferralStatusCode } from '../../domain/partner-services/referral-rules.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import type { PartnerDeps } from './context.ts'
import { referralBasis, summaryFor, type ReferralBasis } from './referral-facts.ts'
import { createSendReferral, newReference } from './referral-send.ts'
import * as q from './queries/referrals.ts'

/**
 * A case's referrals, the practitioner's side (issue 18 item 2, and 3–4 as the practitioner sees them): the list,
 * the make a referral page (the service, who it takes, a preview of exactly what will be shared), one referral with
 * what was shared and everything the partner recorded, approving the partner's latest action plan, acknowledging an
 * incident and withdrawing the referral (with a reason, before it ends). Reads open the record with 'read', changes
 * with 'update'; each change is audited and, where the partner must know, published, in its transaction.
 */

export interface ReferralsPage {
  person: { crn: string; name: string }
  referrals: q.ReferralListRow[]
  canUpdate: boolean
}

export interface NewReferralPage {
  person: { crn: string; name: string }
  basis: ReferralBasis
  preview: SharedSummary
  /** The reference this form will send the referral under. */
  reference: string
}

export interface ReferralPage {
  person: { crn: string; name: string }
  referral: q.ReferralRow
  records: q.ReferralRecords
  shared: SharedSummary
  canUpdate: boolean
}

const nameOf = (p: { forename: string; surname: string }) => `${p.forename} ${p.surname}`

async function personOf(trx: Parameters<typeof q.findPersonFacts>[0], person: PersonAccess) {
  const p = await q.findPersonFacts(trx, person.personId)
  return { crn: person.crn, name: nameOf(p) }
}

async function referralOf(trx: Parameters<typeof q.findReferral>[0], person: PersonAccess, id: number) {
  const referral = await q.findReferral(trx, person.personId, id)
  if (!referral) throw new NotFoundError('There is no such referral for this person')
  return referral
}

function readUseCases(deps: PartnerDeps) {
  return {
    list: (ctx: RequestContext, crn: string): Promise<ReferralsPage> =>
      deps.withPerson(ctx, crn, 'read', async (trx, person) => ({
        person: await personOf(trx, person),
        referrals: await q.listReferrals(trx, person.personId),
        canUpdate: person.canUpdate,
      })),

    newReferralPage: (ctx: RequestContext, crn: string, serviceId: number, shareAddress: boolean) =>
      deps.withPerson(ctx, crn, 'update', async (trx, person): Promise<NewReferralPage> => {
        const basis = await referralBasis(trx, person, serviceId, deps.clock.today())
        if (!basis) throw new NotFoundError('There is no such service')
        return {
          person: await personOf(trx, person),
          basis,
          preview: summaryFor(basis, shareAddress),
          reference: newReference(),
        }
      }),

    referral: (ctx: RequestContext, crn: string, id: number): Promise<ReferralPage> =>
      deps.withPerson(ctx, crn, 'read', async (trx, person) => {
        const referral = await referralOf(trx, person, id)
        return {
          person: await personOf(trx, person),
          referral,
          records: await q.referralRecords(trx, referral.id),
          shared: referral.shared as SharedSummary,
          canUpdate: person.canUpdate,
        }
      }),
  }
}

function changeUseCases(deps: PartnerDeps) {
  return {
    approvePlan: (ctx: RequestContext, crn: string, id: number, planId: number) =>
      deps.withPerson(ctx, crn, 'update', async (trx, person) => {
        const referral = await referralOf(trx, person, id)
        if (!(await q.approvePlan(trx, referral.id, planId, ctx.user?.id ?? null, deps.clock.now())))
          throw new ValidationError([
            { field: `plan-${planId}`, message: 'Only the latest action plan, not yet approved, can be approved' },
          ])
        const detail = { reference: referral.reference, referralId: referral.id, planId }
        await audit(trx, ctx, { action: 'REFERRAL_PLAN_APPROVED', personId: person.personId, subject: crn, detail })
        await publish(trx, 'referral.action-plan.approved', person.personId, { reference: referral.reference, planId })
        return { crn: person.crn, id: referral.id }
      }),

    acknowledgeIncident: (ctx: RequestContext, crn: string, id: number, incidentId: number) =>
      deps.withPerson(ctx, crn, 'update', async (trx, person) => {
        const referral = await referralOf(trx, person, id)
        if (!(await q.acknowledgeIncident(trx, referral.id, incidentId, ctx.user?.id ?? null, deps.clock.now())))
          throw new ValidationError([
            { field: `incident-${incidentId}`, message: 'This incident has already been acknowledged' },
          ])
        const detail = { reference: referral.reference, referralId: referral.id, incidentId }
        await audit(trx, ctx, {
          action: 'REFERRAL_INCIDENT_ACKNOWLEDGED',
          personId: person.personId,
          subject: crn,
          detail,
        })
        return { crn: person.crn, id: referral.id }
      }),

    withdraw: (ctx: RequestContext, crn: string, id: number, reason: string) =>
      deps.withPerson(ctx, crn, 'update', async (trx, person) => {
        const referral = await referralOf(trx, person, id)
        if (!canWithdraw(referral.status as ReferralStatusCode))
          throw new ValidationError([
            { field: 'withdrawReason', message: 'This referral has ended: it cannot be withdrawn' },
          ])
        if (!reason)
          throw new ValidationError([{ field: 'withdrawReason', message: 'Enter why the referral is withdrawn' }])
        if (reason.length > 2000)
          throw new ValidationError([
            { field: 'withdrawReason', message: 'The reason must be 2000 characters or fewer' },
          ])
        if (!(await q.withdrawReferral(trx, referral.id, referral.version, reason))) throw new ConflictError()
        const by = ctx.user?.id ?? null
        await q.insertStatus(trx, { referral_id: referral.id, status: 'withdrawn', reason, changed_by: by })
        const detail = { reference: referral.reference, referralId: referral.id }
        await audit(trx, ctx, { action: 'REFERRAL_WITHDRAWN', personId: person.personId, subject: crn, detail })
        await publish(trx, 'referral.withdrawn', person.personId, {
          reference: referral.reference,
          organisationId: Number(referral.organisation_id),
          serviceId: Number(referral.service_id),
        })
        return { crn: person.crn, id: referral.id }
      }),
  }
}

/** The practitioner's referral use cases. */
export function createReferralsUseCases(deps: PartnerDeps) {
  return { ...readUseCases(deps), ...changeUseCases(deps), send: createSendReferral(deps) }
}
export type ReferralsUseCases = ReturnType<typeof createReferralsUseCases>
