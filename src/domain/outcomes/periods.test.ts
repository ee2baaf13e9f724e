import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { latestFinalQuarter, previousQuarter, quarterOf, quarterPeriod, quartersEndingAt } from './periods.ts'

const d = LocalDate.parse

describe('cohort periods', () => {
  it('reads a quarter label as its first and last day', () => {
    expect(quarterPeriod('2026-Q1')).toEqual({ from: d('2026-01-01'), to: d('2026-03-31') })
    expect(quarterPeriod('2024-Q1')!.to).toEqual(d('2024-03-31'))
    expect(quarterPeriod('2026-Q4')).toEqual({ from: d('2026-10-01'), to: d('2026-12-31') })
    expect(quarterPeriod('2026-Q5')).toBeNull()
    expect(quarterPeriod('2026-q1')).toBeNull()
  })

  it('names the quarter of a date and the one before', () => {
    expect(quarterOf(d('2026-03-31'))).toBe('2026-Q1')
    expect(quarterOf(d('2026-04-01'))).toBe('2026-Q2')
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4')
    expect(quartersEndingAt(d('2026-05-17'), 3)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2'])
  })

  it('finds the latest quarter whose waiting period has ended', () => {
    expect(latestFinalQuarter(d('2026-10-01'))).toBe('2025-Q1')
    expect(latestFinalQuarter(d('2026-09-30'))).toBe('2024-Q4')
  })
})
