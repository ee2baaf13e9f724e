import { LocalDate } from '@js-joda/core'
import { describe, expect, it } from 'vitest'
import { isInPreReleaseWindow, preReleaseWindow } from './index.ts'

const d = (s: string) => LocalDate.parse(s)

// rules-and-outcomes.md §1.4 "TTG scope": all prisoners get help in the last 12 weeks of sentence, from the key dates
// the release-date engine stored (release-dates.md).
describe('the pre-release window: the last 12 weeks before release', () => {
  it('opens 12 weeks (84 days) before the conditional release date and closes on it', () => {
    const w = preReleaseWindow({ CRD: '2027-03-26', SLED: '2028-03-26' })!
    expect([w.opens.toString(), w.closes.toString(), w.earliestKey, w.closesKey]).toEqual([
      '2027-01-01',
      '2027-03-26',
      'CRD',
      'CRD',
    ])
  })
  it('uses the automatic release date when there is no CRD', () => {
    const w = preReleaseWindow({ ARD: '2027-03-26' })!
    expect([w.opens.toString(), w.closesKey]).toEqual(['2027-01-01', 'ARD'])
  })
  it('opens 12 weeks before home detention curfew eligibility when it applies, and still closes on the CRD', () => {
    const w = preReleaseWindow({ CRD: '2027-03-26', HDCED: '2027-02-01' })!
    expect([w.opens.toString(), w.earliestRelease.toString(), w.earliestKey, w.closes.toString()]).toEqual([
      '2026-11-09',
      '2027-02-01',
      'HDCED',
      '2027-03-26',
    ])
  })
  it('uses the parole eligibility date where one is stored and there is no CRD or ARD', () => {
    const w = preReleaseWindow({ PED: '2027-06-01', SLED: '2030-01-01' })!
    expect([w.opens.toString(), w.closes.toString(), w.closesKey]).toEqual(['2027-03-09', '2027-06-01', 'PED'])
  })
  it('ignores an HDCED after the CRD (the CRD comes first)', () => {
    expect(preReleaseWindow({ CRD: '2027-03-26', HDCED: '2027-04-01' })!.earliestKey).toBe('CRD')
  })
  it('is absent when no release date is stored (the calculation was refused, say)', () => {
    expect(preReleaseWindow({ SLED: '2028-01-01' })).toBeNull()
    expect(preReleaseWindow({})).toBeNull()
  })
  it.each([
    ['the day before it opens', '2026-12-31', false],
    ['the day it opens', '2027-01-01', true],
    ['release day', '2027-03-26', true],
    ['the day after release', '2027-03-27', false],
  ])('on %s, inside is %s', (_label, today, inside) => {
    expect(isInPreReleaseWindow(preReleaseWindow({ CRD: '2027-03-26' }), d(today))).toBe(inside)
  })
  it('is never inside when there is no window', () => {
    expect(isInPreReleaseWindow(null, d('2027-01-01'))).toBe(false)
  })
})
