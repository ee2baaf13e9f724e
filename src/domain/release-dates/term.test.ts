import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { FORTY_PERCENT, HALF, ONE_THIRD, releaseDays, TWO_THIRDS } from './fractions.ts'
import { aggregateRuns, runsEnd, type Term, termDays, termEnd } from './term.ts'

const d = (s: string) => LocalDate.parse(s)
const t = (p: Partial<Term>): Term => ({ years: 0, months: 0, weeks: 0, days: 0, ...p })

describe('term arithmetic (spec §1.1–1.4)', () => {
  it.each([
    ['2021-08-31', t({ months: 1 }), '2021-09-30', 'month end: 31 Aug + 1 month ends 30 Sep'],
    ['2021-08-30', t({ months: 1 }), '2021-09-29', 'ordinary day'],
    ['2021-01-31', t({ months: 1 }), '2021-02-28', 'clamped to February'],
    ['2020-03-31', t({ months: 1 }), '2020-04-30', '30th and 31st starts end on the same day'],
    ['2020-10-01', t({ months: 54 }), '2025-03-31', 'first of month: last day of month reached by months − 1'],
    ['2021-01-01', t({ months: 3 }), '2021-03-31', 'first of month, 3 months'],
    ['2020-10-01', t({ years: 1 }), '2021-09-30', 'first of month, years only'],
    ['2021-03-01', t({ days: 10 }), '2021-03-10', 'first of month without months/years: ordinary rule'],
    ['2020-02-29', t({ years: 1 }), '2021-02-28', 'leap day start: 28 Feb − 1 day + 1 year'],
    ['2019-03-01', t({ years: 1 }), '2020-02-29', 'first of month into a leap February'],
    ['2021-11-08', t({ weeks: 26 }), '2022-05-08', 'weeks are 7 days'],
    [
      '2021-02-15',
      t({ years: 1, months: 1, weeks: 1, days: 1 }),
      '2022-03-22',
      'units applied years, months, weeks, days',
    ],
  ])('%s + %o ends %s (%s)', (start, term, end) => {
    expect(termEnd(d(start), term).toString()).toBe(end)
  })

  it('counts days inclusively, across leap years', () => {
    expect(termDays(d('2021-11-08'), t({ weeks: 26 }))).toBe(182)
    expect(termDays(d('2023-03-01'), t({ years: 1 }))).toBe(366)
    expect(termDays(d('2022-03-01'), t({ years: 1 }))).toBe(365)
  })

  it('aggregates consecutive terms in runs of the same kind of unit (spec §7.2)', () => {
    const runs = aggregateRuns([t({ months: 3 }), t({ weeks: 3 }), t({ months: 3 }), t({ months: 5 })])
    expect(runs).toEqual([t({ months: 3 }), t({ weeks: 3 }), t({ months: 8 })])
    expect(aggregateRuns([t({ years: 3 }), t({ months: 18 })])).toEqual([t({ years: 3, months: 18 })])
    expect(
      runsEnd(d('2022-01-23'), aggregateRuns([t({ weeks: 1 }), t({ months: 1 }), t({ months: 1 })])).toString(),
    ).toBe('2022-03-29')
  })
})

describe('release fractions round UP to a whole day (spec §1.5)', () => {
  it.each([
    [365, HALF, 183],
    [364, HALF, 182],
    [731, FORTY_PERCENT, 293],
    [730, FORTY_PERCENT, 292],
    [3287, TWO_THIRDS, 2192],
    [3, TWO_THIRDS, 2],
    [1096, ONE_THIRD, 366],
    [3, ONE_THIRD, 1],
    [1, HALF, 1],
  ])('%i days at %s = %i', (days, f, expected) => {
    expect(releaseDays(days, f)).toBe(expected)
  })
})
