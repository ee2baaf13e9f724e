import type { LocalDate } from '@js-joda/core'
import { publish, type RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import { OUTCOMES } from '../../domain/enforcement/outcomes.ts'
import { ConflictError, NotFoundError } from '../../errors.ts'
import { formatDate } from '../../web/filters.ts'
import type { SupervisionDeps } from './context.ts'
import * as q from './queries.ts'

/**
 * What a partner organisation's session record (issue 18 item 3) raises on the person's supervision, inside the
 * caller's transaction (the caller has found the person through the referral and audits its own change):
 * - each session is an appointment on the record, on the referral's order: "Commissioned rehabilitative service
 *   session (RAR)" (nDelius CRSAPT) when the service delivers a rehabilitation activity, so an attended session is a
 *   RAR day delivered, else "Partner service session" (CRSSAA); reference-systems.md §2.4;
 * - attended (or late) is the appointment's outcome "attended and complied";
 * - not attended is NOT judged by the partner: the appointment keeps no outcome and the case manager gets an action
 *   due the same day ("Partner service: did not attend") to decide whether the absence was acceptable and record the
 *   outcome, which runs the normal enforcement decision (R&M: the probation practitioner decides on enforcement).
 *   A correction to attended withdraws that open action.
 */

export const PARTNER_RAR_CONTACT = 'CRSAPT'
export const PARTNER_CONTACT = 'CRSSAA'
export const PARTNER_NON_ATTENDANCE_ACTION = 'partner_non_attendance'

export interface PartnerSessionRecord {
  /** The appointment booked when the session was first recorded, or null to book it now. */
  contactId: number | null
  eventId: number | null
  requirementId: number | null
  /** The service delivers a rehabilitation activity: the session counts towards RAR days. */
  rar: boolean
  date: LocalDate
  startsAt: Date
  endsAt: Date
  service: string
  organisation: string
  sessionNumber: number
  attended: 'yes' | 'late' | 'no'
  /** What the partner said (feedback, or why they did not attend). */
  notes: string | null
}

/** Books (first time) and gives the session's appointment its attendance; a non-attendance prompts the case manager. */
export async function recordPartnerSession(
  deps: Pick<SupervisionDeps, 'clock'>,
  trx: Executor,
  ctx: RequestContext,
  personId: number,
  s: PartnerSessionRecord,
): Promise<{ contactId: number; actionId: number | null }> {
  const p = await q.findPersonById(trx, personId)
  if (!p) throw new NotFoundError('There is no such person')
  const by = ctx.user?.id ?? null
  const contactId = s.contactId ?? (await bookSession(trx, p, s, by))
  const contact = await q.findContact(trx, personId, contactId)
  if (!contact) throw new NotFoundError('There is no such appointment')
  if (s.attended === 'no') {
    const actionId = await promptNonAttendance(deps, trx, p, contactId, s, by)
    return { contactId, actionId }
  }
  const meaning = OUTCOMES.attended_complied
  const result = { outcome: 'attended_complied', attended: meaning.attended, complied: meaning.compliedOrAcceptable }
  const set = { ...result, absence_reason: null, notes: s.notes ?? contact.notes, by, at: deps.clock.now() }
  if (!(await q.setOutcome(trx, contact.id, contact.version, set)))
    throw new ConflictError('Someone else recorded an outcome for this session meanwhile: check it and try again')
  await q.insertOutcome(trx, {
    ...result,
    person_id: personId,
    contact_id: contact.id,
    absence_reason: null,
    notes: s.notes,
    recorded_by: by,
  })
  await publish(trx, 'appointment.outcome-recorded', personId, {
    crn: p.crn,
    contactId: contact.id,
    outcome: result.outcome,
    previous: contact.outcome,
    version: contact.version + 1,
  })
  await withdrawPrompt(trx, p, contact.id)
  return { contactId, actionId: null }
}

async function bookSession(
  trx: Executor,
  p: { id: number; crn: string },
  s: PartnerSessionRecord,
  by: number | null,
): Promise<number> {
  const type = s.rar ? PARTNER_RAR_CONTACT : PARTNER_CONTACT
  const contactId = await q.insertContact(trx, {
    person_id: p.id,
    event_id: s.eventId,
    requirement_id: s.requirementId,
    contact_type: type,
    is_appointment: true,
    starts_at: s.startsAt,
    ends_at: s.endsAt,
    location: s.organisation,
    national_standard: s.rar,
    rar_activity: s.rar,
    system_generated: true,
    notes: `Session ${s.sessionNumber} of ${s.service} (${s.organisation})`,
    created_by: by,
  })
  await publish(trx, 'appointment.booked', p.id, { crn: p.crn, contactId, type })
  return contactId
}

/** An action due today for the case manager: decide on the absence the partner reported. */
async function promptNonAttendance(
  deps: Pick<SupervisionDeps, 'clock'>,
  trx: Executor,
  p: { id: number; crn: string },
  contactId: number,
  s: PartnerSessionRecord,
  by: number | null,
): Promise<number> {
  const open = (await q.listActions(trx, p.id)).find(
    a => a.contact_id === contactId && a.action_type === PARTNER_NON_ATTENDANCE_ACTION && a.status === 'open',
  )
  if (open) return open.id
  const text =
    `${s.organisation} reports that they did not attend session ${s.sessionNumber} of ${s.service} on ` +
    `${formatDate(s.date.toString())}${s.notes ? `: ${s.notes}` : ''}. Decide whether the absence was acceptable and ` +
    'record the appointment’s outcome today.'
  const actionId = await q.insertAction(trx, {
    person_id: p.id,
    contact_id: contactId,
    event_id: s.eventId,
    breach_id: null,
    document_id: null,
    action_type: PARTNER_NON_ATTENDANCE_ACTION,
    description: text,
    due_date: deps.clock.today().toString(),
    created_by: by,
  })
  await publish(trx, 'enforcement.action-created', p.id, {
    crn: p.crn,
    actionId,
    type: PARTNER_NON_ATTENDANCE_ACTION,
    contactId,
  })
  return actionId
}

async function withdrawPrompt(trx: Executor, p: { id: number; crn: string }, contactId: number) {
  const open = (await q.listActions(trx, p.id)).filter(
    a => a.contact_id === contactId && a.action_type === PARTNER_NON_ATTENDANCE_ACTION && a.status === 'open',
  )
  if (!open.length) return
  await q.cancelActions(
    trx,
    open.map(a => a.id),
  )
  for (const a of open)
    await publish(trx, 'enforcement.action-cancelled', p.id, { crn: p.crn, actionId: a.id, reason: 'attended' })
}
