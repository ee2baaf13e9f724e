import { LocalDate } from '@js-joda/core'
import { spokenDate } from '../calendar/spoken-date.ts'

/**
 * What a partner organisation may record on a referral, and when (issue 18 item 3 and "Bad input": "a session
 * outside the referral's dates; an action plan edited after approval without a new approval: refused with the
 * reason"). Commissioned rehabilitative services (reference-systems.md §2.4, R&M): the partner accepts, agrees an
 * action plan with the person which the probation practitioner approves, then delivers and records sessions until
 * the completion deadline, and ends with an end-of-service report.
 */

export type PortalStatus = 'sent' | 'accepted' | 'declined' | 'in_progress' | 'completed' | 'withdrawn'

/** A reason something cannot be recorded, and the field it belongs to. */
export interface PortalRefusal {
  readonly field: string
  readonly message: string
}

export interface SessionDates {
  /** When the referral was sent, and accepted (London dates). */
  readonly sentOn: LocalDate
  readonly acceptedOn: LocalDate | null
  readonly completionDeadline: LocalDate
  readonly today: LocalDate
}

/**
 * Why a session on `date` from `start` to `end` (HH:MM) cannot be recorded: a date before the referral was sent or
 * accepted, after its completion deadline or in the future; an end not after its start. Empty when it can.
 *
 * @example
 * sessionRefusals(LocalDate.parse('2026-12-08'), '10:00', '09:00', { sentOn: LocalDate.parse('2026-12-01'),
 *   acceptedOn: LocalDate.parse('2026-12-02'), completionDeadline: LocalDate.parse('2027-03-01'),
 *   today: LocalDate.parse('2026-12-07') })
 * // [{ field: 'date-day', message: 'The session date cannot be in the future' },
 * //  { field: 'endTime', message: 'The end time must be after the start time' }]
 */
export function sessionRefusals(date: LocalDate, start: string, end: string, d: SessionDates): PortalRefusal[] {
  const refusals: PortalRefusal[] = []
  const from = d.acceptedOn && d.acceptedOn.isAfter(d.sentOn) ? d.acceptedOn : d.sentOn
  const field = 'date-day'
  if (date.isAfter(d.today)) refusals.push({ field, message: 'The session date cannot be in the future' })
  else if (date.isBefore(from))
    refusals.push({
      field,
      message: `The session date must be on or after ${spokenDate(from)}, when the referral was ${from === d.sentOn ? 'sent' : 'accepted'}`,
    })
  else if (date.isAfter(d.completionDeadline))
    refusals.push({
      field,
      message: `The session date must be on or before the completion deadline, ${spokenDate(d.completionDeadline)}`,
    })
  if (end <= start) refusals.push({ field: 'endTime', message: 'The end time must be after the start time' })
  return refusals
}

/**
 * Why sessions cannot be recorded yet: only once the referral is accepted (or in progress) and a version of the
 * action plan has been approved by the probation practitioner. Null when they can.
 *
 * @example
 * sessionsBlocked('accepted', false) // 'Sessions can be recorded once the probation practitioner has approved …'
 * sessionsBlocked('in_progress', true) // null
 */
export function sessionsBlocked(status: PortalStatus, planApproved: boolean): string | null {
  if (status !== 'accepted' && status !== 'in_progress')
    return status === 'sent'
      ? 'Accept the referral before recording sessions'
      : `Sessions cannot be recorded on a referral that is ${status.replace('_', ' ')}`
  if (!planApproved) return 'Sessions can be recorded once the probation practitioner has approved an action plan'
  return null
}

/**
 * Why an action plan cannot be submitted: only while the referral is accepted or in progress; and an approved
 * version is never changed — a request that names the approved version to edit without asking for a new version is
 * refused (a new version is approved again by the practitioner). Null when it can. `editing` is the version the
 * form was showing; `newVersion` that the partner chose to submit a new version of it.
 *
 * @example
 * planRefusal('accepted', { editing: 1, newVersion: false, approved: [{ version: 1, approvedOn: '2026-12-03' }] })
 * // 'This plan was approved on 3 December 2026: submit a new version for the probation practitioner to approve'
 */
export function planRefusal(
  status: PortalStatus,
  plan: {
    editing: number | null
    newVersion: boolean
    approved: readonly { version: number; approvedOn: string }[]
  },
): string | null {
  if (status !== 'accepted' && status !== 'in_progress')
    return status === 'sent'
      ? 'Accept the referral before agreeing an action plan'
      : `An action plan cannot be changed on a referral that is ${status.replace('_', ' ')}`
  const approved = plan.approved.find(a => a.version === plan.editing)
  if (approved && !plan.newVersion)
    return `This plan was approved on ${spokenDate(LocalDate.parse(approved.approvedOn))}: submit a new version for the probation practitioner to approve`
  return null
}

/**
 * Why the end-of-service report cannot be written: only once accepted (or in progress), and only once.
 *
 * @example
 * reportRefusal('completed') // 'The end-of-service report has already been submitted'
 */
export function reportRefusal(status: PortalStatus): string | null {
  if (status === 'accepted' || status === 'in_progress') return null
  if (status === 'completed') return 'The end-of-service report has already been submitted'
  if (status === 'sent') return 'Accept the referral before writing the end-of-service report'
  return `The referral is ${status}: there is no service to report on`
}
