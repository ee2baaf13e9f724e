import type { LocalDate } from '@js-joda/core'
import { audit, publish, type RequestContext } from '../../access/audit.ts'
import { ValidationError } from '../../errors.ts'
import type { Parsed } from '../../web/forms.ts'
import { CONFLICT_OF_INTEREST, victimSubject, withVictim, type VictimsDeps } from './context.ts'
import type { ContactCommand, DecisionCommand, DetailsCommand, OfficerCommand } from './forms.ts'
import * as q from './queries.ts'

/**
 * The changes to a victim's record, each appended (never overwritten) in one transaction with its audit row and
 * outbox event, neither naming the victim: a new version of the contact details and wishes, opting in or out, the
 * officer, a contact. Each is refused with the field named on bad input, and to a user who may not open the record.
 */

type Change = { victimId: number }

function valid<T>(command: Parsed<T>): T {
  if (!command.ok) throw new ValidationError(command.errors)
  return command.value
}

function notFuture(deps: VictimsDeps, date: LocalDate, field: string, label: string) {
  if (date.isAfter(deps.clock.today()))
    throw new ValidationError([{ field, message: `${label} must be today or in the past` }])
}

/** Writes the change's audit row and outbox event (ids only). */
async function record(
  trx: Parameters<Parameters<typeof withVictim>[4]>[0],
  ctx: RequestContext,
  action: string,
  event: string,
  ids: { victimId: number } & Record<string, number | string>,
) {
  await audit(trx, ctx, { action, personId: null, subject: victimSubject(ids.victimId), detail: ids })
  await publish(trx, event, null, ids)
}

export function changeDetails(
  deps: VictimsDeps,
  ctx: RequestContext,
  victimId: number,
  command: Parsed<DetailsCommand>,
): Promise<Change> {
  const d = valid(command)
  return withVictim(deps, ctx, victimId, 'write', async (trx, victim) => {
    const detailsId = await q.insertDetails(trx, {
      victim_id: victimId,
      person_id: victim.person_id,
      address_line1: d.addressLine1,
      address_line2: d.addressLine2,
      town: d.town,
      postcode: d.postcode,
      phone: d.phone,
      email: d.email,
      preferred_method: d.preferredMethod,
      no_contact_wish: d.noContactWish,
      wishes: d.wishes,
      recorded_by: ctx.user?.id ?? null,
      recorded_at: deps.clock.now(),
    })
    await record(trx, ctx, 'VICTIM_DETAILS_CHANGE', 'victim.details-changed', { victimId, detailsId })
    return { victimId }
  })
}

export function recordDecision(
  deps: VictimsDeps,
  ctx: RequestContext,
  victimId: number,
  command: Parsed<DecisionCommand>,
): Promise<Change> {
  const c = valid(command)
  notFuture(deps, c.decidedOn, 'decidedOn', 'The date of the decision')
  return withVictim(deps, ctx, victimId, 'write', async (trx, victim) => {
    const decisionId = await q.insertDecision(trx, {
      victim_id: victimId,
      person_id: victim.person_id,
      decision: c.decision,
      decided_on: c.decidedOn.toString(),
      notes: c.notes,
      recorded_by: ctx.user?.id ?? null,
      recorded_at: deps.clock.now(),
    })
    const ids = { victimId, decisionId, decision: c.decision }
    await record(trx, ctx, 'VICTIM_DECISION_RECORD', 'victim.decision-recorded', ids)
    return { victimId }
  })
}

/**
 * Makes a victim liaison officer of the offender's provider the victim's officer. Refused on `officer` when the
 * chosen officer manages or managed the offender's case (conflict of interest).
 */
export function assignOfficer(
  deps: VictimsDeps,
  ctx: RequestContext,
  victimId: number,
  command: Parsed<OfficerCommand>,
): Promise<Change> {
  const c = valid(command)
  return withVictim(deps, ctx, victimId, 'write', async (trx, victim) => {
    const officers = victim.managing_provider_id ? await q.liaisonUsers(trx, victim.managing_provider_id) : []
    const officer = officers.find(o => o.id === c.officerUserId)
    if (!officer)
      throw new ValidationError([{ field: 'officer', message: 'Choose a victim liaison officer of this provider' }])
    if (officer.staff_id !== null && (await q.hasManaged(trx, victim.person_id, officer.staff_id))) {
      const message =
        officer.id === ctx.user?.id
          ? CONFLICT_OF_INTEREST
          : `conflict of interest: ${officer.display_name} manages this person’s case`
      throw new ValidationError([{ field: 'officer', message }])
    }
    const assignmentId = await q.insertAssignment(trx, {
      victim_id: victimId,
      person_id: victim.person_id,
      officer_user_id: officer.id,
      assigned_on: deps.clock.today().toString(),
      recorded_by: ctx.user?.id ?? null,
      recorded_at: deps.clock.now(),
    })
    const ids = { victimId, assignmentId, officerUserId: officer.id }
    await record(trx, ctx, 'VICTIM_OFFICER_ASSIGN', 'victim.officer-assigned', ids)
    return { victimId }
  })
}

export function recordContact(
  deps: VictimsDeps,
  ctx: RequestContext,
  victimId: number,
  command: Parsed<ContactCommand>,
): Promise<Change> {
  const c = valid(command)
  notFuture(deps, c.contactOn, 'contactOn', 'The date of the contact')
  return withVictim(deps, ctx, victimId, 'write', async (trx, victim) => {
    const contactId = await q.insertContact(trx, {
      victim_id: victimId,
      person_id: victim.person_id,
      contact_on: c.contactOn.toString(),
      method: c.method,
      summary: c.summary,
      recorded_by: ctx.user?.id ?? null,
      recorded_at: deps.clock.now(),
    })
    await record(trx, ctx, 'VICTIM_CONTACT_RECORD', 'victim.contact-recorded', { victimId, contactId })
    return { victimId }
  })
}
