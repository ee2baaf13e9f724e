import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { summariseCompliance } from './index.ts'
import type { ComplianceInput, ComplianceSummary, OutcomeCode, SummaryContact } from './index.ts'

const d = (s: string) => LocalDate.parse(s)
const c = (
  date: string,
  outcome: OutcomeCode | null,
  nationalStandard = true,
  rarActivity = false,
): SummaryContact => ({
  date: d(date),
  outcome,
  nationalStandard,
  rarActivity,
})
const asOf = d('2025-06-30')
const summary = (input: Partial<ComplianceInput>) =>
  summariseCompliance({ asOf, contacts: [], warnings: [], ...input }) as ComplianceSummary

describe('counts in the compliance summary (as of 2025-06-30)', () => {
  it.each<[string, SummaryContact[], Partial<ComplianceSummary>]>([
    [
      'a failure on the first day of the 12 months',
      [c('2024-07-01', 'unacceptable_absence')],
      { failuresLast12Months: 1 },
    ],
    ['a failure the day before the 12 months', [c('2024-06-30', 'unacceptable_absence')], { failuresLast12Months: 0 }],
    ['attended but failed to comply', [c('2025-01-10', 'attended_failed_to_comply')], { failuresLast12Months: 1 }],
    ['a non-national-standard failure', [c('2025-01-10', 'unacceptable_absence', false)], { failuresLast12Months: 0 }],
    [
      'an acceptable absence',
      [c('2025-03-01', 'acceptable_absence')],
      { failuresLast12Months: 0, acceptableAbsences: 1 },
    ],
    [
      'a non-national-standard acceptable absence',
      [c('2025-03-01', 'acceptable_absence', false)],
      { acceptableAbsences: 0 },
    ],
    ['waiting for evidence', [c('2025-06-27', 'failed_to_attend')], { failuresLast12Months: 0, awaitingEvidence: 1 }],
    ['a past appointment with no outcome', [c('2025-06-29', null)], { needingOutcome: 1 }],
    [
      'a future appointment',
      [c('2025-07-02', null), c('2025-07-03', 'unacceptable_absence')],
      { needingOutcome: 0, failuresLast12Months: 0 },
    ],
  ])('%s', (_what, contacts, expected) => {
    expect(summary({ contacts })).toMatchObject(expected)
  })

  it('a mixed order', () => {
    const s = summary({
      contacts: [
        c('2024-06-30', 'unacceptable_absence'),
        c('2024-07-01', 'unacceptable_absence'),
        c('2025-01-10', 'attended_failed_to_comply'),
        c('2025-02-01', 'unacceptable_absence', false),
        c('2025-03-01', 'acceptable_absence'),
        c('2025-04-01', 'failed_to_attend'),
        c('2025-05-01', 'attended_complied'),
      ],
      warnings: [d('2024-06-15'), d('2025-05-01')],
      breaches: [{ initiatedOn: d('2024-08-01'), closedOn: d('2024-12-01') }],
    })
    expect(s).toMatchObject({
      failuresLast12Months: 2,
      failuresSinceLastBreach: 1,
      warnings: 2,
      warningsLast12Months: 1,
      acceptableAbsences: 1,
      awaitingEvidence: 1,
      breaches: 1,
      breachInProgress: false,
    })
    expect(s.activeWarning?.givenOn.toString()).toBe('2025-05-01')
    expect(s.activeWarning?.windowEnds.toString()).toBe('2026-04-30')
  })

  it.each([
    [[{ initiatedOn: d('2025-06-01') }], 1, true],
    [[{ initiatedOn: d('2025-06-01'), closedOn: d('2025-06-30') }], 1, false],
    [[{ initiatedOn: d('2025-07-01') }], 0, false],
  ])('breaches %j → %i, in progress %s', (breaches, count, inProgress) => {
    expect(summary({ breaches })).toMatchObject({ breaches: count, breachInProgress: inProgress })
  })

  it.each([
    [['2024-07-01'], '2024-07-01'],
    [['2024-06-30'], null], // its window ended 2025-06-29
    [['2025-05-01'], null], // followed by a breach that closed 2025-06-01
  ])('active warning from %j → %s', (warnings, active) => {
    const breaches = warnings[0] === '2025-05-01' ? [{ initiatedOn: d('2025-05-10'), closedOn: d('2025-06-01') }] : []
    expect(summary({ warnings: warnings.map(d), breaches }).activeWarning?.givenOn.toString() ?? null).toBe(active)
  })
})

describe('RAR days and unpaid work', () => {
  it.each<[string, SummaryContact[], number | null, ComplianceSummary['rar']]>([
    ['no RAR', [c('2025-06-01', 'attended_complied')], null, null],
    [
      'two RAR contacts on one day count as one day',
      [c('2025-05-01', 'attended_complied', true, true), c('2025-05-01', 'attended_complied', false, true)],
      20,
      { ordered: 20, delivered: 1, scheduled: 0, remaining: 19 },
    ],
    [
      'a non-national-standard RAR contact still delivers a day',
      [c('2025-05-02', 'attended_complied', false, true)],
      20,
      { ordered: 20, delivered: 1, scheduled: 0, remaining: 19 },
    ],
    [
      'a missed RAR session is neither delivered nor scheduled',
      [c('2025-05-03', 'unacceptable_absence', true, true), c('2025-05-04', 'acceptable_absence', true, true)],
      20,
      { ordered: 20, delivered: 0, scheduled: 0, remaining: 20 },
    ],
    [
      'future and not-yet-outcomed RAR sessions are scheduled',
      [
        c('2025-07-01', null, true, true),
        c('2025-06-30', null, true, true),
        c('2025-06-30', 'attended_complied', true, true),
      ],
      2,
      { ordered: 2, delivered: 1, scheduled: 1, remaining: 1 },
    ],
    [
      'more days delivered than ordered leaves none remaining',
      [c('2025-05-01', 'attended_complied', true, true), c('2025-05-02', 'attended_complied', true, true)],
      1,
      { ordered: 1, delivered: 2, scheduled: 0, remaining: 0 },
    ],
    ['ordered but none yet', [], 10, { ordered: 10, delivered: 0, scheduled: 0, remaining: 10 }],
  ])('%s', (_what, contacts, rarDaysOrdered, rar) => {
    expect(summary({ contacts, rarDaysOrdered }).rar).toEqual(rar)
  })

  it.each([
    [null, null],
    [
      { hoursOrdered: 100, minutesWorked: 2250 },
      { hoursOrdered: 100, hoursWorked: 37.5, hoursRemaining: 62.5 },
    ],
    [
      { hoursOrdered: 40, minutesWorked: 20 },
      { hoursOrdered: 40, hoursWorked: 0.33, hoursRemaining: 39.67 },
    ],
    [
      { hoursOrdered: 40, minutesWorked: 2460 },
      { hoursOrdered: 40, hoursWorked: 41, hoursRemaining: 0 },
    ],
  ])('unpaid work %j', (unpaidWork, expected) => {
    expect(summary({ unpaidWork }).unpaidWork).toEqual(expected)
  })
})
