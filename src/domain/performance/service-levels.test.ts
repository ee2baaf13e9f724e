import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { deadlineAfter, figuresOf, lastFullQuarter, measureCase, SERVICE_LEVELS } from './index.ts'

const d = LocalDate.parse

describe('deadlineAfter: working days after the day the clock starts, skipping weekends and bank holidays', () => {
  it.each([
    ['a Monday sentence, 2 working days', '2026-03-02', 2, '2026-03-04'],
    ['a Friday sentence, 2 working days: Tuesday', '2026-03-06', 2, '2026-03-10'],
    ['a Saturday start, 1 working day: Monday', '2026-03-07', 1, '2026-03-09'],
    ['over Christmas and Boxing Day (substitute 28 December 2026)', '2026-12-24', 2, '2026-12-30'],
    ['over Easter 2026 (Good Friday 3 April, Easter Monday 6 April)', '2026-04-02', 1, '2026-04-07'],
    ['15 working days over the early May bank holiday 2026', '2026-04-27', 15, '2026-05-19'],
  ])('%s', (_, start, days, expected) => {
    expect(deadlineAfter(d(start), days).toString()).toBe(expected)
  })
})

describe('measureCase', () => {
  const deadline = d('2026-03-04')
  it.each([
    ['done on the deadline: met', '2026-03-04', '2026-04-01', 'met', 0],
    ['done before: met', '2026-03-02', '2026-04-01', 'met', 0],
    ['done two working days late: missed by 2', '2026-03-06', '2026-04-01', 'missed', 2],
    ['done late over a weekend: missed by 1', '2026-03-05', '2026-04-01', 'missed', 1],
    ['not done, deadline passed: missed until today', null, '2026-03-09', 'missed', 3],
    ['not done, not due yet: pending', null, '2026-03-04', 'pending', 0],
  ] as const)('%s', (_, done, asOf, status, late) => {
    const m = measureCase(deadline, done ? d(done) : null, d(asOf))
    expect([m.status, m.workingDaysLate]).toEqual([status, late])
  })
})

describe('figuresOf', () => {
  it('counts met of due, leaves pending out, and gives no percentage when nothing is due', () => {
    expect(figuresOf([{ status: 'met' }, { status: 'met' }, { status: 'missed' }, { status: 'pending' }])).toEqual({
      met: 2,
      due: 3,
      percent: 67,
    })
    expect(figuresOf([{ status: 'pending' }])).toEqual({ met: 0, due: 0, percent: null })
  })
})

describe('service levels', () => {
  it('has the published working days, and sentence plans are not measured', () => {
    const days = Object.fromEntries(SERVICE_LEVELS.map(l => [l.code, l.workingDays]))
    expect(days).toEqual({
      allocation: 2,
      'first-appointment': 5,
      'first-appointment-release': 1,
      'sentence-plan': 15,
      'unpaid-work': 7,
      breach: 8,
      'missed-appointment': 5,
      reports: null,
    })
    expect(SERVICE_LEVELS.filter(l => l.notMeasured).map(l => l.code)).toEqual(['sentence-plan'])
  })

  it.each([
    ['2026-12-07', '2026-07-01', '2026-09-30'],
    ['2026-01-01', '2025-10-01', '2025-12-31'],
    ['2026-04-01', '2026-01-01', '2026-03-31'],
  ])('the last full quarter before %s is %s to %s', (today, from, to) => {
    const q = lastFullQuarter(d(today))
    expect([q.from.toString(), q.to.toString()]).toEqual([from, to])
  })
})
