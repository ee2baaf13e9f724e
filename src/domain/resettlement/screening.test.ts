import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  isScreeningPartTwoRequired,
  SCREENING_RULES,
  screeningPartOneDue,
  screeningPartTwoDue,
  type CustodialTerm,
} from './index.ts'

const d = (s: string) => LocalDate.parse(s)

// rules-and-outcomes.md §1.4 "Screening" and §3.3 "BCST": part 1 by prison staff within 72 hours of reception.
describe('basic custody screening part 1: within 72 hours of reception', () => {
  it.each([
    ['a Monday reception is due by the Thursday', '2026-12-07', '2026-12-10'],
    ['a Friday reception runs over the weekend (hours, not working days)', '2026-12-04', '2026-12-07'],
    ['a Christmas Eve reception is due on 27 December, bank holidays or not', '2026-12-24', '2026-12-27'],
    ['a reception on 29 February', '2028-02-29', '2028-03-03'],
  ])('%s', (_label, reception, due) => {
    expect(screeningPartOneDue(d(reception)).toString()).toBe(due)
  })
})

// rules-and-outcomes.md §1.4 "Screening" and §3.3 "BCST": part 2 by provider staff for sentences of 4 years or less.
describe('basic custody screening part 2: only for sentences of 4 years or less', () => {
  const term = (value: number, unit: CustodialTerm['length']['unit']): CustodialTerm => ({
    sentenceDate: d('2026-01-01'),
    length: { value, unit },
  })
  it.each<[string, CustodialTerm, boolean]>([
    ['4 years exactly', term(4, 'years'), true],
    ['48 months (4 years)', term(48, 'months'), true],
    ['49 months (over 4 years)', term(49, 'months'), false],
    ['5 years', term(5, 'years'), false],
    ['1461 days (4 years from 1 January 2026, with one 29 February)', term(1461, 'days'), true],
    ['1462 days (a day over 4 years)', term(1462, 'days'), false],
    ['208 weeks (under 4 years)', term(208, 'weeks'), true],
    ['209 weeks (over 4 years)', term(209, 'weeks'), false],
    ['a 6-month sentence', term(6, 'months'), true],
  ])('%s: part 2 needed is %s', (_label, t, needed) => {
    expect(isScreeningPartTwoRequired(t)).toBe(needed)
  })
})

// NOT VERIFIED (rules-and-outcomes.md §3.3 "Resettlement plan ≤5 working days"): part 2 within 5 working days of part 1.
describe('basic custody screening part 2: due 5 working days after part 1 (NOT VERIFIED)', () => {
  it('counts working days from the day part 1 was done', () => {
    expect(screeningPartTwoDue({ partOneDue: d('2026-12-10'), partOneDoneOn: d('2026-12-09') }).toString()).toBe(
      '2026-12-16',
    )
  })
  it('skips the weekend and the Christmas and Boxing Day bank holidays (25 and 28 December 2026)', () => {
    expect(screeningPartTwoDue({ partOneDue: d('2026-12-22'), partOneDoneOn: d('2026-12-21') }).toString()).toBe(
      '2026-12-30',
    )
  })
  it('runs from part 1’s due date while part 1 is not done', () => {
    expect(screeningPartTwoDue({ partOneDue: d('2026-12-10'), partOneDoneOn: null }).toString()).toBe('2026-12-17')
  })
  it('is a named constant that can be overridden', () => {
    expect(SCREENING_RULES.partTwoWorkingDaysAfterPartOne).toBe(5)
    const rules = { ...SCREENING_RULES, partTwoWorkingDaysAfterPartOne: 10 }
    expect(screeningPartTwoDue({ partOneDue: d('2026-12-10'), partOneDoneOn: d('2026-12-09') }, rules).toString()).toBe(
      '2026-12-23',
    )
  })
})
