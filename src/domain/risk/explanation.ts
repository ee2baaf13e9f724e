/** Which algorithm produced a score and which rule set, so a stored score can be replayed exactly. */
export interface AlgorithmVersion {
  algorithm: string
  version: string
}

/** One contribution to a score: the input it came from, how it was weighted and what it added. */
export interface Term {
  /** Stable id, e.g. `ageGender`, `copas`, `S9Q1`. */
  id: string
  /** Plain-English label for a practitioner. */
  label: string
  /** The value the rule was applied to (an age, a count, an OASys 0–2 answer…), null when not given. */
  value: number | string | boolean | null
  /** Coefficient or points weight applied, when the rule is a multiplication. */
  coefficient?: number
  /** What the term added to the linear score or points total. */
  contribution: number
  /** The rule in words, e.g. "age 25–29, male" or "3+ sanctions → 15". */
  rule?: string
}

/** One threshold of a banding scheme: the band applies from `from` (inclusive) up to `below` (exclusive). */
export interface BandThreshold {
  band: string
  from: number
  below: number | null
}

/** Why a band was given: the value banded, on what scale, and every threshold. */
export interface BandExplanation {
  band: string
  /** What is banded, e.g. "2-year %" or "points". */
  on: string
  value: number
  thresholds: BandThreshold[]
}

/** One probability horizon of a logistic model. */
export interface Outcome {
  /** e.g. "1-year", "2-year". */
  horizon: string
  /** Linear score including the horizon's intercept (the logit). */
  linearScore: number
  probability: number
  /** Reported percentage after the predictor's rounding and clamping. */
  percent: number
}

/**
 * Everything a practitioner needs to see why a score came out as it did and what would change it.
 * Every predictor in this module returns one.
 */
export interface Explanation extends AlgorithmVersion {
  /** The inputs the score was calculated from (dates as ISO strings), for storage and replay. */
  inputs: Record<string, unknown>
  /** Values derived from the inputs: ages, gaps, months, mapped offence categories. */
  derived: Record<string, number | string | boolean | null>
  /** Each component's contribution, in the order the spec lists them. */
  terms: Term[]
  /** Sum of the terms (logit before intercepts, or points total). */
  total: number
  outcomes: Outcome[]
  band: BandExplanation | null
  /** Rules applied that are not terms: caps, clamps, risk reduction, discrepancies followed. */
  notes: string[]
}

/**
 * Finds the band for a value from ascending thresholds.
 *
 * @example
 * bandFor(62, [{ band: 'LOW', from: 0, below: 50 }, { band: 'MEDIUM', from: 50, below: null }]) // 'MEDIUM'
 */
export function bandFor(value: number, thresholds: readonly BandThreshold[]): string {
  let band = thresholds[0].band
  for (const t of thresholds) if (value >= t.from) band = t.band
  return band
}

/**
 * Builds a band explanation for a value.
 *
 * @example
 * explainBand(62, '2-year %', thresholds).band // 'MEDIUM'
 */
export function explainBand(value: number, on: string, thresholds: readonly BandThreshold[]): BandExplanation {
  return { band: bandFor(value, thresholds), on, value, thresholds: thresholds.map(t => ({ ...t })) }
}
