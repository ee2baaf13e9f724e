import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { fundingEndsSoon, referralRefusals, type Candidate, type ServiceTerms } from './eligibility.ts'

const today = LocalDate.parse('2026-12-07')
const open: ServiceTerms = {
  active: true,
  accepting: true,
  closedReason: null,
  fundingEndsOn: null,
  eligibleGenders: [],
  eligibleTiers: [],
  maxRosh: null,
}
const man: Candidate = { gender: 'male', tier: 'B2', rosh: 'medium' }
const messages = (s: ServiceTerms, p = man) => referralRefusals(s, p, today).map(r => r.message)

describe('who a partner service takes', () => {
  it('takes anyone when it limits nothing and is open', () => {
    expect(messages(open)).toEqual([])
    expect(messages(open, { gender: 'not_known', tier: null, rosh: null })).toEqual([])
  })

  it('refuses while closed to referrals, with the reason it gave', () => {
    expect(messages({ ...open, accepting: false, closedReason: 'Full until April' })).toEqual([
      'This service is not taking new referrals: Full until April',
    ])
    expect(messages({ ...open, active: false })).toEqual(['This service is no longer in the directory'])
  })

  it('refuses after its funding ended, not on its last day', () => {
    expect(messages({ ...open, fundingEndsOn: today })).toEqual([])
    expect(messages({ ...open, fundingEndsOn: today.minusDays(1) })).toEqual([
      'This service’s funding ended on 2026-12-06',
    ])
  })

  it('refuses a gender it does not serve', () => {
    expect(messages({ ...open, eligibleGenders: ['female'] })).toEqual(['This service is for women only'])
    expect(messages({ ...open, eligibleGenders: ['female'] }, { ...man, gender: 'female' })).toEqual([])
  })

  it('compares the tier by its letter and refuses an unknown tier where tiers are limited', () => {
    expect(messages({ ...open, eligibleTiers: ['B', 'C'] })).toEqual([])
    expect(messages({ ...open, eligibleTiers: ['C', 'D'] })).toEqual([
      'This service takes tiers C, D: the case is tier B2',
    ])
    expect(messages({ ...open, eligibleTiers: ['C'] }, { ...man, tier: null })).toEqual([
      'This service takes only some tiers and the case has no tier yet',
    ])
  })

  it('takes a RoSH up to its highest level and refuses above it or unknown', () => {
    expect(messages({ ...open, maxRosh: 'medium' })).toEqual([])
    expect(messages({ ...open, maxRosh: 'low' })).toEqual([
      'This service takes a RoSH of low or lower: the case is medium',
    ])
    expect(messages({ ...open, maxRosh: 'high' }, { ...man, rosh: 'very_high' })).toEqual([
      'This service takes a RoSH of high or lower: the case is very high',
    ])
    expect(messages({ ...open, maxRosh: 'high' }, { ...man, rosh: null })).toHaveLength(1)
  })

  it('gives every reason at once', () => {
    const all = { ...open, accepting: false, closedReason: 'x', eligibleGenders: ['female'], maxRosh: 'low' as const }
    expect(messages(all)).toHaveLength(3)
  })
})

describe('funding ending soon', () => {
  it('is within the next three months, counting its last day and not an ended one', () => {
    expect(fundingEndsSoon(today.plusMonths(3), today)).toBe(true)
    expect(fundingEndsSoon(today.plusMonths(3).plusDays(1), today)).toBe(false)
    expect(fundingEndsSoon(today, today)).toBe(true)
    expect(fundingEndsSoon(today.minusDays(1), today)).toBe(false)
    expect(fundingEndsSoon(null, today)).toBe(false)
  })
})
