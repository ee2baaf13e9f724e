import { ChronoUnit, type LocalDate } from '@js-joda/core'

/**
 * Monitoring figures for contract managers (issue 18 item 5; rules-and-outcomes.md §1.4: the prime answers for its
 * supply chain's performance): for a set of referrals sent in a period, how many were accepted, declined, withdrawn
 * and completed, how fast they were accepted, how long people waited for a first session, attendance, and the
 * end-of-service outcomes. Counted per service or per organisation, never per practitioner.
 */

export interface MonitoredReferral {
  readonly id: number
  readonly status: string
  readonly sentOn: LocalDate
  /** The date it was accepted, or null when it never was. */
  readonly acceptedOn: LocalDate | null
}

export interface MonitoredSession {
  readonly referralId: number
  readonly date: LocalDate
  readonly attended: 'yes' | 'late' | 'no'
}

export type Achievement = 'achieved' | 'partially_achieved' | 'not_achieved'

export interface Figures {
  sent: number
  accepted: number
  declined: number
  withdrawn: number
  completed: number
  /** Accepted ÷ (accepted + declined): the share of the referrals answered that were taken; null when none were. */
  acceptanceRate: number | null
  /** Median whole days from sending to acceptance, over the accepted referrals; null when none were. */
  medianDaysToAccept: number | null
  /** Average days from sending to the first session, over referrals with a session; null when none had one. */
  averageDaysToFirstSession: number | null
  sessionsRecorded: number
  sessionsAttended: number
  /** Attended (on time or late) ÷ recorded; null when no session was recorded. */
  attendanceRate: number | null
  outcomes: Record<Achievement, number>
}

function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null)

/**
 * The figures of one group of referrals: their sessions (current records only) and the achievement of each desired
 * outcome in their end-of-service reports.
 *
 * @example
 * const d = LocalDate.parse
 * monitoringFigures(
 *   [{ id: 1, status: 'completed', sentOn: d('2026-10-01'), acceptedOn: d('2026-10-03') },
 *    { id: 2, status: 'declined', sentOn: d('2026-10-02'), acceptedOn: null }],
 *   [{ referralId: 1, date: d('2026-10-08'), attended: 'yes' }, { referralId: 1, date: d('2026-10-15'), attended: 'no' }],
 *   ['achieved', 'not_achieved'],
 * )
 * // { sent: 2, accepted: 1, declined: 1, withdrawn: 0, completed: 1, acceptanceRate: 0.5, medianDaysToAccept: 2,
 * //   averageDaysToFirstSession: 7, sessionsRecorded: 2, sessionsAttended: 1, attendanceRate: 0.5,
 * //   outcomes: { achieved: 1, partially_achieved: 0, not_achieved: 1 } }
 */
export function monitoringFigures(
  referrals: readonly MonitoredReferral[],
  sessions: readonly MonitoredSession[],
  achievements: readonly Achievement[],
): Figures {
  const ids = new Set(referrals.map(r => r.id))
  const mine = sessions.filter(s => ids.has(s.referralId))
  const count = (status: string) => referrals.filter(r => r.status === status).length
  const accepted = referrals.filter(r => r.acceptedOn !== null)
  const declined = count('declined')
  const waits = referrals.flatMap(r => {
    const dates = mine.filter(s => s.referralId === r.id).map(s => s.date)
    if (!dates.length) return []
    const first = dates.reduce((a, b) => (b.isBefore(a) ? b : a))
    return [r.sentOn.until(first, ChronoUnit.DAYS)]
  })
  const attended = mine.filter(s => s.attended !== 'no').length
  return {
    sent: referrals.length,
    accepted: accepted.length,
    declined,
    withdrawn: count('withdrawn'),
    completed: count('completed'),
    acceptanceRate: ratio(accepted.length, accepted.length + declined),
    medianDaysToAccept: median(accepted.map(r => r.sentOn.until(r.acceptedOn!, ChronoUnit.DAYS))),
    averageDaysToFirstSession: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
    sessionsRecorded: mine.length,
    sessionsAttended: attended,
    attendanceRate: ratio(attended, mine.length),
    outcomes: {
      achieved: achievements.filter(a => a === 'achieved').length,
      partially_achieved: achievements.filter(a => a === 'partially_achieved').length,
      not_achieved: achievements.filter(a => a === 'not_achieved').length,
    },
  }
}
