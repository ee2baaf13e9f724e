import type { LocalDate } from '@js-joda/core'
import { spokenDate } from '../calendar/spoken-date.ts'

/**
 * What a referral must say before it is sent (issue 18 item 2 and "Bad input"; reference-systems.md §2.4, Refer and
 * Monitor an Intervention): a reason, one to ten desired outcomes (each said in words, at most 500 characters), a
 * completion deadline after today and not after the order ends, and RAR days no more than the RAR requirement's
 * ordered days (and given, where the referral counts towards a RAR requirement). And when a referral may still be withdrawn: before it is completed (or ended some other way).
 */

export const MAX_DESIRED_OUTCOMES = 10
export const MAX_OUTCOME_LENGTH = 500
export const MAX_REASON_LENGTH = 4000

export const REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'in_progress', 'completed', 'withdrawn'] as const
export type ReferralStatusCode = (typeof REFERRAL_STATUSES)[number]

export const REFERRAL_STATUS_TEXT: Record<ReferralStatusCode, string> = {
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
  in_progress: 'In progress',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
}

/** What the practitioner wrote, as read from the form (or the API). */
export interface ReferralDraft {
  readonly reason: string
  /** In the order written; blanks already left out. */
  readonly desiredOutcomes: readonly string[]
  /** null when not given or not a real date. */
  readonly completionDeadline: LocalDate | null
  /** null when the referral does not count towards RAR days. */
  readonly rarDays: number | null
}

/** What the record says the draft is measured against. */
export interface ReferralLimits {
  readonly today: LocalDate
  /** The order's expected end date, when known. */
  readonly orderEndsOn: LocalDate | null
  /** The RAR requirement's ordered days when the referral counts towards it, else null. */
  readonly rarDaysOrdered: number | null
}

export interface ReferralProblem {
  readonly field: string
  readonly message: string
}

/** The field of the n-th (from 0) desired outcome input. */
export const outcomeField = (index: number) => `outcome-${index + 1}`

function outcomeProblems(outcomes: readonly string[]): ReferralProblem[] {
  if (!outcomes.length) return [{ field: outcomeField(0), message: 'Enter at least one desired outcome' }]
  if (outcomes.length > MAX_DESIRED_OUTCOMES)
    return [
      { field: outcomeField(MAX_DESIRED_OUTCOMES), message: `Enter at most ${MAX_DESIRED_OUTCOMES} desired outcomes` },
    ]
  return outcomes.flatMap((o, i) => {
    if (!o.trim()) return [{ field: outcomeField(i), message: `Enter desired outcome ${i + 1}` }]
    if (o.length > MAX_OUTCOME_LENGTH)
      return [
        {
          field: outcomeField(i),
          message: `Desired outcome ${i + 1} must be ${MAX_OUTCOME_LENGTH} characters or fewer`,
        },
      ]
    return []
  })
}

function deadlineProblem(deadline: LocalDate | null, limits: ReferralLimits): string | null {
  if (!deadline) return 'Enter the completion deadline as a real date, like 31 3 2027'
  if (!deadline.isAfter(limits.today)) return 'The completion deadline must be in the future'
  if (limits.orderEndsOn && deadline.isAfter(limits.orderEndsOn))
    return `The completion deadline must be on or before the order ends (${spokenDate(limits.orderEndsOn)})`
  return null
}

function rarProblem(rarDays: number | null, ordered: number | null): string | null {
  if (rarDays === null) return ordered === null ? null : 'Enter how many RAR days the service may deliver'
  if (ordered === null) return 'This referral does not count towards a RAR requirement: leave RAR days empty'
  if (!Number.isInteger(rarDays) || rarDays < 1) return 'RAR days must be a whole number, 1 or more'
  if (rarDays > ordered) return `RAR days must be no more than the ${ordered} days the requirement ordered`
  return null
}

/**
 * Everything wrong with the draft (empty when it may be sent), each naming its form field.
 *
 * @example
 * referralProblems({ reason: 'Needs a tenancy', desiredOutcomes: [], completionDeadline: LocalDate.parse('2027-03-01'),
 *   rarDays: null }, { today: LocalDate.parse('2026-12-07'), orderEndsOn: null, rarDaysOrdered: null })
 * // [{ field: 'outcome-1', message: 'Enter at least one desired outcome' }]
 */
export function referralProblems(draft: ReferralDraft, limits: ReferralLimits): ReferralProblem[] {
  const problems: ReferralProblem[] = []
  if (!draft.reason.trim()) problems.push({ field: 'reason', message: 'Enter the reason for the referral' })
  else if (draft.reason.length > MAX_REASON_LENGTH)
    problems.push({ field: 'reason', message: `The reason must be ${MAX_REASON_LENGTH} characters or fewer` })
  problems.push(...outcomeProblems(draft.desiredOutcomes))
  const deadline = deadlineProblem(draft.completionDeadline, limits)
  if (deadline) problems.push({ field: 'completionDeadline-day', message: deadline })
  const rar = rarProblem(draft.rarDays, limits.rarDaysOrdered)
  if (rar) problems.push({ field: 'rarDays', message: rar })
  return problems
}

/**
 * Whether the practitioner may still withdraw the referral: not once it is completed, declined or withdrawn.
 *
 * @example
 * canWithdraw('accepted') // true
 * canWithdraw('completed') // false
 */
export function canWithdraw(status: ReferralStatusCode): boolean {
  return status === 'sent' || status === 'accepted' || status === 'in_progress'
}

/**
 * A referral reference as R&M writes them: two letters, four digits, two letters ('AB1234CD'), from random numbers
 * (each in [0, 1)); letters that read as digits (I, O) are left out.
 *
 * @example
 * referenceFrom([0, 0, 0, 0, 0, 0, 0, 0]) // 'AA0000AA'
 */
export function referenceFrom(random: readonly number[]): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
  const pick = (i: number, set: string) => set[Math.floor((random[i] ?? 0) * set.length) % set.length]
  const digits = '0123456789'
  return (
    [0, 1].map(i => pick(i, letters)).join('') +
    [2, 3, 4, 5].map(i => pick(i, digits)).join('') +
    [6, 7].map(i => pick(i, letters)).join('')
  )
}

export const REFERENCE_PATTERN = /^[A-Z]{2}[0-9]{4}[A-Z]{2}$/
