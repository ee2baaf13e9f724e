import {
  CASE_TYPE_FACTOR,
  CHANGE_STEP,
  FULL_TIME_HOURS,
  POINTS_PER_HOUR,
  PROTECT_BASE,
  UNSUPERVISED_FACTOR,
  UNTIERED_POINTS,
  type CaseType,
} from './workload.ts'

/**
 * Workload settings as data (issue 19 item 5): the points by tier letter and change level, the case type factors,
 * the points an hour buys per grade and the alert threshold. The default is `workload.ts`'s constants; a
 * `workload_settings` row effective on or before today overrides it (the latest wins), and a change is a new row,
 * never an update, so the history stays.
 */

export const TIER_LETTERS = ['A', 'B', 'C', 'D'] as const
export type TierLetter = (typeof TIER_LETTERS)[number]
export const CASE_TYPES: readonly CaseType[] = ['community', 'licence', 'custody']
export const GRADES = ['PO', 'PSO', 'SPO'] as const

export interface WorkloadSettings {
  /** Points for a community case by protect level (A highest) before the change level is added. */
  tierPoints: Record<TierLetter, number>
  /** Points each change level (0–3) adds. */
  changeLevelPoints: number
  caseTypeFactors: Record<CaseType, number>
  untieredPoints: number
  unsupervisedFactor: number
  /** Points each hour buys, by grade; a grade not listed holds no caseload. */
  pointsPerHour: Record<string, number>
  fullTimeHours: number
  /** A practitioner above this percentage of capacity is flagged. */
  alertPercent: number
}

/**
 * The settings before any change is recorded: `workload.ts`'s constants and a 110 % alert.
 *
 * @example
 * DEFAULT_WORKLOAD_SETTINGS.tierPoints.B // 55
 */
export const DEFAULT_WORKLOAD_SETTINGS: WorkloadSettings = {
  tierPoints: { A: PROTECT_BASE.A, B: PROTECT_BASE.B, C: PROTECT_BASE.C, D: PROTECT_BASE.D },
  changeLevelPoints: CHANGE_STEP,
  caseTypeFactors: { ...CASE_TYPE_FACTOR },
  untieredPoints: UNTIERED_POINTS,
  unsupervisedFactor: UNSUPERVISED_FACTOR,
  pointsPerHour: { ...POINTS_PER_HOUR },
  fullTimeHours: FULL_TIME_HOURS,
  alertPercent: 110,
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const numberOr = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

function numbersOver<K extends string>(base: Record<K, number>, stored: unknown): Record<K, number> {
  const out = { ...base }
  if (!isRecord(stored)) return out
  for (const key of Object.keys(base) as K[]) out[key] = numberOr(stored[key], base[key])
  return out
}

/**
 * A stored settings row read over the default: a value missing or not a number keeps the default.
 *
 * @example
 * settingsFrom({ alertPercent: 120 }).alertPercent // 120
 * settingsFrom({ alertPercent: 120 }).tierPoints.A // 80
 */
export function settingsFrom(stored: unknown): WorkloadSettings {
  const s = isRecord(stored) ? stored : {}
  const d = DEFAULT_WORKLOAD_SETTINGS
  return {
    tierPoints: numbersOver(d.tierPoints, s.tierPoints),
    changeLevelPoints: numberOr(s.changeLevelPoints, d.changeLevelPoints),
    caseTypeFactors: numbersOver(d.caseTypeFactors, s.caseTypeFactors),
    untieredPoints: numberOr(s.untieredPoints, d.untieredPoints),
    unsupervisedFactor: numberOr(s.unsupervisedFactor, d.unsupervisedFactor),
    pointsPerHour: numbersOver(d.pointsPerHour, s.pointsPerHour),
    fullTimeHours: numberOr(s.fullTimeHours, d.fullTimeHours),
    alertPercent: numberOr(s.alertPercent, d.alertPercent),
  }
}

const TIER = /^([A-D])([0-3])(S?)$/

/**
 * The points one case adds under these settings (the same rule as `casePoints`, with the weights as data).
 *
 * @example
 * casePointsWith(DEFAULT_WORKLOAD_SETTINGS, 'B2', 'licence') // 79, as casePoints('B2', 'licence')
 */
export function casePointsWith(settings: WorkloadSettings, tier: string | null, caseType: CaseType): number {
  const match = tier ? TIER.exec(tier) : null
  const community = match
    ? settings.tierPoints[match[1] as TierLetter] + settings.changeLevelPoints * Number(match[2])
    : settings.untieredPoints
  const unsupervised = match?.[3] === 'S' ? settings.unsupervisedFactor : 1
  return Math.round(community * settings.caseTypeFactors[caseType] * unsupervised)
}

/**
 * Capacity in points: (contracted hours, full time unless recorded, less the reductions in force) × points per hour
 * for the grade; never below 0.
 *
 * @example
 * capacityWith(DEFAULT_WORKLOAD_SETTINGS, 'PO', null, 7.5) // 1918 ((37 − 7.5) × 65)
 */
export function capacityWith(
  settings: WorkloadSettings,
  grade: string,
  contractedHours: number | null,
  reductionHours: number,
): number {
  const hours = Math.max(0, (contractedHours ?? settings.fullTimeHours) - reductionHours)
  return Math.round(hours * (settings.pointsPerHour[grade] ?? 0))
}

export interface PractitionerWorkload {
  cases: number
  points: number
  capacity: number
  hours: number
  /** Points as a whole percentage of capacity; null without capacity. */
  percent: number | null
  /** Over the alert threshold. */
  alert: boolean
}

/**
 * A practitioner's workload under these settings, with the alert above the threshold.
 *
 * @example
 * workloadWith(DEFAULT_WORKLOAD_SETTINGS, [{ tier: 'B2', caseType: 'community' }], 'PO', null, 0).points // 63
 */
export function workloadWith(
  settings: WorkloadSettings,
  cases: readonly { tier: string | null; caseType: CaseType }[],
  grade: string,
  contractedHours: number | null,
  reductionHours: number,
): PractitionerWorkload {
  const points = cases.reduce((sum, c) => sum + casePointsWith(settings, c.tier, c.caseType), 0)
  const capacity = capacityWith(settings, grade, contractedHours, reductionHours)
  const percent = capacity > 0 ? Math.round((points / capacity) * 100) : null
  return {
    cases: cases.length,
    points,
    capacity,
    hours: Math.max(0, (contractedHours ?? settings.fullTimeHours) - reductionHours),
    percent,
    alert: percent !== null && percent > settings.alertPercent,
  }
}
