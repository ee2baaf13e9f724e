import { describe, expect, it } from 'vitest'
import { capacityPoints, casePoints } from './workload.ts'
import {
  capacityWith,
  casePointsWith,
  DEFAULT_WORKLOAD_SETTINGS as D,
  settingsFrom,
  workloadWith,
} from './workload-settings.ts'

describe('workload settings as data', () => {
  it.each([
    ['A3', 'community'],
    ['B2', 'licence'],
    ['C0', 'custody'],
    ['D1S', 'licence'],
    [null, 'community'],
  ] as const)('the default weighs %s %s as the fixed weights do', (tier, type) => {
    expect(casePointsWith(D, tier, type)).toBe(casePoints(tier, type))
  })

  it('the default capacity is the fixed one, less reductions', () => {
    expect(capacityWith(D, 'PO', null, 0)).toBe(capacityPoints('PO', null))
    expect(capacityWith(D, 'PO', null, 7.5)).toBe(Math.round((37 - 7.5) * 65))
    expect(capacityWith(D, 'PO', null, 40)).toBe(0)
    expect(capacityWith(D, 'ADMIN', null, 0)).toBe(0)
  })

  it('a stored row overrides what it sets and keeps the default for the rest', () => {
    const s = settingsFrom({ tierPoints: { A: 100 }, alertPercent: 120, pointsPerHour: { PO: 'x' } })
    expect(s.tierPoints).toEqual({ ...D.tierPoints, A: 100 })
    expect(s.alertPercent).toBe(120)
    expect(s.pointsPerHour.PO).toBe(D.pointsPerHour.PO)
    expect(casePointsWith(s, 'A2', 'community')).toBe(100 + 2 * D.changeLevelPoints)
    expect(settingsFrom(null)).toEqual(D)
  })

  it('alerts above the threshold only', () => {
    const cases = Array.from({ length: 10 }, () => ({ tier: 'B2', caseType: 'community' as const }))
    const points = 10 * casePoints('B2', 'community')
    // Hours chosen so points are exactly 110 % of capacity (no alert), then just above it.
    const at110 = workloadWith({ ...D, pointsPerHour: { PO: points / 1.1 } }, cases, 'PO', 1, 0)
    expect([at110.percent, at110.alert]).toEqual([110, false])
    const over = workloadWith({ ...D, pointsPerHour: { PO: points / 1.11 } }, cases, 'PO', 1, 0)
    expect(over.alert).toBe(true)
  })
})
