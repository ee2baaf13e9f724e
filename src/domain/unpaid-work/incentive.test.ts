import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { incentive, maxDiscountRatio } from './index.ts'

/**
 * Sentencing Act 2026 s37 (rules-and-outcomes.md §2.1 "2026 change"; hmpps-community-payback-api
 * docs/incentive-scheme/calculations.md): q = 0.25, d = 0.5, max = 1 - (1 + d·q)/(1 + d).
 */

const H = 60
const MADE = LocalDate.parse('2026-07-01')

describe('maxDiscountRatio', () => {
  it.each([
    [0.25, 0.5, 0.25],
    [0.25, 1, 0.375],
    [0.5, 0.5, 1 / 6],
    [0, 0.5, 1 / 3],
    [0.25, 0, 0],
  ])('q %f, d %f → %f', (threshold, discount, ratio) => {
    expect(maxDiscountRatio({ threshold, discount })).toBeCloseTo(ratio, 10)
  })
})

describe('incentive', () => {
  it.each([
    // [label, ordered h, worked min, disqualified, current min, projected min]
    ['nothing worked', 100, 0, false, 0, 25 * H],
    ['just below the threshold', 100, 25 * H - 1, false, 0, 25 * H],
    ['at the threshold', 100, 25 * H, false, 0, 25 * H],
    ['the reference case: 36 h of 100 h', 100, 36 * H, false, 5 * H + 30, 25 * H],
    ['the reference case, then disqualified', 100, 36 * H, true, 5 * H + 30, 5 * H + 30],
    ['disqualified before the threshold', 100, 10 * H, true, 0, 0],
    ['one odd minute above the threshold rounds down', 100, 25 * H + 1, false, 0, 25 * H],
    ['the maximum reached at 75%', 100, 75 * H, false, 25 * H, 25 * H],
    ['capped at the maximum', 100, 90 * H, false, 25 * H, 25 * H],
    ['40 hours, 20 worked', 40, 20 * H, false, 5 * H, 10 * H],
  ])('%s', (_label, ordered, worked, disqualified, current, projected) => {
    const i = incentive({
      orderedMinutes: ordered * H,
      qualifyingMinutes: worked,
      creditedMinutes: worked,
      disqualified,
      orderMadeOn: MADE,
    })
    expect(i.eligible).toBe(true)
    expect(i.currentDiscountMinutes).toBe(current)
    expect(i.projectedDiscountMinutes).toBe(projected)
    expect(i.requiredMinutes).toBe(ordered * H - current)
    expect(i.remainingMinutes).toBe(Math.max(0, ordered * H - current - worked))
  })

  it('the 100-hour reference: threshold and maximum 25 hours, 58 h 30 left after 36 h', () => {
    const i = incentive({
      orderedMinutes: 100 * H,
      qualifyingMinutes: 36 * H,
      creditedMinutes: 36 * H,
      disqualified: false,
      orderMadeOn: MADE,
    })
    expect(i).toMatchObject({ thresholdMinutes: 25 * H, maxDiscountMinutes: 25 * H, qualified: true })
    expect(i.remainingMinutes).toBe(58 * H + 30)
  })

  it.each([
    ['made the day before the scheme started', '2026-05-31', undefined, false],
    ['made the day it started', '2026-06-01', undefined, true],
    ['a commencement set differently', '2026-07-01', '2026-08-01', false],
  ])('%s', (_label, made, commencement, eligible) => {
    const i = incentive({
      orderedMinutes: 100 * H,
      qualifyingMinutes: 50 * H,
      creditedMinutes: 50 * H,
      disqualified: false,
      orderMadeOn: LocalDate.parse(made),
      commencement: commencement ? LocalDate.parse(commencement) : undefined,
    })
    expect(i.eligible).toBe(eligible)
    expect(i.currentDiscountMinutes).toBe(eligible ? 12 * H + 30 : 0)
    expect(i.projectedDiscountMinutes).toBe(eligible ? 25 * H : 0)
    expect(i.remainingMinutes).toBe(eligible ? 37 * H + 30 : 50 * H)
  })
})
