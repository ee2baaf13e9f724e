import { describe, expect, it } from 'vitest'
import {
  FEWER_THAN,
  MIN_COUNT,
  MIN_RATE_BASE,
  countText,
  publishCount,
  publishRate,
  publishSplit,
  publishShare,
  publishCohort,
  rateText,
  RATE_NOT_PUBLISHED,
  RATE_WOULD_REVEAL,
} from './disclosure.ts'

describe('publishCount: counts below 10 are never shown', () => {
  it.each([
    [0, false],
    [1, false],
    [MIN_COUNT - 1, false],
    [MIN_COUNT, true],
    [MIN_COUNT + 1, true],
    [250, true],
  ])('%i shown: %s', (n, shown) => {
    const published = publishCount(n)
    expect(published.shown).toBe(shown)
    expect(countText(published)).toBe(shown ? String(n) : FEWER_THAN)
  })

  it('says "fewer than 10" rather than the number', () => {
    expect(countText(publishCount(7))).toBe('fewer than 10')
  })
})

describe('publishRate: no rate for a cohort under 30', () => {
  it.each([
    [0, false],
    [MIN_RATE_BASE - 1, false],
    [MIN_RATE_BASE, true],
    [1000, true],
  ])('base %i shown: %s', (base, shown) => {
    const published = publishRate(0.3125, base)
    expect(published.shown).toBe(shown)
    if (published.shown) expect(published.value).toBe(0.3125)
  })
})

describe('publishSplit: a suppressed part cannot be worked out from the total', () => {
  it.each([
    // total, part, total shown, part shown, rest shown
    [40, 12, true, true, true],
    [40, 4, true, false, false],
    [40, 35, true, false, false],
    [20, 10, true, true, true],
    [19, 10, true, false, false],
    [8, 0, false, false, false],
    [0, 0, false, false, false],
  ])('total %i, part %i', (total, part, totalShown, partShown, restShown) => {
    const s = publishSplit(total, part)
    expect(s.total.shown).toBe(totalShown)
    expect(s.part.shown).toBe(partShown)
    expect(s.rest.shown).toBe(restShown)
    if (s.part.shown && s.rest.shown) expect(s.part.value + s.rest.value).toBe(total)
  })

  it('never shows exactly one of the part and the rest beside a shown total', () => {
    for (let total = 0; total <= 60; total++)
      for (let part = 0; part <= total; part++) {
        const s = publishSplit(total, part)
        if (s.total.shown) expect(s.part.shown).toBe(s.rest.shown)
      }
  })
})

describe('publishShare and publishCohort: no rate gives a suppressed count back', () => {
  it('shows a share only for a total of 30 or more with both parts shown', () => {
    expect(publishShare(40, 30).share).toEqual({ shown: true, value: 0.75 })
    expect(publishShare(40, 35).share).toEqual({ shown: false, reason: RATE_WOULD_REVEAL })
    expect(publishShare(20, 10).share).toEqual({ shown: false, reason: RATE_NOT_PUBLISHED })
    expect(rateText(publishShare(40, 30).share)).toBe('75.0%')
  })

  const cohort = (cohortSize: number, reoffenders: number, reoffences: number) => ({
    cohortSize,
    reoffenders,
    reoffences,
    binaryRate: reoffenders / cohortSize,
    frequencyPerReoffender: reoffenders ? reoffences / reoffenders : 0,
    frequencyPerOffender: reoffences / cohortSize,
  })

  it('publishes a large cohort in full', () => {
    const c = cohort(40, 12, 20)
    const p = publishCohort(c)
    expect(p.cohortSize).toEqual({ shown: true, value: 40 })
    expect(p.reoffenders).toEqual({ shown: true, value: 12 })
    expect(p.nonReoffenders).toEqual({ shown: true, value: 28 })
    expect(p.binaryRate).toEqual({ shown: true, value: c.binaryRate })
    expect(p.frequencyPerReoffender).toEqual({ shown: true, value: c.frequencyPerReoffender })
    expect(p.frequencyPerOffender).toEqual({ shown: true, value: c.frequencyPerOffender })
  })

  it('gives no rates for a cohort under 30, whatever its counts', () => {
    const p = publishCohort(cohort(MIN_RATE_BASE - 1, 12, 15))
    for (const r of [p.binaryRate, p.frequencyPerReoffender, p.frequencyPerOffender])
      expect(rateText(r)).toBe('not published: cohort under 30')
  })

  it('withholds the rates that would give back a suppressed count', () => {
    const few = publishCohort(cohort(50, 4, 6))
    expect(few.cohortSize.shown).toBe(true)
    expect(few.reoffenders.shown).toBe(false)
    expect(few.nonReoffenders.shown).toBe(false)
    expect(few.reoffences.shown).toBe(false)
    expect(few.binaryRate).toEqual({ shown: false, reason: RATE_WOULD_REVEAL })
    expect(few.frequencyPerOffender).toEqual({ shown: false, reason: RATE_WOULD_REVEAL })
    const fewNonReoffenders = publishCohort(cohort(45, 40, 60))
    expect(fewNonReoffenders.reoffenders.shown).toBe(false)
    expect(fewNonReoffenders.binaryRate).toEqual({ shown: false, reason: RATE_WOULD_REVEAL })
    expect(fewNonReoffenders.frequencyPerOffender.shown).toBe(true)
  })
})
