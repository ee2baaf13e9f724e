import { describe, expect, it } from 'vitest'
import { formatDate, formatShortDate, humaniseDates } from './filters.ts'

describe('date filters', () => {
  it('say a date in words in prose, and as day/month/year in a text field', () => {
    expect(formatDate('2026-12-11')).toBe('11 December 2026')
    expect(formatShortDate('2026-12-05')).toBe('5/12/2026')
    // What the user typed is given back as typed.
    expect(formatShortDate('5/12/2026')).toBe('5/12/2026')
    expect(formatShortDate(null)).toBe('')
  })

  it('put the dates a rule wrote into its explanation in words', () => {
    expect(humaniseDates('CRD: half of the term from 2026-01-01 → 2026-07-02')).toBe(
      'CRD: half of the term from 1 January 2026 → 2 July 2026',
    )
    expect(humaniseDates('No dates here, 12 days')).toBe('No dates here, 12 days')
    expect(humaniseDates(null)).toBe('')
  })
})
