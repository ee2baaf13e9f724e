/**
 * Sentences and orders: statutory limits of community orders, suspended sentence orders and their requirements, and
 * the booking of a person's custodial sentences for the release-date calculator. See README.md for the sources.
 */
export {
  CUSTODIAL_TYPES,
  endDate,
  lengthText,
  toTerm,
  validateCommunityOrder,
  validateCustodial,
  validateRequirements,
  validateSuspendedSentence,
} from './orders.ts'
export type {
  CommunityOrderInput,
  CustodialInput,
  CustodialType,
  Length,
  LengthUnit,
  RequirementInput,
  SentencingFieldError,
  SuspendedSentenceInput,
  Validated,
  ValidCommunityOrder,
  ValidRequirement,
  ValidSuspendedSentence,
} from './orders.ts'
export { curfewLimits, PCSC_CURFEW_COMMENCEMENT, REQUIREMENT_KINDS, requirementKind } from './requirements.ts'
export type { RequirementKind, RequirementMeasure, RequirementType } from './requirements.ts'
export { buildBooking, calculateKeyDates, KEY_DATE_NAMES } from './custodial.ts'
export type { CurrentCustodialSentence, KeyDates, KeyDatesOutcome } from './custodial.ts'
export { checkOffenceCode } from './offences.ts'
export type { OffenceCheck } from './offences.ts'
export { REQUIREMENT_STATE_TEXT, requirementState, sentenceState } from './status.ts'
export type { RequirementState, SentenceState } from './status.ts'
