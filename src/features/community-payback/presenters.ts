import { londonDate } from '../../clock.ts'
import type { NominationStatus } from '../../db/schema.ts'

/**
 * What the public pages say: a nomination's status in words, hours and money as the public reads them, and the
 * project types in words. Pure: no I/O.
 */

/**
 * A nomination's status as the public reads it.
 *
 * @example
 * statusWords('being_assessed') // 'Being assessed'
 */
export function statusWords(status: NominationStatus | string): string {
  const words: Record<NominationStatus, string> = {
    received: 'Received',
    being_assessed: 'Being assessed',
    accepted: 'Accepted',
    scheduled: 'Scheduled',
    completed: 'Completed',
    not_suitable: 'Not suitable',
  }
  return words[status as NominationStatus] ?? 'Received'
}

/** What each status means for the person who nominated the work. */
export function statusExplanation(status: NominationStatus | string): string {
  const words: Record<NominationStatus, string> = {
    received: 'We have your nomination. We will acknowledge it within 2 working days.',
    being_assessed: 'Staff are checking whether the work is suitable and safe for Community Payback.',
    accepted: 'The work has been accepted. We will contact you to plan it.',
    scheduled: 'The work has been planned. We will contact you before it starts.',
    completed: 'The work has been done. Thank you for nominating it.',
    not_suitable: 'The work is not suitable for Community Payback.',
  }
  return words[status as NominationStatus] ?? words.received
}

/**
 * The date (Europe/London) of an instant, as `YYYY-MM-DD`, for the `date` filter; '' for none.
 *
 * @example
 * isoDay(new Date('2026-06-30T23:30:00Z')) // '2026-07-01'
 */
export function isoDay(value: Date | string | null | undefined): string {
  if (!value) return ''
  return londonDate(value instanceof Date ? value : new Date(value)).toString()
}

/**
 * Minutes as whole and part hours for the public (`90` → `1.5`).
 *
 * @example
 * hoursOf(135) // 2.25
 */
export function hoursOf(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100
}

/**
 * An amount of pence in pounds (`£1,234.56`).
 *
 * @example
 * pounds(123456) // '£1,234.56'
 */
export function pounds(pence: number): string {
  return `£${(Math.round(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
}

/**
 * A project type (`environmental_clean_up`) in words (`Environmental clean up`).
 *
 * @example
 * typeWords('graffiti_removal') // 'Graffiti removal'
 */
export function typeWords(type: string): string {
  const words = type.replace(/[_-]+/g, ' ').trim()
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Other'
}
