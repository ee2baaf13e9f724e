import { LocalDate } from '@js-joda/core'
import { publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { OUTCOMES, type AcceptableAbsenceReason, type OutcomeCode } from '../../domain/enforcement/outcomes.ts'
import { ConflictError, NotFoundError } from '../../errors.ts'
import type { SupervisionDeps } from './context.ts'
import { enforce } from './enforcement-actions.ts'
import { decide, orderTypeOf } from './enforcement.ts'
import * as q from './queries.ts'
import { londonDate } from './time.ts'

/**
 * What unpaid work (issue 17 items 3–4) raises on the person's supervision, inside the caller's transaction (the
 * caller has opened the person's record with `withPerson` and audits its own change):
 * - an allocation to a session is an "Unpaid work session" appointment (contact type UPW, national standard) on the
 *   order that holds the unpaid work requirement;
 * - what the supervisor records is that appointment's outcome, appended to its history; a failure (sent home for
 *   behaviour, an unacceptable absence) runs the normal enforcement decision, as a missed office appointment does.
 */

export const UPW_CONTACT = 'UPW'

export interface UnpaidWorkAppointment {
  requirementId: number
  startsAt: Date
  endsAt: Date
  location: string | null
  notes: string | null
}

/** Books the session as an appointment on the person's record, on the order holding the requirement. */
export async function bookUnpaidWorkSession(
  trx: Executor,
  ctx: RequestContext,
  personId: number,
  a: UnpaidWorkAppointment,
): Promise<number> {
  const p = await q.findPersonById(trx, personId)
  if (!p) throw new NotFoundError('There is no such person')
  const orders = await q.currentOrders(trx, personId)
  const order = orders.find(o => o.requirements.some(r => r.id === a.requirementId))
  if (!order) throw new NotFoundError('There is no such unpaid work requirement')
  const contactId = await q.insertContact(trx, {
    person_id: personId,
    event_id: order.event_id,
    requirement_id: a.requirementId,
    contact_type: UPW_CONTACT,
    is_appointment: true,
    starts_at: a.startsAt,
    ends_at: a.endsAt,
    location: a.location,
    national_standard: true,
    system_generated: true,
    notes: a.notes,
    created_by: ctx.user?.id ?? null,
  })
  await publish(trx, 'appointment.booked', personId, { crn: p.crn, contactId, type: UPW_CONTACT })
  return contactId
}

export interface UnpaidWorkOutcome {
  outcome: OutcomeCode
  /** For an acceptable absence: the Delius reason (a session stood down is `stood_down`). */
  reason: AcceptableAbsenceReason | null
  notes: string | null
}

/**
 * Gives the session's appointment its outcome (a correction appends to the history). A new failure runs the
 * enforcement decision (a warning letter, or breach); a correction that is no longer a failure withdraws the open
 * actions the failure raised; a failure corrected to another failure is not decided twice.
 */
export async function recordUnpaidWorkOutcome(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  personId: number,
  contactId: number,
  o: UnpaidWorkOutcome,
): Promise<{ actionIds: number[]; path: string | null }> {
  const p = await q.findPersonById(trx, personId)
  if (!p) throw new NotFoundError('There is no such person')
  const contact = await q.findContact(trx, personId, contactId)
  if (!contact) throw new NotFoundError('There is no such appointment')
  const meaning = OUTCOMES[o.outcome]
  const previous = contact.outcome
  const by = ctx.user?.id ?? null
  const result = { outcome: o.outcome, attended: meaning.attended, complied: meaning.compliedOrAcceptable }
  const notes = o.notes ?? contact.notes
  const at = deps.clock.now()
  const set = { ...result, absence_reason: o.reason, notes, by, at }
  if (!(await q.setOutcome(trx, contact.id, contact.version, set)))
    throw new ConflictError('Someone else recorded an outcome for this session meanwhile: check it and try again')
  await q.insertOutcome(trx, {
    ...result,
    person_id: personId,
    contact_id: contact.id,
    absence_reason: o.reason,
    notes: o.notes,
    recorded_by: by,
  })
  await publish(trx, 'appointment.outcome-recorded', personId, {
    crn: p.crn,
    contactId: contact.id,
    outcome: o.outcome,
    previous,
    version: contact.version + 1,
  })
  const wasFailure = previous !== null && previous in OUTCOMES && OUTCOMES[previous as OutcomeCode].isFailure
  if (wasFailure && meaning.isFailure) return { actionIds: [], path: null }
  if (wasFailure) await withdrawActions(trx, p, contact.id)
  if (!meaning.isFailure) return { actionIds: [], path: null }
  const orders = await q.currentOrders(trx, personId)
  const order = orders.find(x => x.event_id === contact.event_id) ?? orders[0]
  const updated = await q.findContact(trx, personId, contact.id)
  if (!updated) throw new NotFoundError('There is no such appointment')
  const decision = await decide(trx, {
    personId,
    contactId: contact.id,
    eventId: contact.event_id,
    orderType: orderTypeOf(order?.sentence_type ?? 'community_order', p.case_status),
    failureDate: LocalDate.parse(londonDate(contact.starts_at)),
    recordedOn: deps.clock.today(),
    outcome: o.outcome,
    nationalStandard: true,
  })
  const enforcement = await enforce(deps, trx, ctx, p, updated, decision)
  return { actionIds: enforcement.actionIds, path: decision.path }
}

/** The open actions a failure raised, withdrawn when its outcome is corrected to one that is not a failure. */
async function withdrawActions(trx: Executor, p: { id: number; crn: string }, contactId: number) {
  const open = (await q.listActions(trx, p.id)).filter(
    a => a.contact_id === contactId && a.status === 'open' && a.action_type !== 'court_hearing',
  )
  if (!open.length) return
  await q.cancelActions(
    trx,
    open.map(a => a.id),
  )
  for (const a of open)
    await publish(trx, 'enforcement.action-cancelled', p.id, { crn: p.crn, actionId: a.id, reason: 'outcome changed' })
}
