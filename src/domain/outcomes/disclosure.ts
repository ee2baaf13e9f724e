/**
 * Statistical disclosure control for the open outcomes dashboard (issue 19 item 4; rules-and-outcomes.md §1 and
 * §4.1): published figures must not let anyone pick out a person.
 * - any count below {@link MIN_COUNT} is shown as "fewer than 10", never the number;
 * - a count that would let a suppressed count be worked out is suppressed too: when a cohort's reoffenders are
 *   suppressed its non-reoffenders are not shown (cohort − reoffenders would give them back), and the other way round;
 * - rates (and frequencies) are not published for cohorts under {@link MIN_RATE_BASE}.
 */

export const MIN_COUNT = 10
export const MIN_RATE_BASE = 30
export const FEWER_THAN = `fewer than ${MIN_COUNT}`
export const RATE_NOT_PUBLISHED = `not published: cohort under ${MIN_RATE_BASE}`
export const RATE_WOULD_REVEAL = `not published: would reveal a count under ${MIN_COUNT}`

/** A count as published: the number, or suppressed. */
export type PublishedCount = { readonly shown: true; readonly value: number } | { readonly shown: false }
/** A rate as published: the value, or not published because its base is too small. */
export type PublishedRate =
  { readonly shown: true; readonly value: number } | { readonly shown: false; readonly reason: string }

/**
 * A count as it may be published.
 *
 * @example
 * publishCount(12) // { shown: true, value: 12 }
 * publishCount(9) // { shown: false }
 * publishCount(0) // { shown: false } (zero is a count below 10 as well)
 */
export function publishCount(n: number): PublishedCount {
  return n >= MIN_COUNT ? { shown: true, value: n } : { shown: false }
}

/**
 * A rate as it may be published, given the size of the group it is a rate of.
 *
 * @example
 * publishRate(0.25, 40) // { shown: true, value: 0.25 }
 * publishRate(0.25, 29) // { shown: false, reason: 'not published: cohort under 30' }
 */
export function publishRate(value: number, base: number): PublishedRate {
  return base >= MIN_RATE_BASE ? { shown: true, value } : { shown: false, reason: RATE_NOT_PUBLISHED }
}

export interface SplitFigures {
  readonly total: PublishedCount
  readonly part: PublishedCount
  readonly rest: PublishedCount
}

/**
 * A total split into a part and the rest (a cohort into reoffenders and non-reoffenders; cases into met and missed),
 * published so that no suppressed figure can be worked out from the others: when the part or the rest is
 * suppressed, so is the other (the total is still shown when it is 10 or more).
 *
 * @example
 * publishSplit(40, 12) // total 40, part 12, rest 28
 * publishSplit(40, 4) // total 40, part and rest suppressed (40 − 36 would give the 4 back)
 * publishSplit(8, 0) // all suppressed
 */
export function publishSplit(total: number, part: number): SplitFigures {
  const partShown = publishCount(part)
  const restShown = publishCount(total - part)
  const both = partShown.shown && restShown.shown
  return {
    total: publishCount(total),
    part: both ? partShown : { shown: false },
    rest: both ? restShown : { shown: false },
  }
}

/**
 * The words for a published count.
 *
 * @example
 * countText(publishCount(12)) // '12'
 * countText(publishCount(3)) // 'fewer than 10'
 */
export function countText(c: PublishedCount): string {
  return c.shown ? String(c.value) : FEWER_THAN
}

/**
 * The words for a published rate: the fraction as a percentage to one decimal place, or why it is not published.
 *
 * @example
 * rateText(publishRate(0.3125, 40)) // '31.3%'
 * rateText(publishRate(0.3125, 20)) // 'not published: cohort under 30'
 */
export function rateText(r: PublishedRate): string {
  return r.shown ? `${(r.value * 100).toFixed(1)}%` : r.reason
}

export interface PublishedShare extends SplitFigures {
  /** part ÷ total, shown only when the total is 30 or more and the part and the rest are both shown. */
  readonly share: PublishedRate
}

/**
 * A share of a total (the cases whose service level was met), published so that the share cannot give back a
 * suppressed count: no share for a total under 30, nor when the part or the rest is under 10 (share × total would
 * give it back).
 *
 * @example
 * publishShare(40, 30).share // { shown: true, value: 0.75 }
 * publishShare(40, 35).share // { shown: false, reason: 'not published: would reveal a count under 10' }
 * publishShare(20, 10).share // { shown: false, reason: 'not published: cohort under 30' }
 */
export function publishShare(total: number, part: number): PublishedShare {
  const split = publishSplit(total, part)
  const value = total === 0 ? 0 : Math.round((part / total) * 10_000) / 10_000
  const rate = publishRate(value, total)
  const share: PublishedRate = !rate.shown || split.part.shown ? rate : { shown: false, reason: RATE_WOULD_REVEAL }
  return { ...split, share }
}

export interface CohortCounts {
  readonly cohortSize: number
  readonly reoffenders: number
  readonly reoffences: number
  readonly binaryRate: number
  readonly frequencyPerReoffender: number
  readonly frequencyPerOffender: number
}

export interface PublishedCohort {
  readonly cohortSize: PublishedCount
  readonly reoffenders: PublishedCount
  readonly nonReoffenders: PublishedCount
  readonly reoffences: PublishedCount
  readonly binaryRate: PublishedRate
  readonly frequencyPerReoffender: PublishedRate
  readonly frequencyPerOffender: PublishedRate
}

/**
 * A proven reoffending cohort's figures as they may be published: counts under 10 suppressed (reoffenders and
 * non-reoffenders together), no rate for a cohort under 30, and no rate that would give a suppressed count back
 * (the binary rate × the cohort gives the reoffenders; a frequency × its base gives the reoffences).
 *
 * @example
 * publishCohort({ cohortSize: 40, reoffenders: 12, reoffences: 20, binaryRate: 0.3, frequencyPerReoffender: 1.6667,
 *   frequencyPerOffender: 0.5 }).binaryRate // { shown: true, value: 0.3 }
 */
export function publishCohort(c: CohortCounts): PublishedCohort {
  const split = publishSplit(c.cohortSize, c.reoffenders)
  const reoffences = publishCount(c.reoffences)
  const base = publishRate(0, c.cohortSize)
  const guarded = (value: number, countsShown: boolean): PublishedRate =>
    !base.shown ? base : countsShown ? { shown: true, value } : { shown: false, reason: RATE_WOULD_REVEAL }
  return {
    cohortSize: split.total,
    reoffenders: split.part,
    nonReoffenders: split.rest,
    reoffences,
    binaryRate: guarded(c.binaryRate, split.part.shown),
    frequencyPerReoffender: guarded(c.frequencyPerReoffender, split.part.shown && reoffences.shown),
    frequencyPerOffender: guarded(c.frequencyPerOffender, reoffences.shown),
  }
}
