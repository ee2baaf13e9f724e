import type { LocalDate } from '@js-joda/core'
import { publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { OUTCOMES } from '../../domain/enforcement/outcomes.ts'
import { NotFoundError } from '../../errors.ts'
import { formatDate } from '../../web/filters.ts'
import type { SupervisionDeps } from './context.ts'
import { enforce } from './enforcement-actions.ts'
import { decide, orderTypeOf } from './enforcement.ts'
import * as q from './queries.ts'
import { londonInstant } from './time.ts'

/**
 * What approved premises (issue 16 item 4) raise on the person's supervision, inside the caller's transaction (the
 * caller has opened the person's record with `withPerson` and audits its own change):
 * - a curfew breach is a national standard contact ("Approved premises curfew breach") with a failure outcome, and
 *   the normal enforcement decision runs on it (on a licence: a warning letter, or recall consideration), so the
 *   practitioner sees the actions on the enforcement page and on My day;
 * - a non-arrival is an open enforcement action due today ("Approved premises: did not arrive"), so the case
 *   manager sees it the same day on My day, the home page's count and the enforcement page.
 */

export const AP_CURFEW_CONTACT = 'AP_CURFEW_BREACH'
export const AP_NON_ARRIVAL_CONTACT = 'AP_NON_ARRIVAL'
export const AP_NON_ARRIVAL_ACTION = 'ap_non_arrival'

export interface CurfewBreach {
  date: LocalDate
  /** Europe/London wall-clock time, HH:MM. */
  time: string
  /** Absent at a curfew check, or signed in after the curfew began. */
  kind: 'absent' | 'late'
  notes: string
}

/** Records a curfew breach as a failed contact on the person's licence and runs the enforcement decision on it. */
export async function recordCurfewBreach(
  deps: SupervisionDeps,
  trx: Executor,
  ctx: RequestContext,
  personId: number,
  breach: CurfewBreach,
): Promise<{ contactId: number; actionIds: number[]; path: string }> {
  const p = await q.findPersonById(trx, personId)
  if (!p) throw new NotFoundError('There is no such person')
  const orders = await q.currentOrders(trx, personId)
  const order = orders.find(o => o.sentence_type === 'custodial') ?? orders[0]
  const outcome = breach.kind === 'absent' ? 'unacceptable_absence' : 'attended_failed_to_comply'
  const meaning = OUTCOMES[outcome]
  const [hour, minute] = breach.time.split(':').map(Number)
  const by = ctx.user?.id ?? null
  const contactId = await q.insertContact(trx, {
    person_id: personId,
    event_id: order?.event_id ?? null,
    contact_type: AP_CURFEW_CONTACT,
    is_appointment: false,
    starts_at: londonInstant(breach.date, hour ?? 0, minute ?? 0),
    national_standard: true,
    system_generated: true,
    notes: breach.notes,
    outcome,
    attended: meaning.attended,
    complied: meaning.compliedOrAcceptable,
    created_by: by,
  })
  await q.insertOutcome(trx, {
    person_id: personId,
    contact_id: contactId,
    outcome,
    attended: meaning.attended,
    complied: meaning.compliedOrAcceptable,
    absence_reason: null,
    notes: breach.notes,
    recorded_by: by,
  })
  await publish(trx, 'contact.recorded', personId, { crn: p.crn, contactId, type: AP_CURFEW_CONTACT })
  const contact = await q.findContact(trx, personId, contactId)
  if (!contact) throw new NotFoundError('There is no such contact')
  const decision = await decide(trx, {
    personId,
    contactId,
    eventId: contact.event_id,
    orderType: orderTypeOf(order?.sentence_type ?? 'community_order', p.case_status),
    failureDate: breach.date,
    recordedOn: deps.clock.today(),
    outcome,
    nationalStandard: true,
  })
  const enforcement = await enforce(deps, trx, ctx, p, contact, decision)
  return { contactId, actionIds: enforcement.actionIds, path: decision.path }
}

/** Alerts the case manager that the person did not arrive at approved premises: an action due today. */
export async function raiseNonArrivalAlert(
  deps: Pick<SupervisionDeps, 'clock'>,
  trx: Executor,
  ctx: RequestContext,
  personId: number,
  alert: { premises: string; expected: LocalDate; reason: string },
): Promise<{ contactId: number; actionId: number }> {
  const p = await q.findPersonById(trx, personId)
  if (!p) throw new NotFoundError('There is no such person')
  const today = deps.clock.today().toString()
  const text =
    `Did not arrive at ${alert.premises} (expected ${formatDate(alert.expected.toString())}): ${alert.reason}. ` +
    'Find out where they are and decide what to do today.'
  const by = ctx.user?.id ?? null
  const contactId = await q.insertContact(trx, {
    person_id: personId,
    event_id: null,
    contact_type: AP_NON_ARRIVAL_CONTACT,
    is_appointment: false,
    starts_at: deps.clock.now(),
    national_standard: false,
    system_generated: true,
    notes: text,
    created_by: by,
  })
  const actionId = await q.insertAction(trx, {
    person_id: personId,
    contact_id: contactId,
    event_id: null,
    breach_id: null,
    document_id: null,
    action_type: AP_NON_ARRIVAL_ACTION,
    description: text,
    due_date: today,
    created_by: by,
  })
  await publish(trx, 'enforcement.action-created', personId, {
    crn: p.crn,
    actionId,
    type: AP_NON_ARRIVAL_ACTION,
    dueDate: today,
    contactId,
    breachId: null,
  })
  return { contactId, actionId }
}
