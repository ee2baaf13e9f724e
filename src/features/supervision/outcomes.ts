import { audit, publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { londonDate as londonLocalDate } from '../../clock.ts'
import type { EnforcementDecision } from '../../domain/enforcement/decision.ts'
import { OUTCOMES } from '../../domain/enforcement/outcomes.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts'
import { formatDate } from '../../web/filters.ts'
import type { Parsed } from '../../web/forms.ts'
import { viewed, withSupervisedPerson, type Person, type SupervisionDeps } from './context.ts'
import { enforce, type Enforcement } from './enforcement-actions.ts'
import { decide, orderTypeOf } from './enforcement.ts'
import type { OutcomeCommand } from './forms.ts'
import * as q from './queries.ts'
import { londonDate, londonTime, spokenTime } from './time.ts'

/**
 * One appointment (or other contact) and its outcome: the page with the outcome form, and recording or correcting
 * the outcome in one submission, which runs the enforcement decision for a failure.
 */

const CONFLICT =
  'Someone else recorded an outcome for this appointment while you were editing it. Check the outcome now recorded and change it if it is wrong.'

/** One appointment (or other contact): details, outcome history, how it was moved, its letters and actions. Audited. */
export function contactPage(deps: SupervisionDeps, ctx: RequestContext, crn: string, contactId: number) {
  return withSupervisedPerson(deps, ctx, crn, 'read', async (trx, p, canUpdate) => {
    const contact = await q.findContact(trx, p.id, contactId)
    if (!contact) throw new NotFoundError('There is no such appointment or contact')
    const [history, moves, documents, actions] = await Promise.all([
      q.outcomeHistory(trx, contact.id),
      q.rescheduleLinks(trx, contact.id),
      q.listDocuments(trx, p.id),
      q.listActions(trx, p.id),
    ])
    await viewed(trx, ctx, p, 'contact', { contactId })
    return {
      person: p,
      canUpdate,
      contact,
      isFuture: contact.starts_at > deps.clock.now(),
      history,
      movedTo: moves.find(m => m.original_contact_id === contact.id) ?? null,
      movedFrom: moves.find(m => m.new_contact_id === contact.id) ?? null,
      documents: documents.filter(d => d.contact_id === contact.id),
      actions: actions.filter(a => a.contact_id === contact.id),
    }
  })
}

/**
 * Records (or corrects) the outcome of an appointment in one submission. Refused for an appointment that has not
 * happened yet; a stale `version` (someone else recorded an outcome meanwhile) is a ConflictError, never merged.
 * The previous outcome stays in the history. An enforceable failure runs the enforcement decision.
 */
export function recordOutcome(
  deps: SupervisionDeps,
  ctx: RequestContext,
  crn: string,
  contactId: number,
  command: Parsed<OutcomeCommand>,
) {
  return withSupervisedPerson(deps, ctx, crn, 'update', async (trx, p) => {
    const contact = await q.findContact(trx, p.id, contactId)
    if (!contact || !contact.is_appointment) throw new NotFoundError('There is no such appointment')
    checkOutcomeAllowed(deps, contact)
    if (!command.ok) throw new ValidationError(command.errors)
    const c = command.value
    const previous = contact.outcome
    const outcomeId = await storeOutcome(deps, trx, ctx, p, contact, c)
    const { decision, enforcement } = await enforceOutcome(deps, trx, ctx, p, contact, c)
    await audit(trx, ctx, {
      action: previous ? 'OUTCOME_CHANGE' : 'OUTCOME_RECORD',
      personId: p.id,
      subject: p.crn,
      detail: { contactId: contact.id, outcome: c.outcome, previous, outcomeId, enforcement: decision?.path ?? null },
    })
    const version = c.version + 1
    await publish(trx, 'appointment.outcome-recorded', p.id, {
      crn: p.crn,
      contactId: contact.id,
      outcome: c.outcome,
      previous,
      version,
    })
    return { crn: p.crn, contactId: contact.id, outcome: c.outcome, previous, version, decision, enforcement }
  })
}

/** An outcome is for an appointment that has happened and was not moved elsewhere. */
function checkOutcomeAllowed(deps: SupervisionDeps, contact: q.ContactRow) {
  if ((contact.outcome ?? '').startsWith('rescheduled')) {
    const message = 'This appointment was rescheduled: record the outcome on the new appointment'
    throw new ValidationError([{ field: 'outcome', message }])
  }
  if (contact.starts_at > deps.clock.now()) {
    const when = `${formatDate(londonDate(contact.starts_at))} at ${spokenTime(londonTime(contact.starts_at))}`
    const message = `You cannot record an outcome before the appointment has happened (it is on ${when})`
    throw new ValidationError([{ field: 'outcome', message }])
  }
}

/** Sets the outcome on the appointment (if nobody else did meanwhile) and appends it to the history. */
async function storeOutcome(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  contact: q.ContactRow,
  c: OutcomeCommand,
): Promise<number> {
  const meaning = OUTCOMES[c.outcome]
  const now = deps.clock.now()
  const stamp = `${formatDate(londonDate(now))} ${spokenTime(londonTime(now))}, ${ctx.user?.displayName ?? 'system'}`
  const notes = c.notes
    ? contact.notes
      ? `${contact.notes}\n\n[${meaning.label} – ${stamp}]\n${c.notes}`
      : c.notes
    : contact.notes
  const by = ctx.user?.id ?? null
  const result = { outcome: c.outcome, attended: meaning.attended, complied: meaning.compliedOrAcceptable }
  const ok = await q.setOutcome(trx, contact.id, c.version, { ...result, absence_reason: c.reason, notes, by, at: now })
  if (!ok) throw new ConflictError(CONFLICT)
  return q.insertOutcome(trx, {
    ...result,
    person_id: p.id,
    contact_id: contact.id,
    absence_reason: c.reason,
    notes: c.notes,
    recorded_by: by,
  })
}

/**
 * A corrected outcome that is no longer a failure (or no longer pending evidence) withdraws the open actions it
 * raised; a failure that stands keeps them and is not decided twice. Otherwise the enforcement decision runs.
 */
async function enforceOutcome(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  p: Person,
  contact: q.ContactRow,
  c: OutcomeCommand,
): Promise<{ decision: EnforcementDecision | null; enforcement: Enforcement | null }> {
  const existing = (await q.listActions(trx, p.id)).filter(a => a.contact_id === contact.id && a.status !== 'cancelled')
  const previous = contact.outcome
  const wasFailure = previous !== null && previous in OUTCOMES && OUTCOMES[previous as keyof typeof OUTCOMES].isFailure
  if (OUTCOMES[c.outcome].isFailure && wasFailure) return { decision: null, enforcement: null }
  const cancel = existing.filter(a => a.status === 'open' && a.action_type !== 'court_hearing').map(a => a.id)
  if (cancel.length) {
    await q.cancelActions(trx, cancel)
    for (const id of cancel)
      await publish(trx, 'enforcement.action-cancelled', p.id, { crn: p.crn, actionId: id, reason: 'outcome changed' })
  }
  const orders = await q.currentOrders(trx, p.id)
  const order = orders.find(o => o.event_id === contact.event_id) ?? orders[0]
  const updated = await q.findContact(trx, p.id, contact.id)
  if (!updated) throw new NotFoundError('There is no such appointment')
  const decision = await decide(trx, {
    personId: p.id,
    contactId: contact.id,
    eventId: contact.event_id,
    orderType: orderTypeOf(order?.sentence_type ?? 'community_order', p.case_status),
    failureDate: londonLocalDate(contact.starts_at),
    recordedOn: deps.clock.today(),
    outcome: c.outcome,
    nationalStandard: contact.national_standard,
  })
  return { decision, enforcement: await enforce(deps, trx, ctx, p, updated, decision) }
}
