import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  ACCEPTABLE_ABSENCE_REASON_DETAILS,
  ACCEPTABLE_ABSENCE_REASONS,
  complianceEffect,
  evidenceDeadline,
  explanationDue,
  isCountableFailure,
  isWithinWarningWindow,
  OUTCOME_CODES,
  OUTCOMES,
  validateOutcome,
  warningWindow,
} from './index.ts'
import type { OutcomeCode } from './index.ts'

const d = (s: string) => LocalDate.parse(s)

describe('outcome meanings', () => {
  it.each([
    ['attended_complied', 'ATTC', true, true, false, false],
    ['attended_failed_to_comply', 'AFTC', true, false, true, false],
    ['acceptable_absence', null, false, true, false, false],
    ['unacceptable_absence', 'UAAB', false, false, true, false],
    ['failed_to_attend', 'AFTA', false, null, false, true],
  ] as const)('%s', (code, delius, attended, complied, failure, pending) => {
    const m = OUTCOMES[code]
    expect([m.code, m.deliusCode, m.attended, m.compliedOrAcceptable, m.isFailure, m.pendingEvidence]).toEqual([
      code,
      delius,
      attended,
      complied,
      failure,
      pending,
    ])
  })

  it('lists the five outcomes and the nine acceptable-absence reasons', () => {
    expect(OUTCOME_CODES).toHaveLength(5)
    expect(ACCEPTABLE_ABSENCE_REASONS).toEqual([
      'court_legal',
      'employment',
      'childcare_family',
      'holiday',
      'medical',
      'religious',
      'remanded_in_custody',
      'stood_down',
      'other',
    ])
    expect(ACCEPTABLE_ABSENCE_REASON_DETAILS.remanded_in_custody.deliusCode).toBe('AARC')
  })
})

describe('what counts for compliance (only national-standard contacts)', () => {
  it.each<[OutcomeCode | null, boolean, string, boolean]>([
    ['unacceptable_absence', true, 'failure', true],
    ['attended_failed_to_comply', true, 'failure', true],
    ['unacceptable_absence', false, 'not_counted', false],
    ['attended_failed_to_comply', false, 'not_counted', false],
    ['acceptable_absence', true, 'acceptable_absence', false],
    ['acceptable_absence', false, 'not_counted', false],
    ['attended_complied', true, 'complied', false],
    ['failed_to_attend', true, 'awaiting_evidence', false],
    ['failed_to_attend', false, 'not_counted', false],
    [null, true, 'not_counted', false],
  ])('%s, national standard %s → %s', (outcome, nationalStandard, effect, failure) => {
    expect(complianceEffect({ outcome, nationalStandard })).toBe(effect)
    expect(isCountableFailure({ outcome, nationalStandard })).toBe(failure)
  })
})

describe('validateOutcome', () => {
  it.each([
    [{ outcome: 'acceptable_absence', reason: 'medical' }, []],
    [{ outcome: 'acceptable_absence' }, ['An acceptable absence needs a reason']],
    [{ outcome: 'acceptable_absence', reason: 'hangover' }, ['Unknown acceptable-absence reason "hangover"']],
    [{ outcome: 'unacceptable_absence' }, []],
    [{ outcome: 'unacceptable_absence', reason: 'medical' }, ['A reason is only recorded for an acceptable absence']],
    [{ outcome: 'UAAB' }, ['Unknown outcome "UAAB"']],
  ])('%j', (input, errors) => {
    expect(validateOutcome(input)).toEqual(errors)
  })
})

describe('the 12 months beginning with the warning date', () => {
  it.each([
    ['2024-03-01', '2025-02-28'],
    ['2023-03-01', '2024-02-29'],
    ['2024-02-29', '2025-02-28'],
    ['2024-12-31', '2025-12-30'],
    ['2025-01-01', '2025-12-31'],
  ])('warning %s → window ends %s', (warning, end) => {
    expect(warningWindow(d(warning)).to.toString()).toBe(end)
  })

  it.each([
    ['2024-03-01', '2024-03-01', true],
    ['2024-03-01', '2024-02-29', false],
    ['2024-03-01', '2025-02-28', true],
    ['2024-03-01', '2025-03-01', false],
    ['2024-02-29', '2025-02-28', true],
    ['2024-02-29', '2025-03-01', false],
  ])('warning %s, failure %s → within %s', (warning, failure, within) => {
    expect(isWithinWarningWindow(d(warning), d(failure))).toBe(within)
  })
})

describe('deadlines over bank holidays', () => {
  it.each([
    ['2024-12-18', '2024-12-27'], // 25 Dec → past Christmas and Boxing Day
    ['2024-12-20', '2024-12-27'], // 27 Dec is a working day
    ['2025-04-11', '2025-04-22'], // Good Friday → past the weekend and Easter Monday
    ['2025-04-10', '2025-04-17'],
    ['2025-06-06', '2025-06-13'],
  ])('7 days to explain after a letter on %s → %s', (letter, due) => {
    expect(explanationDue(d(letter)).due?.toString()).toBe(due)
  })

  it.each([
    ['2024-03-27', '2024-04-05'], // Easter 2024
    ['2024-12-20', '2024-12-31'], // Christmas and Boxing Day
    ['2024-12-23', '2025-01-02'], // Christmas, Boxing Day and New Year's Day
    ['2025-06-02', '2025-06-09'],
  ])('evidence for a failed-to-attend on %s → %s', (date, due) => {
    expect(evidenceDeadline(d(date)).due?.toString()).toBe(due)
  })
})
