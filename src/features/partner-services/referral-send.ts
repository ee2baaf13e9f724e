import { randomInt } from 'node:crypto'
import { DateTimeException, LocalDate } from '@js-joda/core'
import type { Transaction } from 'kysely'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { PersonAccess } from '../../access/with-person.ts'
import type { Database } from '../../db/schema.ts'
import {
  REFERENCE_PATTERN,
  referenceFrom,
  referralProblems,
  type ReferralProblem,
} from '../../domain/partner-services/referral-rules.ts'
import { NotFoundError, ValidationError } from '../../errors.ts'
import type { PartnerDeps } from './context.ts'
import { LIMITED_ACCESS_MESSAGE, referralBasis, summaryFor, type ReferralBasis } from './referral-facts.ts'
import type { SendReferralCommand } from './referral-forms.ts'
import * as q from './queries/referrals.ts'

/**
 * Sending a referral (issue 18 item 2): refused with the reason on the field, nothing saved, for a limited-access
 * record, a service that is closed or does not take the person, a missing reason or desired outcome, a deadline
 * outside today..the order's end, RAR days over the requirement's, or the sensitive-information check not made.
 * Otherwise, in one transaction: the referral (status 'sent', the shared summary frozen as JSON, on the order holding
 * the RAR requirement when the service delivers RAR), its status history row and desired outcomes, the audit row
 * and the event 'referral.sent' (reference, organisation and service: never the person's details).
 *
 * Two submissions of one form send one referral: the form carries the reference it was given when shown, the
 * reference is unique, and a second insert with it finds the first (same person, same referrer) and answers with it.
 */

export const SENSITIVE_CHECK_MESSAGE =
  'Confirm you have checked that nothing here identifies a victim or anyone else who has not agreed to share'

/** A new reference for a form (random: two letters, four digits, two letters). */
export const newReference = () => referenceFrom(Array.from({ length: 8 }, () => randomInt(0, 1_000_000) / 1_000_000))

function dateOrNull(iso: string): LocalDate | null {
  if (!iso || iso === 'invalid') return null
  try {
    return LocalDate.parse(iso)
  } catch (error) {
    if (error instanceof DateTimeException) return null
    throw error
  }
}

/** Every reason this command cannot be sent for this person to this service. */
export function sendProblems(basis: ReferralBasis, cmd: SendReferralCommand, today: LocalDate): ReferralProblem[] {
  if (basis.limitedAccess) return [{ field: 'serviceId', message: LIMITED_ACCESS_MESSAGE }]
  const end = basis.order?.expected_end_date
  const problems: ReferralProblem[] = [
    ...basis.refusals,
    ...referralProblems(
      {
        reason: cmd.reason,
        desiredOutcomes: cmd.desiredOutcomes,
        completionDeadline: dateOrNull(cmd.completionDeadline),
        rarDays: cmd.rarDays,
      },
      { today, orderEndsOn: end ? LocalDate.parse(String(end)) : null, rarDaysOrdered: basis.rarDaysOrdered },
    ),
  ]
  if (cmd.furtherInformation && cmd.furtherInformation.length > 4000)
    problems.push({ field: 'furtherInformation', message: 'Further information must be 4000 characters or fewer' })
  if (!cmd.sensitiveInformationChecked) problems.push({ field: 'sensitiveCheck', message: SENSITIVE_CHECK_MESSAGE })
  return problems
}

export interface SentReferral {
  crn: string
  id: number
  reference: string
  /** False when this was a second submission of a form already sent: nothing new was saved. */
  created: boolean
}

async function insertWithReference(
  trx: Transaction<Database>,
  row: Omit<Parameters<typeof q.insertReferral>[1], 'reference'>,
  given: string | null,
  userId: number | null,
): Promise<{ id: number; reference: string; created: boolean }> {
  const wanted = given && REFERENCE_PATTERN.test(given) ? given : null
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = (attempt === 0 && wanted) || newReference()
    const id = await q.insertReferral(trx, { ...row, reference })
    if (id !== undefined) return { id, reference, created: true }
    const taken = await q.findReferralByReference(trx, reference)
    if (
      taken &&
      Number(taken.person_id) === row.person_id &&
      Number(taken.referred_by) === userId &&
      reference === wanted
    )
      return { id: Number(taken.id), reference, created: false }
  }
  throw new ValidationError([
    { field: 'reason', message: 'The referral could not be given a reference: send it again' },
  ])
}

async function send(
  deps: PartnerDeps,
  ctx: RequestContext,
  trx: Transaction<Database>,
  person: PersonAccess,
  serviceId: number,
  cmd: SendReferralCommand,
): Promise<SentReferral> {
  const today = deps.clock.today()
  const basis = await referralBasis(trx, person, serviceId, today)
  if (!basis) throw new NotFoundError('There is no such service')
  const problems = sendProblems(basis, cmd, today)
  if (problems.length) throw new ValidationError(problems)
  const by = ctx.user?.id ?? null
  const shared = summaryFor(basis, cmd.shareAddress)
  const { id, reference, created } = await insertWithReference(
    trx,
    {
      person_id: person.personId,
      event_id: basis.order?.event_id ?? null,
      requirement_id: basis.rarDaysOrdered !== null ? (basis.order?.requirement_id ?? null) : null,
      service_id: basis.service.id,
      organisation_id: basis.service.organisation_id,
      provider_id: basis.providerId,
      status: 'sent',
      reason: cmd.reason,
      rar_days: basis.rarDaysOrdered !== null ? cmd.rarDays : null,
      completion_deadline: cmd.completionDeadline,
      further_information: cmd.furtherInformation,
      shared: JSON.stringify(shared),
      share_address: cmd.shareAddress,
      sensitive_check_confirmed: true,
      referred_by: by,
      sent_at: deps.clock.now(),
    },
    cmd.reference,
    by,
  )
  if (!created) return { crn: person.crn, id, reference, created }
  await q.insertStatus(trx, { referral_id: id, status: 'sent', reason: null, changed_by: by })
  await q.insertDesiredOutcomes(trx, id, cmd.desiredOutcomes)
  const detail = {
    reference,
    referralId: id,
    serviceId: basis.service.id,
    organisationId: basis.service.organisation_id,
  }
  await audit(trx, ctx, { action: 'REFERRAL_SENT', personId: person.personId, subject: person.crn, detail })
  await publish(trx, 'referral.sent', person.personId, {
    reference,
    organisationId: basis.service.organisation_id,
    serviceId: basis.service.id,
  })
  return { crn: person.crn, id, reference, created }
}

/** Sends the referral of the person (`crn`) to the service, or refuses with every field at fault. */
export function createSendReferral(deps: PartnerDeps) {
  return (ctx: RequestContext, crn: string, serviceId: number, cmd: SendReferralCommand) =>
    deps.withPerson(ctx, crn, 'update', (trx, person) => send(deps, ctx, trx, person, serviceId, cmd))
}
