import type { RequestContext } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import {
  CASE_STATUS_TEXT,
  maySupervise,
  transition,
  type CaseStatus,
  type LifecycleTrigger,
  type SupervisionDecision,
} from '../../domain/case-lifecycle/index.ts'
import { ConflictError, NotFoundError } from '../../errors.ts'
import { findSupervisionPerson, listUnterminatedSentences, lockCaseStatus, setCaseStatus } from './queries.ts'

/**
 * The case lifecycle, enforced. Other features call these inside their own transaction, so the status change commits
 * (or not) with the change that caused it. The rules are src/domain/case-lifecycle's.
 */

export interface StatusChange {
  from: CaseStatus
  to: CaseStatus
  changed: boolean
}

/**
 * Applies a lifecycle trigger to a person: updates `people.case_status` and appends to `case_status_history` (only when
 * the status changes). Throws ConflictError with the reason when the lifecycle refuses the change, which rolls back the
 * caller's transaction.
 *
 * @example
 * await applyCaseStatusChange(trx, ctx, personId, 'allocated', { eventId, reason: 'Allocated to Pat Practitioner' })
 */
export async function applyCaseStatusChange(
  db: Executor,
  ctx: RequestContext,
  personId: number,
  trigger: LifecycleTrigger,
  options: { eventId?: number | null; reason: string },
): Promise<StatusChange> {
  const person = await lockCaseStatus(db, personId)
  if (!person) throw new NotFoundError('No such person')
  const outcome = transition(person.case_status, trigger)
  if (!outcome.allowed)
    throw new ConflictError(`${outcome.reason} The case is ${CASE_STATUS_TEXT[person.case_status].toLowerCase()}.`)
  if (outcome.changed) {
    await setCaseStatus(db, {
      personId,
      status: outcome.status,
      eventId: options.eventId ?? null,
      reason: options.reason,
      userId: ctx.user?.id ?? null,
    })
  }
  return { from: person.case_status, to: outcome.status, changed: outcome.changed }
}

/**
 * "May supervision appointments be booked for this person?" Allowed, or the reason (e.g. "John Smith has not been
 * sentenced: there is no community order, suspended sentence order or licence to supervise"). A sentence counts as
 * current while it is not terminated and its expected end date (if any) is not before `today`.
 *
 * @example
 * const decision = await maySupervisionAppointmentsBeBooked(trx, personId, '2026-11-22')
 * if (!decision.allowed) throw new ValidationError([{ field: 'type', message: decision.reason }])
 */
export async function maySupervisionAppointmentsBeBooked(
  db: Executor,
  personId: number,
  today: string,
): Promise<SupervisionDecision> {
  const [person, sentences] = await Promise.all([
    findSupervisionPerson(db, personId),
    listUnterminatedSentences(db, personId),
  ])
  if (!person) throw new NotFoundError('No such person')
  const current = sentences.filter(s => s.expected_end_date === null || s.expected_end_date >= today)
  return maySupervise({
    name: `${person.forename} ${person.surname}`,
    status: person.case_status,
    hasCurrentCommunitySentence: current.some(s => s.sentence_type !== 'custodial'),
    hasCurrentCustodialSentence: current.some(s => s.sentence_type === 'custodial'),
  })
}
