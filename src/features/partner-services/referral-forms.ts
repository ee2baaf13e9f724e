import { checked, isoDateFrom, list, text, type FormBody } from '../../web/forms.ts'

/**
 * The referral forms (issue 18 item 2), read into typed commands. Pure: the rules (what a referral must say, who the
 * service takes, a limited-access record) are the service's, which names the field at fault.
 */

export interface SendReferralCommand {
  /** The reference the form was given when it was shown: a second submission of the same form sends nothing new. */
  reference: string | null
  reason: string
  /** Non-blank, in the order written. */
  desiredOutcomes: string[]
  /** `YYYY-MM-DD`, '' when not given, 'invalid' when the parts cannot form a date. */
  completionDeadline: string
  /** null when blank; NaN when not a whole number. */
  rarDays: number | null
  furtherInformation: string | null
  shareAddress: boolean
  sensitiveInformationChecked: boolean
}

/** A number typed in a box: null when blank, NaN when not a whole number. */
export function wholeNumber(value: string): number | null {
  if (!value) return null
  return /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN
}

/**
 * Reads the make a referral form.
 *
 * @example
 * parseReferralForm({ reason: 'Needs a home', outcomes: ['Has a tenancy', ''], 'completionDeadline-day': '1',
 *   'completionDeadline-month': '3', 'completionDeadline-year': '2027', sensitiveCheck: 'yes' })
 * // { reason: 'Needs a home', desiredOutcomes: ['Has a tenancy'], completionDeadline: '2027-03-01', … }
 */
export function parseReferralForm(body: FormBody): SendReferralCommand {
  return {
    reference: text(body, 'reference') || null,
    reason: text(body, 'reason'),
    desiredOutcomes: list(body, 'outcomes'),
    completionDeadline: isoDateFrom(body, 'completionDeadline'),
    rarDays: wholeNumber(text(body, 'rarDays')),
    furtherInformation: text(body, 'furtherInformation') || null,
    shareAddress: checked(body, 'shareAddress'),
    sensitiveInformationChecked: checked(body, 'sensitiveCheck'),
  }
}

/** The withdraw form: the reason (required; the service says so). */
export const withdrawReasonOf = (body: FormBody) => text(body, 'withdrawReason')
