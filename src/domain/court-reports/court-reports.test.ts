import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { matchReasons, reportDueDate, reportTimeliness, type ReportType } from './index.ts'

const d = (s: string) => LocalDate.parse(s)

describe('pre-sentence report due dates (PQ-20: oral same day, short format 5 working days, standard 15)', () => {
  it.each<[string, ReportType, string, string]>([
    ['oral on a Thursday: same day', 'oral', '2026-04-02', '2026-04-02'],
    ['short format on a Monday: the next Monday', 'short_format', '2026-03-02', '2026-03-09'],
    ['short format on a Friday: over one weekend', 'short_format', '2026-03-06', '2026-03-13'],
    ['standard on a Monday: three weeks on', 'standard', '2026-03-02', '2026-03-23'],
    [
      'standard on the Thursday before Easter: Good Friday and Easter Monday skipped',
      'standard',
      '2026-04-02',
      '2026-04-27',
    ],
    ['short format on the Thursday before Easter', 'short_format', '2026-04-02', '2026-04-13'],
    [
      'short format over Christmas: 25th, Boxing Day substitute (28th) and New Year skipped',
      'short_format',
      '2026-12-23',
      '2027-01-04',
    ],
    ['standard over Christmas 2024', 'standard', '2024-12-20', '2025-01-15'],
    ['short format before the early May bank holiday', 'short_format', '2026-04-30', '2026-05-08'],
    ['short format requested on a Saturday court sitting', 'short_format', '2026-03-07', '2026-03-13'],
  ])('%s', (_label, type, requested, due) => {
    expect(reportDueDate(type, d(requested)).dueDate.toString()).toBe(due)
  })

  it('is due by an earlier adjourned hearing (the court-set timescale, NPS SL001)', () => {
    const due = reportDueDate('standard', d('2026-03-02'), { adjournedTo: d('2026-03-14') })
    expect(due.dueDate.toString()).toBe('2026-03-13')
    expect(due.basis).toContain('court-set timescale')
  })

  it('ignores an adjournment later than the timescale', () => {
    expect(reportDueDate('short_format', d('2026-03-02'), { adjournedTo: d('2026-03-30') }).dueDate.toString()).toBe(
      '2026-03-09',
    )
  })

  it('explains the rule it used', () => {
    expect(reportDueDate('short_format', d('2026-03-02')).basis).toContain('5 working days')
    expect(reportDueDate('standard', d('2026-03-02')).basis).toContain('15 working days')
    expect(reportDueDate('oral', d('2026-03-02')).basis).toContain('on the day it is requested')
  })
})

describe('report timeliness (at risk = due within 1 working day)', () => {
  it.each([
    ['due date passed', 'requested', '2026-04-02', '2026-04-06', 'late'],
    ['due today', 'in_progress', '2026-04-07', '2026-04-07', 'at_risk'],
    ['due tomorrow', 'requested', '2026-04-08', '2026-04-07', 'at_risk'],
    [
      'due after Easter, asked on Maundy Thursday (next working day is Tuesday)',
      'requested',
      '2026-04-07',
      '2026-04-02',
      'at_risk',
    ],
    ['due in two working days', 'requested', '2026-04-09', '2026-04-07', 'due'],
    ['due Monday, asked on Friday', 'requested', '2026-03-09', '2026-03-06', 'at_risk'],
    ['completed late is completed', 'completed', '2026-04-02', '2026-04-10', 'completed'],
    ['cancelled', 'cancelled', '2026-04-02', '2026-04-10', 'cancelled'],
  ] as const)('%s', (_label, status, due, today, expected) => {
    expect(reportTimeliness(status, d(due), d(today))).toBe(expected)
  })
})

describe('why a record matches a listed defendant', () => {
  const texts = (l: Parameters<typeof matchReasons>[0], c: Parameters<typeof matchReasons>[1]) =>
    matchReasons(l, c).map(r => r.text)
  it.each([
    [
      'same PNC, date of birth and name',
      { forename: 'John', surname: 'Smith', dateOfBirth: '1980-01-02', pnc: '2001/0000123Z' },
      { forename: 'John', surname: 'Smith', dateOfBirth: '1980-01-02', pnc: '2001/0000123Z' },
      ['same PNC', 'same date of birth', 'same name'],
    ],
    [
      'misspelt surname',
      { forename: 'John', surname: 'Smyth', dateOfBirth: '1980-01-02', pnc: null },
      { forename: 'John', surname: 'Smith', dateOfBirth: '1980-01-02', pnc: '2001/0000123Z' },
      ['same date of birth', 'similar name: Smyth ~ Smith'],
    ],
    [
      'different date of birth counts against',
      { forename: 'John', surname: 'Smith', dateOfBirth: '1981-01-02', pnc: null },
      { forename: 'John', surname: 'Smith', dateOfBirth: '1980-01-02', pnc: null },
      ['same name', 'different date of birth'],
    ],
    [
      'accents and case do not matter',
      { forename: 'ZOE', surname: 'alvarez', dateOfBirth: null, pnc: null },
      { forename: 'Zoë', surname: 'Álvarez', dateOfBirth: '1980-01-02', pnc: null },
      ['same name'],
    ],
    [
      'matched on an alias',
      { forename: 'Jonny', surname: 'Smith-Lee', dateOfBirth: null, pnc: null },
      { forename: 'John', surname: 'Smith', dateOfBirth: '1980-01-02', pnc: null, matchedAlias: 'Jonny Smith-Lee' },
      ['same name as an alias: Jonny Smith-Lee'],
    ],
    [
      'a different PNC is reported last',
      { forename: 'John', surname: 'Smith', dateOfBirth: '1980-01-02', pnc: '2001/0000123Z' },
      { forename: 'John', surname: 'Smith', dateOfBirth: '1980-01-02', pnc: '2002/0000999A' },
      ['same date of birth', 'same name', 'different PNC: 2001/0000123Z ≠ 2002/0000999A'],
    ],
  ])('%s', (_label, listed, candidate, expected) => {
    expect(texts(listed, candidate)).toEqual(expected)
  })
})
