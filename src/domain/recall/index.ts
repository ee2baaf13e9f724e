/**
 * Recall from licence: fixed-term recall eligibility (each exclusion with its reason), the fixed term (14 or 28 days)
 * and the re-release date, the order of the recall decision workflow and who may countersign Part A. Pure: no I/O,
 * no clock. See README.md for the rules and their sources.
 */
export {
  FIXED_TERM_DAYS,
  fixedTermDays,
  fixedTermEligibility,
  fixedTermReRelease,
  RECALL_SOURCE,
  releaseKind,
  SHORT_SENTENCE_FIXED_TERM_DAYS,
  SHORT_SENTENCE_MONTHS,
  VIOLENT_OR_SEXUAL_CATEGORIES,
  violentOrSexual,
  violentOrSexualOffenceCodes,
} from './fixed-term.ts'
export type {
  Exclusion,
  ExclusionCode,
  FixedTermEligibility,
  FixedTermFacts,
  ReleaseKind,
  ReRelease,
} from './fixed-term.ts'
export {
  countersignRefusal,
  isRecallDecision,
  isRecallGround,
  nextStage,
  RECALL_DECISIONS,
  RECALL_GROUNDS,
  RECALL_STAGES,
  STAGE_TEXT,
  stageRefusal,
} from './workflow.ts'
export type { RecallDecision, RecallGround, RecallProgress, RecallStage, Signer } from './workflow.ts'
