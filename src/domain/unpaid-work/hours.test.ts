import { describe, expect, it } from 'vitest'
import { aggregateHours, currentRecords, hoursText, orderHours, type CreditRecord } from './index.ts'

/** rules-and-outcomes.md §2.1 "Hours" and "ETE": credited from the current records only; 20% ETE; 300 in aggregate. */

const rec = (id: number, minutesCredited: number, o: Partial<CreditRecord> = {}): CreditRecord => ({
  id,
  replacesId: null,
  minutesCredited,
  ete: false,
  ...o,
})

describe('currentRecords', () => {
  it.each([
    ['no records', [], []],
    ['one record', [rec(1, 60)], [1]],
    ['a correction replaces the original', [rec(1, 60), rec(2, 90, { replacesId: 1 })], [2]],
    ['a correction of a correction', [rec(1, 60), rec(2, 90, { replacesId: 1 }), rec(3, 30, { replacesId: 2 })], [3]],
    ['two sessions, one corrected', [rec(1, 60), rec(2, 120), rec(3, 0, { replacesId: 2 })], [1, 3]],
  ])('%s', (_label, records, ids) => {
    expect(currentRecords(records).map(r => r.id)).toEqual(ids)
  })
})

describe('orderHours', () => {
  it.each([
    ['nothing worked', 100, [], 0.2, { credited: 0, remaining: 6000, ete: 0, eteAllowance: 1200 }],
    ['7 hours worked', 100, [rec(1, 420)], 0.2, { credited: 420, remaining: 5580, ete: 0, eteAllowance: 1200 }],
    [
      'a corrected record counts once',
      40,
      [rec(1, 420), rec(2, 300, { replacesId: 1 })],
      0.2,
      { credited: 300, remaining: 2100, ete: 0, eteAllowance: 480 },
    ],
    [
      'ETE minutes counted apart',
      40,
      [rec(1, 420, { ete: true }), rec(2, 60)],
      0.2,
      { credited: 480, remaining: 1920, ete: 420, eteAllowance: 480 },
    ],
    [
      'remaining never below 0',
      40,
      [rec(1, 2040), rec(2, 600)],
      0.2,
      { credited: 2640, remaining: 0, ete: 0, eteAllowance: 480 },
    ],
    ['another ETE proportion', 75, [], 0.1, { credited: 0, remaining: 4500, ete: 0, eteAllowance: 450 }],
  ])('%s', (_label, ordered, records, proportion, want) => {
    const h = orderHours(ordered, records, proportion)
    expect(h).toEqual({
      orderedMinutes: ordered * 60,
      creditedMinutes: want.credited,
      remainingMinutes: want.remaining,
      eteCreditedMinutes: want.ete,
      eteAllowanceMinutes: want.eteAllowance,
    })
  })

  it('uses 20% when no proportion is given', () => {
    expect(orderHours(150, []).eteAllowanceMinutes).toBe(1800)
  })
})

describe('aggregateHours', () => {
  it.each([
    [[], 0, false],
    [[300], 300, false],
    [[200, 100], 300, false],
    [[200, 120], 320, true],
    [[40, 40, 40, 200], 320, true],
  ])('%j → %i hours, over: %s', (orders, total, over) => {
    expect(aggregateHours(orders)).toEqual({ totalHours: total, limitHours: 300, overLimit: over })
  })
})

describe('hoursText', () => {
  it.each([
    [0, '0 hours'],
    [1, '1 minute'],
    [30, '30 minutes'],
    [60, '1 hour'],
    [61, '1 hour 1 minute'],
    [750, '12 hours 30 minutes'],
    [18000, '300 hours'],
  ])('%i minutes → %s', (minutes, text) => {
    expect(hoursText(minutes)).toBe(text)
  })
})
