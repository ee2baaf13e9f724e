import type { LocalDate } from '@js-joda/core'
import type { Executor } from '../../access/person-access.ts'
import { londonInstant } from '../../features/supervision/index.ts'
import * as q from './queries.ts'

/**
 * The living region's enforcement in progress, as the supervision feature records it: an unacceptable absence with
 * its warning letter sent; a second failure after a warning, breached, with the pack submitted and the court date
 * today; a failure on licence with a standard recall decided.
 */

export interface Case {
  personId: number
  eventId: number
  staffId: number
  teamId: number
  /** The sign-in who recorded the outcomes (the case manager's). */
  userId: number | null
}

/** The nearest working day on or before a date (Saturday and Sunday go back to Friday). */
export const workdayOnOrBefore = (d: LocalDate): LocalDate => {
  const dow = d.dayOfWeek().value()
  return dow === 6 ? d.minusDays(1) : dow === 7 ? d.minusDays(2) : d
}

/** A missed appointment with its outcome recorded that afternoon. */
async function failure(
  trx: Executor,
  c: Case,
  day: LocalDate,
  outcome: 'unacceptable_absence' | 'failed_to_attend',
  notes: string,
) {
  const startsAt = londonInstant(day, 10, 0)
  const recordedAt = londonInstant(day, 16, 0)
  const contactId = await q.insertContact(trx, {
    person_id: c.personId,
    event_id: c.eventId,
    contact_type: 'OFFICE',
    is_appointment: true,
    starts_at: startsAt,
    ends_at: londonInstant(day, 11, 0),
    staff_id: c.staffId,
    team_id: c.teamId,
    location: 'Probation office',
    national_standard: true,
    notes,
    outcome,
    attended: false,
    complied: false,
    outcome_recorded_at: recordedAt,
    outcome_recorded_by: c.userId,
    created_by: c.userId,
  })
  await q.insertContactOutcome(trx, {
    person_id: c.personId,
    contact_id: contactId,
    outcome,
    attended: false,
    complied: false,
    notes,
    recorded_by: c.userId,
    recorded_at: recordedAt,
  })
  return contactId
}

/** A system contact in the activity log (letters sent, breach and recall steps). */
async function systemNote(trx: Executor, c: Case, day: LocalDate, type: string, notes: string) {
  await q.insertContact(trx, {
    person_id: c.personId,
    event_id: c.eventId,
    contact_type: type,
    is_appointment: false,
    starts_at: londonInstant(day, 14, 0),
    staff_id: c.staffId,
    team_id: c.teamId,
    system_generated: true,
    national_standard: false,
    notes,
    created_by: c.userId,
  })
}

async function action(
  trx: Executor,
  c: Case,
  a: { contactId: number; type: string; text: string; due: LocalDate; done?: LocalDate; breachId?: number },
) {
  await q.insertAction(trx, {
    person_id: c.personId,
    contact_id: a.contactId,
    event_id: c.eventId,
    breach_id: a.breachId ?? null,
    action_type: a.type,
    description: a.text,
    due_date: a.due.toString(),
    status: a.done ? 'done' : 'open',
    done_date: a.done?.toString() ?? null,
    done_by: a.done ? c.userId : null,
    created_by: c.userId,
    created_at: londonInstant(a.done ?? a.due, 9, 0),
  })
}

/** An unacceptable absence and the warning letter sent the next day. */
export async function warningSent(trx: Executor, c: Case, failedOn: LocalDate) {
  const contactId = await failure(
    trx,
    c,
    failedOn,
    'unacceptable_absence',
    'Did not attend. Said afterwards he had overslept; not an acceptable reason.',
  )
  const sent = failedOn.plusDays(1)
  await action(trx, c, {
    contactId,
    type: 'warning_letter',
    text: 'Send a warning letter. A first unacceptable failure to comply is warned in writing.',
    due: sent,
    done: sent,
  })
  await systemNote(
    trx,
    c,
    sent,
    'ENF_WARNING_LETTER',
    'Warning letter sent. A further failure within 12 months will be returned to court.',
  )
}

/** A warning, a second failure, and the breach: letter sent, pack submitted, court date today. */
export async function breachInProgress(trx: Executor, c: Case, today: LocalDate) {
  await warningSent(trx, c, workdayOnOrBefore(today.minusDays(45)))
  const failedOn = workdayOnOrBefore(today.minusDays(12))
  const contactId = await failure(trx, c, failedOn, 'failed_to_attend', 'Failed to attend; no contact since.')
  const initiated = failedOn.plusDays(1)
  const breachId = await q.insertBreach(trx, {
    person_id: c.personId,
    event_id: c.eventId,
    kind: 'breach',
    status: 'court_date_set',
    initiated_date: initiated.toString(),
    court_date: today.toString(),
    trigger_contact_id: contactId,
    created_by: c.userId,
  })
  await q.insertBreachHistory(trx, [
    { person_id: c.personId, breach_id: breachId, status: 'initiated', status_date: initiated.toString(), notes: null },
    {
      person_id: c.personId,
      breach_id: breachId,
      status: 'pack_submitted',
      status_date: initiated.plusDays(3).toString(),
      notes: 'Breach pack sent to the court team.',
    },
    {
      person_id: c.personId,
      breach_id: breachId,
      status: 'court_date_set',
      status_date: initiated.plusDays(5).toString(),
      notes: "Listed at Northtown Magistrates' Court.",
    },
  ])
  const done = initiated
  await action(trx, c, { contactId, type: 'breach_letter', text: 'Send the breach letter.', due: done, done, breachId })
  const pack = initiated.plusDays(3)
  await action(trx, c, {
    contactId,
    type: 'breach_pack',
    text: 'Submit the breach pack.',
    due: pack,
    done: pack,
    breachId,
  })
  await action(trx, c, { contactId, type: 'court_hearing', text: 'Attend the breach hearing.', due: today, breachId })
  await systemNote(trx, c, initiated, 'ENF_BREACH', 'Breach action started after a second failure following a warning.')
}

/** A failure on licence: recall considered, recommended and decided (standard recall), request to be sent. */
export async function recallDecided(trx: Executor, c: Case, today: LocalDate) {
  const failedOn = workdayOnOrBefore(today.minusDays(6))
  const contactId = await failure(trx, c, failedOn, 'failed_to_attend', 'Not at the approved premises for the visit.')
  const considered = failedOn.plusDays(1)
  const decided = workdayOnOrBefore(today.minusDays(1))
  const breachId = await q.insertBreach(trx, {
    person_id: c.personId,
    event_id: c.eventId,
    kind: 'recall',
    status: 'recall_decided',
    initiated_date: considered.toString(),
    decision: 'standard',
    decision_date: decided.toString(),
    trigger_contact_id: contactId,
    created_by: c.userId,
  })
  const step = (status: string, date: LocalDate, notes: string) => ({
    person_id: c.personId,
    breach_id: breachId,
    status,
    status_date: date.toString(),
    notes,
  })
  await q.insertBreachHistory(trx, [
    step('considered', considered, 'Whereabouts unknown since the missed visit.'),
    step('recommended', considered.plusDays(1), 'Recommended a standard recall.'),
    step('recall_decided', decided, 'Senior agreed a standard recall.'),
  ])
  await action(trx, c, {
    contactId,
    type: 'recall_consultation',
    text: 'Consult the senior.',
    due: considered,
    done: considered,
    breachId,
  })
  await action(trx, c, { contactId, type: 'recall_request', text: 'Complete and send Part A.', due: today, breachId })
  await systemNote(trx, c, considered, 'ENF_RECALL', 'Recall considered after a failure on licence.')
}
