import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { planRefusal, reportRefusal, sessionRefusals, sessionsBlocked, type SessionDates } from './portal-rules.ts'

const d = (iso: string) => LocalDate.parse(iso)
const dates: SessionDates = {
  sentOn: d('2026-12-01'),
  acceptedOn: d('2026-12-02'),
  completionDeadline: d('2026-12-20'),
  today: d('2026-12-07'),
}
const messages = (date: string, start = '10:00', end = '11:00', at = dates) =>
  sessionRefusals(d(date), start, end, at).map(r => `${r.field}: ${r.message}`)

describe('when a partner may record a session', () => {
  it('takes a session from acceptance to today, within the completion deadline', () => {
    expect(messages('2026-12-02')).toEqual([])
    expect(messages('2026-12-07')).toEqual([])
  })

  it('refuses a date before acceptance (or sending), in the future, or after the deadline', () => {
    expect(messages('2026-12-01')).toEqual([
      'date-day: The session date must be on or after 2 December 2026, when the referral was accepted',
    ])
    expect(messages('2026-11-30', '10:00', '11:00', { ...dates, acceptedOn: null })).toEqual([
      'date-day: The session date must be on or after 1 December 2026, when the referral was sent',
    ])
    expect(messages('2026-12-08')).toEqual(['date-day: The session date cannot be in the future'])
    const late = { ...dates, today: d('2027-01-10') }
    expect(messages('2026-12-21', '10:00', '11:00', late)).toEqual([
      'date-day: The session date must be on or before the completion deadline, 20 December 2026',
    ])
    expect(messages('2026-12-20', '10:00', '11:00', late)).toEqual([])
  })

  it('refuses an end not after the start, with the date’s problem too', () => {
    expect(messages('2026-12-03', '10:00', '10:00')).toEqual(['endTime: The end time must be after the start time'])
    expect(messages('2026-12-08', '11:00', '09:00')).toHaveLength(2)
  })

  it('needs the referral accepted and a plan approved', () => {
    expect(sessionsBlocked('sent', true)).toBe('Accept the referral before recording sessions')
    expect(sessionsBlocked('accepted', false)).toMatch(/approved an action plan/)
    expect(sessionsBlocked('completed', true)).toBe('Sessions cannot be recorded on a referral that is completed')
    expect(sessionsBlocked('accepted', true)).toBeNull()
    expect(sessionsBlocked('in_progress', true)).toBeNull()
  })
})

describe('action plans and the end-of-service report', () => {
  const approved = [{ version: 1, approvedOn: '2026-12-03' }]
  it('never changes an approved version unless a new version is asked for', () => {
    expect(planRefusal('accepted', { editing: 1, newVersion: false, approved })).toBe(
      'This plan was approved on 3 December 2026: submit a new version for the probation practitioner to approve',
    )
    expect(planRefusal('in_progress', { editing: 1, newVersion: true, approved })).toBeNull()
    expect(planRefusal('accepted', { editing: 2, newVersion: false, approved })).toBeNull()
    expect(planRefusal('accepted', { editing: null, newVersion: false, approved: [] })).toBeNull()
    expect(planRefusal('sent', { editing: null, newVersion: false, approved: [] })).toMatch(/^Accept the referral/)
    expect(planRefusal('completed', { editing: null, newVersion: true, approved })).toMatch(/completed/)
  })

  it('takes the report once, and only once accepted', () => {
    expect(reportRefusal('accepted')).toBeNull()
    expect(reportRefusal('in_progress')).toBeNull()
    expect(reportRefusal('completed')).toBe('The end-of-service report has already been submitted')
    expect(reportRefusal('sent')).toMatch(/^Accept the referral/)
    expect(reportRefusal('withdrawn')).toMatch(/withdrawn/)
  })
})
