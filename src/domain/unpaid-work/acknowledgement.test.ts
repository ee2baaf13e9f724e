import { LocalDate, YearMonth } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import {
  acknowledgementDue,
  acknowledgementServiceLevel,
  acknowledgementState,
  canMoveNomination,
  type NominationStatus,
} from './acknowledgement.ts'

const d = (iso: string) => LocalDate.parse(iso)

describe('acknowledgementDue (rules-and-outcomes.md §2.2: within 2 working days)', () => {
  it.each([
    ['2026-12-07', '2026-12-09', 'Monday → Wednesday'],
    ['2026-12-03', '2026-12-07', 'Thursday → Monday, over the weekend'],
    ['2026-12-04', '2026-12-08', 'Friday → Tuesday'],
    ['2026-12-05', '2026-12-08', 'Saturday → Tuesday'],
    ['2026-12-23', '2026-12-29', 'over Christmas Day and Boxing Day (substitute 28th)'],
    ['2026-08-27', '2026-09-01', 'Thursday before the August bank holiday → Tuesday'],
  ])('submitted %s is due %s (%s)', (submitted, due) => {
    expect(acknowledgementDue(d(submitted)).toString()).toBe(due)
  })
})

describe('acknowledgementState', () => {
  it.each([
    ['2026-12-04', null, '2026-12-08', 'due'],
    ['2026-12-04', null, '2026-12-05', 'due'],
    ['2026-12-04', null, '2026-12-09', 'overdue'],
    ['2026-12-04', '2026-12-08', '2026-12-20', 'on_time'],
    ['2026-12-04', '2026-12-04', '2026-12-20', 'on_time'],
    ['2026-12-04', '2026-12-09', '2026-12-20', 'late'],
    ['2026-12-23', null, '2026-12-29', 'due'],
    ['2026-12-23', null, '2026-12-30', 'overdue'],
  ])('submitted %s, acknowledged %s, on %s: %s', (submitted, acknowledged, today, state) => {
    expect(
      acknowledgementState({
        submitted: d(submitted),
        acknowledged: acknowledged ? d(acknowledged) : null,
        today: d(today),
      }),
    ).toBe(state)
  })
})

describe('acknowledgementServiceLevel', () => {
  it('counts only those due in the month, on time when acknowledged by the due day', () => {
    const level = acknowledgementServiceLevel(
      [
        { submitted: d('2026-12-01'), acknowledged: d('2026-12-03') }, // due 3rd: on time
        { submitted: d('2026-12-04'), acknowledged: d('2026-12-09') }, // due 8th: late
        { submitted: d('2026-12-07'), acknowledged: null }, // due 9th: not acknowledged
        { submitted: d('2026-11-26'), acknowledged: d('2026-11-27') }, // due 30 November: another month
        { submitted: d('2026-11-27'), acknowledged: d('2026-12-01') }, // due 1 December: on time
      ],
      YearMonth.of(2026, 12),
    )
    expect(level).toEqual({ due: 4, onTime: 2, percent: 50 })
  })

  it('has no percentage when nothing fell due', () => {
    expect(acknowledgementServiceLevel([], YearMonth.of(2026, 12))).toEqual({ due: 0, onTime: 0, percent: null })
  })
})

describe('canMoveNomination', () => {
  it.each<[NominationStatus, NominationStatus, boolean]>([
    ['received', 'being_assessed', true],
    ['received', 'accepted', true],
    ['received', 'not_suitable', true],
    ['being_assessed', 'accepted', true],
    ['being_assessed', 'not_suitable', true],
    ['being_assessed', 'received', false],
    ['accepted', 'scheduled', true],
    ['completed', 'received', false],
    ['completed', 'being_assessed', false],
    ['not_suitable', 'accepted', false],
    ['accepted', 'accepted', false],
  ])('%s → %s: %s', (from, to, allowed) => {
    expect(canMoveNomination(from, to)).toBe(allowed)
  })
})
