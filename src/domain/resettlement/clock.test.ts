import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { clockStatus, type ClockStatus } from './index.ts'

const d = (s: string) => LocalDate.parse(s)

// rules-and-outcomes.md §3.3 "BCST" (72 hours) and "Resettlement plan ≤5 working days": a limit includes its last day.
describe('due and late, given today', () => {
  it.each<[string, string | null, string, ClockStatus]>([
    ['open before its due date', null, '2026-12-09', 'due'],
    ['open on its due date (the last day is still in time)', null, '2026-12-10', 'due'],
    ['open the day after its due date', null, '2026-12-11', 'late'],
    ['done on its due date', '2026-12-10', '2026-12-20', 'done'],
    ['done before its due date', '2026-12-08', '2026-12-20', 'done'],
    ['done the day after its due date', '2026-12-11', '2026-12-20', 'done_late'],
  ])('%s', (_label, doneOn, today, status) => {
    expect(clockStatus({ due: d('2026-12-10'), doneOn: doneOn ? d(doneOn) : null, today: d(today) })).toBe(status)
  })
})
