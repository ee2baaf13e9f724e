/**
 * Actuarial risk predictors (spec: docs `risk-and-tier.md` §2–§7): OGRS3, OGP, OVP, SNSV, OSP/DC, OSP/IIC, RSR.
 * Pure functions of typed inputs; each returns its scores, band, algorithm/version and an explanation.
 */
export { ValidationError, type FieldError } from './validation-error.ts'
export type { AlgorithmVersion, BandExplanation, BandThreshold, Explanation, Outcome, Term } from './explanation.ts'
export type { Gender, PreviousConviction, RiskInputs, Score012, SupervisionStatus } from './types.ts'
export { PREVIOUS_CONVICTIONS } from './types.ts'
export {
  ageOn,
  completedMonths,
  logistic,
  offenceFreeMonths,
  oasysIntegerPercent,
  percent2dp,
  roundHalfUp,
} from './maths.ts'
export type { CoefficientSet } from './coefficients.ts'
export { ogrs3AgeGenderParameter, ogrs3OffenceParameter } from './coefficients.ts'
export {
  NEED_DETAILS_OF_EXACT_OFFENCE_MESSAGE,
  OGRS3_CATEGORIES,
  SNSV_CATEGORIES,
  VATP_CATEGORIES,
  knownOffenceCodes,
  lookupOffenceCode,
  type OffenceCodeCategories,
} from './offence-codes.ts'
export {
  OGRS3_BANDS,
  OGRS3_VERSION,
  calculateOgrs3,
  ogrs3Band,
  ogrs3Probability,
  type Ogrs3Options,
  type Ogrs3Result,
} from './ogrs3.ts'
export { OGP_BANDS, OGP_VERSION, calculateOgp, ogpBand, type OgpResult } from './ogp.ts'
export {
  OVP_BANDS,
  OVP_VERSION,
  calculateOvp,
  ovpAgePoints,
  ovpBand,
  ovpNonViolentPoints,
  ovpViolentPoints,
  type OvpResult,
} from './ovp.ts'
export {
  SNSV_DYNAMIC_FIELDS,
  SNSV_VERSION,
  calculateSnsv,
  missingSnsvDynamicItems,
  type ScoreType,
  type SnsvResult,
} from './snsv.ts'
export {
  FEMALE_SEXUAL_OFFENDER_PROBABILITY,
  OSP_DC_BANDS,
  OSP_DC_VERSION,
  calculateOspDc,
  ospDcAgePoints,
  ospDcBand,
  ospDcContactAdultPoints,
  ospDcContactChildPoints,
  ospDcLastSexualSanctionAgePoints,
  ospDcNonContactPoints,
  ospDcPreviousSanctionPoints,
  ospDcProbability,
  ospDcStrangerPoints,
  type OspDcResult,
} from './osp-dc.ts'
export {
  OSP_IIC_HIERARCHY,
  OSP_IIC_VERSION,
  calculateOspIic,
  ospIicRule,
  type OspIicResult,
  type OspIicRule,
} from './osp-iic.ts'
export {
  RSR_BANDS,
  RSR_VERSION,
  calculateRsr,
  combineRsr,
  rsrBand,
  type RsrCombination,
  type RsrResult,
} from './rsr.ts'
export { riskInputsFromJson, type FollowupPreference } from './json-inputs.ts'
export {
  PREDICTORS,
  answerPredictorRequest,
  scoreRequest,
  scoreRequests,
  type PredictorAnswer,
  type PredictorName,
  type PredictorRequest,
  type PredictorResponse,
} from './requests.ts'
export {
  RESTRICTIVE_REQUIREMENTS,
  UNPAID_WORK,
  currentEvent,
  isCurrentSentence,
  recordedSentenceType,
  riskInputsFromRecord,
  type FromRecord,
  type RecordedEvent,
  type RecordedRiskInputs,
  type RecordedSentence,
  type RecordedSentenceType,
} from './record-inputs.ts'
