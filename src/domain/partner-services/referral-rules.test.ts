import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  canWithdraw,
  REFERENCE_PATTERN,
  referenceFrom,
  referralProblems,
  type ReferralDraft,
  type ReferralLimits,
} from './referral-rules.ts'

const today = LocalDate.parse('2026-12-07')
const draft: ReferralDraft = {
  reason: 'Needs somewhere settled to live',
  desiredOutcomes: ['Has a tenancy'],
  completionDeadline: LocalDate.parse('2027-03-01'),
  rarDays: null,
}
const limits: ReferralLimits = { today, orderEndsOn: LocalDate.parse('2027-10-08'), rarDaysOrdered: null }
const fields = (d: Partial<ReferralDraft>, l: Partial<ReferralLimits> = {}) =>
  referralProblems({ ...draft, ...d }, { ...limits, ...l }).map(p => p.field)

describe('what a referral must say', () => {
  it('takes a complete draft', () => {
    expect(referralProblems(draft, limits)).toEqual([])
  })

  it('needs a reason', () => {
    expect(fields({ reason: '  ' })).toEqual(['reason'])
    expect(fields({ reason: 'x'.repeat(4001) })).toEqual(['reason'])
  })

  it('needs one to ten desired outcomes, each in words and at most 500 characters', () => {
    expect(fields({ desiredOutcomes: [] })).toEqual(['outcome-1'])
    expect(fields({ desiredOutcomes: Array.from({ length: 10 }, (_, i) => `Outcome ${i}`) })).toEqual([])
    expect(fields({ desiredOutcomes: Array.from({ length: 11 }, (_, i) => `Outcome ${i}`) })).toEqual(['outcome-11'])
    expect(fields({ desiredOutcomes: ['Fine', 'x'.repeat(501)] })).toEqual(['outcome-2'])
    expect(fields({ desiredOutcomes: ['Fine', 'x'.repeat(500)] })).toEqual([])
    expect(fields({ desiredOutcomes: ['Fine', ' '] })).toEqual(['outcome-2'])
  })

  it('needs a completion deadline after today and not after the order ends', () => {
    expect(fields({ completionDeadline: null })).toEqual(['completionDeadline-day'])
    expect(fields({ completionDeadline: today })).toEqual(['completionDeadline-day'])
    expect(fields({ completionDeadline: today.plusDays(1) })).toEqual([])
    expect(fields({ completionDeadline: LocalDate.parse('2027-10-08') })).toEqual([])
    expect(fields({ completionDeadline: LocalDate.parse('2027-10-09') })).toEqual(['completionDeadline-day'])
    expect(referralProblems({ ...draft, completionDeadline: LocalDate.parse('2027-10-09') }, limits)[0]?.message).toBe(
      'The completion deadline must be on or before the order ends (8 October 2027)',
    )
    expect(fields({ completionDeadline: LocalDate.parse('2030-01-01') }, { orderEndsOn: null })).toEqual([])
  })

  it('takes RAR days up to the requirement’s ordered days, given where there is one and only then', () => {
    expect(fields({ rarDays: 20 }, { rarDaysOrdered: 20 })).toEqual([])
    expect(fields({ rarDays: 21 }, { rarDaysOrdered: 20 })).toEqual(['rarDays'])
    expect(fields({ rarDays: 0 }, { rarDaysOrdered: 20 })).toEqual(['rarDays'])
    expect(fields({ rarDays: 1.5 }, { rarDaysOrdered: 20 })).toEqual(['rarDays'])
    expect(fields({ rarDays: 3 }, { rarDaysOrdered: null })).toEqual(['rarDays'])
    expect(fields({ rarDays: null }, { rarDaysOrdered: 20 })).toEqual(['rarDays'])
  })

  it('gives every problem at once', () => {
    expect(fields({ reason: '', desiredOutcomes: [], completionDeadline: null })).toEqual([
      'reason',
      'outcome-1',
      'completionDeadline-day',
    ])
  })
})

describe('a referral’s life', () => {
  it('may be withdrawn until it has ended', () => {
    expect(['sent', 'accepted', 'in_progress'].every(s => canWithdraw(s as 'sent'))).toBe(true)
    expect(['completed', 'declined', 'withdrawn'].some(s => canWithdraw(s as 'sent'))).toBe(false)
  })

  it('has a reference of two letters, four digits and two letters', () => {
    expect(referenceFrom([0, 0, 0, 0, 0, 0, 0, 0])).toBe('AA0000AA')
    expect(referenceFrom([0.999, 0.5, 0.1, 0.2, 0.3, 0.999, 0.5, 0.999])).toBe('ZN1239NZ')
    for (let i = 0; i < 50; i++)
      expect(referenceFrom(Array.from({ length: 8 }, Math.random))).toMatch(REFERENCE_PATTERN)
  })
})
