import type { Explanation } from '../explanation.ts'
import type { FieldError } from '../validation-error.ts'
import type { RiskInputs } from '../types.ts'

/** OASys 6.8 "current relationship status" as the reference service names it (risk-and-tier.md §7.1, LIVE_IN). */
export type CurrentRelationshipStatus =
  'IN_RELATIONSHIP_LIVING_TOGETHER' | 'IN_RELATIONSHIP_NOT_LIVING_TOGETHER' | 'NOT_IN_RELATIONSHIP'

export const RELATIONSHIP_STATUSES: readonly CurrentRelationshipStatus[] = [
  'IN_RELATIONSHIP_LIVING_TOGETHER',
  'IN_RELATIONSHIP_NOT_LIVING_TOGETHER',
  'NOT_IN_RELATIONSHIP',
]

/** OASys 8.x drug-use flags the v4 dynamic models read (§7.1); not answered counts as "no use". */
export const DRUG_FIELDS = [
  'hasHeroinUsage',
  'hasMethadoneUsage',
  'hasOtherOpiateUsage',
  'hasCrackCocaineUsage',
  'hasPowderCocaineUsage',
  'hasMisusedPrescriptionDrugUsage',
  'hasBenzodiazepinesUsage',
  'hasCannabisUsage',
  'hasSteroidsUsage',
  'hasOtherDrugsUsage',
  'hasKetamineUsage',
  'hasSpiceUsage',
  'hasHallucinogensUsage',
  'hasSolventsUsage',
  'hasAmphetaminesUsage',
  'hasEcstasyUsage',
] as const
export type DrugField = (typeof DRUG_FIELDS)[number]

/**
 * Everything the v4 predictors read: the v1 {@link RiskInputs} (same reference-service field names) plus the
 * relationship status, the drug flags and, instead of an offence code, a v4 offence category.
 */
export interface V4Inputs extends RiskInputs, Partial<Record<DrugField, boolean | null>> {
  currentRelationshipStatus?: CurrentRelationshipStatus | null
  /** Instead of `currentOffenceCode`: one of the 24 v4 categories (e.g. `THEFT_NON_MOTOR`). */
  v4OffenceCategory?: string | null
}

/** A non-blocking problem, shaped as the reference service reports it (`MISSING_DYNAMIC_INPUT` + fields). */
export interface V4Warning {
  type: string
  fields: string[]
}

/** What every v4 predictor returns: algorithm and version, score (percent, 2 dp), band and explanation. */
export interface V4Result {
  algorithm: string
  version: string
  scoreType: 'STATIC' | 'DYNAMIC' | 'COMBINED'
  /** Unrounded probability (0–1). */
  probability: number
  /** Percentage, 2 dp half-up, clamped to [0, 99.99]. */
  score: number
  band: string
  warnings: V4Warning[]
  /** Each term's contribution keyed as the reference service names it (`twoYearInterceptWeight`, …). */
  featureValues: Record<string, number>
  explanation: Explanation
}

export type { FieldError }
