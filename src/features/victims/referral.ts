import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ValidationError } from '../../errors.ts'
import { FieldProblems, type Parsed } from '../../web/forms.ts'
import { victimRefusal, victimSubject, type VictimsDeps } from './context.ts'
import type { ReferralCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * A referral from the witness care unit (rules-and-outcomes.md §3.3 "Victim referral"): the victim, their first
 * contact details and wishes, and the referral, in one transaction with its audit row (VICTIM_REFERRAL_RECORD) and
 * outbox event (`victim.referral-recorded`), neither naming the victim. Refused, with nothing written, on bad input,
 * an unknown CRN, another provider's case, or a case the user manages or managed (conflict of interest: the refusal
 * itself is audited).
 */
export async function recordReferral(
  deps: VictimsDeps,
  ctx: RequestContext,
  command: Parsed<ReferralCommand>,
  source: 'form' | 'api',
): Promise<{ victimId: number }> {
  if (!command.ok) throw new ValidationError(command.errors)
  const c = command.value
  const today = deps.clock.today()
  const p = new FieldProblems()
  if (c.dateOfBirth?.isAfter(today)) p.add('dateOfBirth', 'Date of birth must be in the past')
  if (c.referredOn.isAfter(today)) p.add('referredOn', 'The date of the referral must be today or in the past')
  const outcome = await deps.db.transaction().execute(async trx => {
    const offender = await q.findOffenderByCrn(trx, c.crn)
    if (!offender) p.add('crn', 'There is no person with this CRN')
    if (p.errors.length > 0 || !offender) throw new ValidationError(p.errors)
    const reason = await victimRefusal(trx, ctx.user, {
      personId: offender.id,
      providerId: offender.managing_provider_id,
    })
    if (reason) {
      await audit(trx, ctx, {
        action: 'VICTIM_ACCESS_REFUSED',
        personId: null,
        subject: 'victim:referral',
        detail: { attempted: 'referral', reason },
      })
      return { kind: 'denied' as const, reason }
    }
    const by = ctx.user?.id ?? null
    const victimId = await q.insertVictim(trx, {
      person_id: offender.id,
      forename: c.forename,
      surname: c.surname,
      date_of_birth: c.dateOfBirth?.toString() ?? null,
      created_by: by,
      created_at: deps.clock.now(),
    })
    const d = c.details
    const detailsId = await q.insertDetails(trx, {
      victim_id: victimId,
      person_id: offender.id,
      address_line1: d.addressLine1,
      address_line2: d.addressLine2,
      town: d.town,
      postcode: d.postcode,
      phone: d.phone,
      email: d.email,
      preferred_method: d.preferredMethod,
      no_contact_wish: d.noContactWish,
      wishes: d.wishes,
      recorded_by: by,
      recorded_at: deps.clock.now(),
    })
    const referralId = await q.insertReferral(trx, {
      victim_id: victimId,
      person_id: offender.id,
      referred_on: c.referredOn.toString(),
      referred_by: c.referredBy,
      source,
      recorded_by: by,
      recorded_at: deps.clock.now(),
    })
    const ids = { victimId, detailsId, referralId }
    await audit(trx, ctx, {
      action: 'VICTIM_REFERRAL_RECORD',
      personId: null,
      subject: victimSubject(victimId),
      detail: { ...ids, source },
    })
    await publish(trx, 'victim.referral-recorded', null, ids)
    return { kind: 'ok' as const, victimId }
  })
  if (outcome.kind === 'denied') throw new ValidationError([{ field: 'crn', message: outcome.reason }])
  return { victimId: outcome.victimId }
}
