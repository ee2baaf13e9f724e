import type { LocalDate } from '@js-joda/core'
import type { AlgorithmId, ExplanationLine } from './explanation.ts'

/** OASys criminogenic need sections read by tier v2, with their weights in `needs-points.ts` (§9.1). */
export const NEEDS = [
  'ACCOMMODATION',
  'EDUCATION_TRAINING_AND_EMPLOYABILITY',
  'RELATIONSHIPS',
  'LIFESTYLE_AND_ASSOCIATES',
  'DRUG_MISUSE',
  'ALCOHOL_MISUSE',
  'THINKING_AND_BEHAVIOUR',
  'ATTITUDES',
  'FINANCIAL_MANAGEMENT_AND_INCOME',
  'EMOTIONAL_WELL_BEING',
] as const
export type Need = (typeof NEEDS)[number]

export const NEED_SEVERITIES = ['NO_NEED', 'STANDARD', 'SEVERE'] as const
export type NeedSeverity = (typeof NEED_SEVERITIES)[number]

/**
 * A Delius registration (register entry). `code` is the register type code (e.g. `MAPP`, `RVHR`, `RCPR`,
 * `IIOM`, `PRC`, `HREG`); `level` is the MAPPA level (`M1`–`M3`) on `MAPP` registrations; `date` is the
 * registration date, used to pick the latest RoSH and MAPPA entry (missing → 2021-02-01, per the vectors).
 */
export interface Registration {
  code: string
  level?: string | null
  date?: LocalDate | null
}

/** A sentence requirement on a conviction: Delius main category code (e.g. `W` unpaid work) and restrictiveness. */
export interface Requirement {
  mainCategoryTypeCode: string
  restrictive: boolean
}

/** A Delius conviction (event): `sentenceCode` NC/SC are custodial; `terminated` true means not current. */
export interface Conviction {
  sentenceCode: string
  terminated: boolean
  requirements: Requirement[]
}

/** The OASys answers the women's additional factors read (§9.1): 11.2, 11.4 (0–2) and 6.9 (YES/NO). */
export interface WomenFactors {
  IMPULSIVITY?: number | null
  TEMPER_CONTROL?: number | null
  PARENTING_RESPONSIBILITIES?: 'YES' | 'NO' | null
}

/** The latest valid OASys assessment: need severities per section (absent/null = not assessed) and women's factors. */
export interface Assessment {
  needs: Partial<Record<Need, NeedSeverity | null>>
  womenFactors: WomenFactors
}

/**
 * Everything tier v2 reads about a person (§9.1).
 *
 * @example
 * const inputs: TierV2Inputs = {
 *   gender: 'Male',
 *   rsr: 7.2,
 *   ogrs: 59,
 *   registrations: [{ code: 'MAPP', level: 'M2', date: LocalDate.parse('2025-01-10') }],
 *   convictions: [{ sentenceCode: 'SC', terminated: false, requirements: [] }],
 *   previousEnforcementActivity: false,
 *   assessment: { needs: { ACCOMMODATION: 'SEVERE' }, womenFactors: {} },
 * }
 */
export interface TierV2Inputs {
  /** Delius gender; only `Female` (any case) turns on the women's additional factors. */
  gender: string
  /** Delius RSR percentage; null = no score, treated as 0. */
  rsr: number | null
  /** Delius OGRS (OGRS3 2-year %), whole number 0–100; null = no score, treated as 0. */
  ogrs: number | null
  registrations: Registration[]
  convictions: Conviction[]
  /** Delius "previous enforcement activity" (breach or recall) flag. */
  previousEnforcementActivity: boolean
  /** null = no valid OASys assessment. */
  assessment: Assessment | null
}

export type ProtectLevel = 'A' | 'B' | 'C' | 'D'
export type ChangeLevel = 0 | 1 | 2 | 3

/** A tier v2 result: both axes, the combined score and the explanation of every contribution. */
export interface TierV2Result {
  algorithm: AlgorithmId
  calculationDate: string
  protectPoints: number
  protectLevel: ProtectLevel
  changePoints: number
  changeLevel: ChangeLevel
  mandateForChange: boolean
  /** A `PRC` (unsupervised / two-thirds) registration exists: the tier score carries an `S` suffix. */
  unsupervised: boolean
  /** e.g. `B2`, `A0`, `B2S`. */
  tierScore: string
  explanation: ExplanationLine[]
}
