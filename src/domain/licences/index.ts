/**
 * Licence conditions and the licence period: the standard conditions in their published wording, the additional
 * conditions by category with the fields each needs, their validation (justification, curfew hours, exclusion zone)
 * and wording, what a variation changes, and the licence period from the key dates. Pure: no I/O, no clock.
 * See README.md for the rules and their sources.
 */
export {
  ADDITIONAL_CONDITION_CODES,
  ADDITIONAL_CONDITIONS,
  additionalConditionType,
  type AdditionalConditionCode,
  type AdditionalConditionType,
  type ConditionField,
} from './additional-conditions.ts'
export {
  conditionChanges,
  conditionWording,
  licenceWording,
  MAX_CONDITION_TEXT,
  validateConditions,
  type AdditionalCondition,
  type ConditionProblem,
  type LicenceConditions,
} from './conditions.ts'
export { curfewMinutes, curfewProblem, LICENCE_CURFEW_MAX_HOURS_PER_DAY, minutesOfDay } from './curfew.ts'
export { licencePeriod, type LicenceKeyDates, type LicencePeriod } from './period.ts'
export { LICENCE_SOURCES } from './sources.ts'
export {
  isStandardConditionCode,
  STANDARD_CONDITIONS,
  STANDARD_CONDITIONS_SOURCE,
  type StandardCondition,
} from './standard-conditions.ts'
