import type { CaseStatus } from '../case-lifecycle/index.ts'

/**
 * Workload points: each case weighs according to its tier and whether it is a community, licence or custody case,
 * and a practitioner's capacity is the points their contracted hours allow.
 *
 * Shape: the Workload Measurement Tool as implemented by hmpps-workload (shared/domain/reference-systems.md §2.2
 * "Manage a workforce": per-tier points A3…D0 plus "S" variants for community / licence / custody cases, default
 * contracted hours and available points per grade; officer overview shows capacity %, points available/used).
 *
 * Values: the national weightings live in hmpps-workload's database and are NOT in the reference documents, so the
 * numbers below are Probity's own stated defaults, chosen so that a full-time probation officer at 100 % holds about
 * 50–60 average cases (HMIP caseloads bulletin 2021/02, reference-systems.md §4: "50–60 is the max manageable").
 * They are one table each so a region can replace them.
 */

export type CaseType = 'community' | 'licence' | 'custody'

/**
 * The workload case type a case weighs as, by its lifecycle status: in custody or recalled to it, a custody case; on
 * licence or post-sentence supervision, a licence case; anything else (before sentence, a community order), community.
 */
export const CASE_TYPE: Readonly<Record<CaseStatus, CaseType>> = {
  pre_sentence: 'community',
  awaiting_allocation: 'community',
  allocated: 'community',
  in_custody: 'custody',
  on_licence: 'licence',
  recalled: 'custody',
  on_pss: 'licence',
  ended: 'community',
}

/** Points for a community case by protect level (A highest) before the change level is added. */
export const PROTECT_BASE: Record<string, number> = { A: 80, B: 55, C: 40, D: 28 }
/** Each change level (0–3) adds this many points: more needs, more work. */
export const CHANGE_STEP = 4
/** Licence cases weigh more than community cases (release, licence conditions, recall); custody cases less. */
export const CASE_TYPE_FACTOR: Record<CaseType, number> = { community: 1, licence: 1.25, custody: 0.5 }
/** A case without a tier weighs as an average community case (C1). */
export const UNTIERED_POINTS = 44
/** "S" (unsupervised after the two-thirds point) cases need little contact. */
export const UNSUPERVISED_FACTOR = 0.25

const TIER = /^([A-D])([0-3])(S?)$/

/**
 * The points one case adds to a practitioner's workload.
 *
 * @example
 * casePoints('B2', 'community') // 63 (55 + 2 × 4)
 * casePoints('B2', 'licence')   // 79
 * casePoints(null, 'community') // 44
 */
export function casePoints(tier: string | null, caseType: CaseType): number {
  const match = tier ? TIER.exec(tier) : null
  const community = match ? PROTECT_BASE[match[1]] + CHANGE_STEP * Number(match[2]) : UNTIERED_POINTS
  const unsupervised = match?.[3] === 'S' ? UNSUPERVISED_FACTOR : 1
  return Math.round(community * CASE_TYPE_FACTOR[caseType] * unsupervised)
}

/** The grades that hold a caseload, and the points each full-time hour buys. */
export const POINTS_PER_HOUR: Record<string, number> = { PO: 65, PSO: 65, SPO: 20 }
/** Full-time contracted hours, the default when none is recorded. */
export const FULL_TIME_HOURS = 37

/**
 * A practitioner's capacity in points: contracted hours × points per hour for their grade. Grades that hold no
 * caseload (administrators, victim liaison …) have no capacity.
 *
 * @example
 * capacityPoints('PO', null) // 2405 (37 × 65)
 * capacityPoints('PSO', 18.5) // 1203
 */
export function capacityPoints(grade: string, contractedHours: number | null): number {
  const rate = POINTS_PER_HOUR[grade] ?? 0
  return Math.round((contractedHours ?? FULL_TIME_HOURS) * rate)
}

export interface Workload {
  cases: number
  points: number
  capacity: number
  /** Points used as a percentage of capacity (rounded); null without capacity. */
  percent: number | null
  /** Whether one more case of the given points fits under 100 %. */
  hasRoomFor: (points: number) => boolean
}

/**
 * Sums a practitioner's cases into their workload.
 *
 * @example
 * workloadOf([{ tier: 'B2', caseType: 'community' }], 'PO', null) // { cases: 1, points: 63, capacity: 2405, percent: 3 }
 */
export function workloadOf(
  cases: readonly { tier: string | null; caseType: CaseType }[],
  grade: string,
  contractedHours: number | null,
): Workload {
  const points = cases.reduce((sum, c) => sum + casePoints(c.tier, c.caseType), 0)
  const capacity = capacityPoints(grade, contractedHours)
  return {
    cases: cases.length,
    points,
    capacity,
    percent: capacity > 0 ? Math.round((points / capacity) * 100) : null,
    hasRoomFor: extra => capacity > 0 && points + extra <= capacity,
  }
}
