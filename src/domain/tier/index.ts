/**
 * Case tiering: tier v2 (protect A–D × change 0–3) and tier v3 (A–G, provisional), as pure functions of their
 * inputs. Specification: shared/domain/risk-and-tier.md §9; see README.md in this folder.
 *
 * @example
 * import { calculateTierV2, calculateTierV3, runTierRequest, ValidationError } from './domain/tier/index.ts'
 */
export { TIER_V2_ALGORITHM, TIER_V3_ALGORITHM } from './algorithm.ts'
export type { AlgorithmId, ExplanationLine } from './explanation.ts'
export { ValidationError, type FieldError } from './validation-error.ts'

export { calculateTierV2 } from './tier-v2.ts'
export { parseTierV2Inputs } from './tier-v2-input.ts'
export {
  NEEDS,
  NEED_SEVERITIES,
  type Assessment,
  type ChangeLevel,
  type Conviction,
  type Need,
  type NeedSeverity,
  type ProtectLevel,
  type Registration,
  type Requirement,
  type TierV2Inputs,
  type TierV2Result,
  type WomenFactors,
} from './tier-v2-types.ts'
export { summariseRegistrations, type RegistrationSummary } from './registrations.ts'
export { mandateForChange } from './mandate-for-change.ts'
export { mappaPoints, protectLevelFor, roshPoints, rsrPoints } from './protect-points.ts'
export { changeLevelFor, needPoints, ogrsPoints } from './change-points.ts'
export { womenFactorPoints } from './women-factors.ts'

export { calculateTierV3 } from './tier-v3.ts'
export { parseTierV3Inputs } from './tier-v3-input.ts'
export {
  STEPS,
  TIERS,
  type DcSrpBand,
  type DcSrpScore,
  type PredictorScore,
  type RoshLevel,
  type ScoreType,
  type Step,
  type StepResults,
  type Tier,
  type TierV3Inputs,
  type TierV3Result,
} from './tier-v3-types.ts'
export { reoffendingTier } from './reoffending-table.ts'
export { provisionalStatus, type ProvisionalInputs } from './provisional-status.ts'
export { compareTiers, highestTier } from './tier-order.ts'

export {
  runTierRequest,
  answerTierRequest,
  runTierRequests,
  CALCULATIONS,
  type Calculation,
  type TierAnswer,
} from './tier-request.ts'
