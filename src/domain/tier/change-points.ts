import type { ChangeLevel, Need, NeedSeverity } from './tier-v2-types.ts'

/** Weight of each OASys need section on the change axis (§9.1). Financial and emotional wellbeing carry 0. */
export const NEED_WEIGHTS: Readonly<Record<Need, number>> = {
  ACCOMMODATION: 1,
  EDUCATION_TRAINING_AND_EMPLOYABILITY: 1,
  RELATIONSHIPS: 1,
  LIFESTYLE_AND_ASSOCIATES: 1,
  DRUG_MISUSE: 1,
  ALCOHOL_MISUSE: 1,
  THINKING_AND_BEHAVIOUR: 2,
  ATTITUDES: 2,
  FINANCIAL_MANAGEMENT_AND_INCOME: 0,
  EMOTIONAL_WELL_BEING: 0,
}

/** Severity multiplier (§9.1). */
export const SEVERITY_SCORES: Readonly<Record<NeedSeverity, number>> = { NO_NEED: 0, STANDARD: 1, SEVERE: 2 }

/**
 * Change points for one need: weight × severity (§9.1).
 *
 * @example
 * needPoints('THINKING_AND_BEHAVIOUR', 'SEVERE') // 4
 */
export function needPoints(need: Need, severity: NeedSeverity): number {
  return NEED_WEIGHTS[need] * SEVERITY_SCORES[severity]
}

/**
 * OGRS change points: ⌊OGRS% / 10⌋ (§9.1), so 59 → 5 and 100 → 10.
 *
 * @example
 * ogrsPoints(59) // 5
 */
export function ogrsPoints(ogrs: number): number {
  return Math.floor(ogrs / 10)
}

/** IOM nominal (`IIOM` registration) change points (§9.1). */
export const IOM_POINTS = 2

/**
 * Change level from change points, when there is a mandate and a valid assessment (§9.1): ≥ 20 → 3, 10–19 → 2,
 * below 10 → 1.
 *
 * @example
 * changeLevelFor(19) // 2
 */
export function changeLevelFor(points: number): ChangeLevel {
  if (points >= 20) return 3
  if (points >= 10) return 2
  return 1
}
