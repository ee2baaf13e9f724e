import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { completionClock, firstSessionClock } from './index.ts'

/** rules-and-outcomes.md §1.5: CRC SCH9 SL006R (arranged ≤ 7 business days after allocation), PS SL029 (12 months). */

const d = (iso: string) => LocalDate.parse(iso)
const opt = (iso: string | null) => (iso ? d(iso) : null)

describe('firstSessionClock: 7 working days from allocation', () => {
  it.each([
    // Tuesday 1 December 2026 + 7 working days = Thursday 10 December.
    ['not arranged, in time', '2026-12-01', null, '2026-12-07', 'due', '2026-12-10'],
    ['not arranged, on the last day', '2026-12-01', null, '2026-12-10', 'due', '2026-12-10'],
    ['not arranged, a day late', '2026-12-01', null, '2026-12-11', 'missed', '2026-12-10'],
    ['arranged on the last day', '2026-12-01', '2026-12-10', '2026-12-20', 'met', '2026-12-10'],
    ['arranged the day after', '2026-12-01', '2026-12-11', '2026-12-11', 'missed', '2026-12-10'],
    ['arranged on the day of allocation', '2026-12-01', '2026-12-01', '2026-12-01', 'met', '2026-12-10'],
    // Monday 21 December 2026: Christmas, Boxing Day (substitute Monday 28th) and New Year's Day are not working days.
    ['over Christmas', '2026-12-21', null, '2026-12-31', 'due', '2027-01-04'],
  ])('%s', (_label, allocated, arranged, today, state, dueBy) => {
    const clock = firstSessionClock({ allocatedOn: d(allocated), arrangedOn: opt(arranged), today: d(today) })
    expect(clock.state).toBe(state)
    expect(clock.dueBy.toString()).toBe(dueBy)
  })
})

describe('completionClock: 12 months, a warning from 9', () => {
  it.each([
    ['just started', '2026-11-01', 600, '2026-12-07', 'on_track'],
    ['the day before 9 months', '2026-03-08', 600, '2026-12-07', 'on_track'],
    ['9 months to the day', '2026-03-07', 600, '2026-12-07', 'at_risk'],
    ['11 months', '2026-01-07', 600, '2026-12-07', 'at_risk'],
    ['12 months to the day is still in time', '2025-12-07', 600, '2026-12-07', 'at_risk'],
    ['the day after 12 months', '2025-12-06', 600, '2026-12-07', 'overdue'],
    ['complete long ago', '2024-01-01', 0, '2026-12-07', 'complete'],
    ['complete early', '2026-11-01', 0, '2026-12-07', 'complete'],
  ])('%s', (_label, started, remaining, today, state) => {
    const clock = completionClock({ startedOn: d(started), remainingMinutes: remaining, today: d(today) })
    expect(clock.state).toBe(state)
    expect(clock.warnFrom.toString()).toBe(d(started).plusMonths(9).toString())
    expect(clock.dueBy.toString()).toBe(d(started).plusMonths(12).toString())
  })
})
