import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { monitoringFigures, type MonitoredReferral, type MonitoredSession } from './monitoring.ts'

const d = LocalDate.parse
const referral = (id: number, status: string, sent: string, accepted: string | null = null): MonitoredReferral => ({
  id,
  status,
  sentOn: d(sent),
  acceptedOn: accepted ? d(accepted) : null,
})
const session = (referralId: number, date: string, attended: 'yes' | 'late' | 'no'): MonitoredSession => ({
  referralId,
  date: d(date),
  attended,
})

describe('monitoringFigures', () => {
  it.each([
    ['nothing sent', [], { sent: 0, acceptanceRate: null, medianDaysToAccept: null, attendanceRate: null }],
    [
      'an odd number accepted: the middle one',
      [
        referral(1, 'accepted', '2026-10-01', '2026-10-02'),
        referral(2, 'accepted', '2026-10-01', '2026-10-11'),
        referral(3, 'completed', '2026-10-01', '2026-10-04'),
      ],
      { sent: 3, accepted: 3, completed: 1, acceptanceRate: 1, medianDaysToAccept: 3 },
    ],
    [
      'an even number accepted: halfway between the middle two; declined lower the rate, pending do not',
      [
        referral(1, 'accepted', '2026-10-01', '2026-10-02'),
        referral(2, 'in_progress', '2026-10-01', '2026-10-05'),
        referral(3, 'declined', '2026-10-01'),
        referral(4, 'sent', '2026-10-01'),
        referral(5, 'withdrawn', '2026-10-01'),
      ],
      { sent: 5, accepted: 2, declined: 1, withdrawn: 1, acceptanceRate: 2 / 3, medianDaysToAccept: 2.5 },
    ],
  ] as const)('%s', (_label, referrals, expected) => {
    expect(monitoringFigures(referrals, [], [])).toMatchObject(expected)
  })

  it('counts sessions of these referrals only, late as attended, and waits to each first session', () => {
    const figures = monitoringFigures(
      [referral(1, 'in_progress', '2026-10-01', '2026-10-02'), referral(2, 'in_progress', '2026-10-01', '2026-10-02')],
      [
        session(1, '2026-10-15', 'no'),
        session(1, '2026-10-08', 'yes'),
        session(2, '2026-10-04', 'late'),
        session(9, '2026-10-02', 'yes'),
      ],
      ['achieved', 'achieved', 'not_achieved'],
    )
    expect(figures).toMatchObject({
      sessionsRecorded: 3,
      sessionsAttended: 2,
      attendanceRate: 2 / 3,
      averageDaysToFirstSession: 5,
      outcomes: { achieved: 2, partially_achieved: 0, not_achieved: 1 },
    })
  })
})
