import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { requirementState, sentenceState, type SentenceState } from './index.ts'

const d = (s: string) => LocalDate.parse(s)
const today = d('2026-12-05')

describe('an order’s state (its end date is its last day)', () => {
  it.each([
    [null, '2026-12-06', 'current'],
    [null, '2026-12-05', 'current'],
    [null, '2026-12-04', 'expired'],
    [null, null, 'current'],
    ['2026-11-01', '2027-06-01', 'terminated'],
  ] as const)('terminated %s, ends %s → %s', (terminated, end, state) => {
    expect(
      sentenceState({ terminatedOn: terminated ? d(terminated) : null, endDate: end ? d(end) : null }, today),
    ).toBe(state)
  })
})

describe('a requirement’s state', () => {
  it.each([
    [null, '2026-12-06', 'current', 'current'],
    [null, '2026-12-05', 'current', 'current'],
    [null, '2026-12-04', 'current', 'ended'],
    [null, '2025-06-30', 'current', 'ended'],
    [null, null, 'current', 'current'],
    [null, '2027-01-01', 'expired', 'ended'],
    [null, null, 'terminated', 'ended'],
    ['2026-10-01', '2026-09-01', 'current', 'terminated'],
  ] as const)('terminated %s, ends %s, order %s → %s', (terminated, end, order, state) => {
    expect(
      requirementState(
        {
          terminatedOn: terminated ? d(terminated) : null,
          endDate: end ? d(end) : null,
          order: order as SentenceState,
        },
        today,
      ),
    ).toBe(state)
  })
})
