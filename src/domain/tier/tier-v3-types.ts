import type { LocalDate } from '@js-joda/core'
import type { AlgorithmId, ExplanationLine } from './explanation.ts'

/** v3 tiers, highest first. */
export const TIERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const
export type Tier = (typeof TIERS)[number]

export const ROSH_LEVELS = ['VERY_HIGH', 'HIGH', 'MEDIUM', 'LOW'] as const
export type RoshLevel = (typeof ROSH_LEVELS)[number]

export const SCORE_TYPES = ['STATIC', 'DYNAMIC'] as const
export type ScoreType = (typeof SCORE_TYPES)[number]

export const DC_SRP_BANDS = ['VERY_HIGH', 'HIGH', 'MEDIUM', 'LOW', 'NOT_APPLICABLE'] as const
export type DcSrpBand = (typeof DC_SRP_BANDS)[number]

/** An ARP or CSRP score (percentage 0–100) and whether it is the static or dynamic version (§7, §9.2). */
export interface PredictorScore {
  score: number
  type: ScoreType
}

/** DC-SRP (direct-contact sexual reoffending predictor): percentage and band; null/absent parts = not usable. */
export interface DcSrpScore {
  score: number | null
  band: DcSrpBand | null
}

/**
 * Everything tier v3 reads (§9.2), already reduced from Delius registrations and OASys predictors.
 *
 * @example
 * const inputs: TierV3Inputs = {
 *   hasActiveEvent: true, mappaPresent: false, rosh: 'HIGH', hasLiferIpp: false, latestReleaseDate: null,
 *   hasDomesticAbuse: true, hasStalking: false, hasChildProtection: false,
 *   arp: { score: 62.5, type: 'DYNAMIC' }, csrp: { score: 1.4, type: 'DYNAMIC' },
 *   dcSrp: null, everCommittedSexualOffence: false,
 * }
 */
export interface TierV3Inputs {
  /** Delius: the person has an active event (is under supervision). False → NOT_SUPERVISED. */
  hasActiveEvent: boolean
  /** Delius: an active MAPPA registration with a category. */
  mappaPresent: boolean
  /** Latest RoSH level; null = no RoSH recorded (makes the tier provisional unless another rule is decisive). */
  rosh: RoshLevel | null
  /** Delius: lifer or IPP registration (`INLL`). */
  hasLiferIpp: boolean
  /** Latest release from custody; must not be after the calculation date. */
  latestReleaseDate: LocalDate | null
  /** Delius: domestic abuse perpetrator registration (`ADVP` or `REG30`). */
  hasDomesticAbuse: boolean
  /** Delius: stalking protection order registration (`SPO`). */
  hasStalking: boolean
  /** Delius: child protection registration (`RCPR`). */
  hasChildProtection: boolean
  /** OASys ARP (all reoffending predictor, 2-year %); null = no score (tier MISSING). */
  arp: PredictorScore | null
  /** OASys CSRP (combined serious reoffending predictor, %); null = no score (tier MISSING). */
  csrp: PredictorScore | null
  dcSrp: DcSrpScore | null
  /** OASys: the person has ever committed a sexual offence. */
  everCommittedSexualOffence: boolean
}

/** The v3 calculation steps, named as hmpps-tier names them (§9.2). */
export const STEPS = [
  'REOFFENDING',
  'SEXUAL_REOFFENDING',
  'MAPPA_ROSH',
  'LIFER_IPP',
  'DOMESTIC_ABUSE',
  'STALKING',
  'CHILD_PROTECTION',
  'SEXUAL_OFFENCES',
] as const
export type Step = (typeof STEPS)[number]
export type StepResults = Partial<Record<Step, Tier | null>>

/** A tier v3 result. */
export interface TierV3Result {
  algorithm: AlgorithmId
  calculationDate: string
  tier: Tier | 'NOT_SUPERVISED' | 'MISSING'
  provisional: boolean
  /** The tier each step produced (null = step did not apply); empty when NOT_SUPERVISED or MISSING. */
  steps: StepResults
  explanation: ExplanationLine[]
}
