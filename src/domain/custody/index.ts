/**
 * Custody and release (issue 14 items 1 and 6): the NOMIS prison number, the rules for recording a release (its
 * refusals, its lifecycle trigger and the first-appointment clock), and the licence and post-sentence supervision
 * periods from the stored key dates. Pure; see README.md for the sources.
 */
export { isPrisonNumber, normalisePrisonNumber, PRISON_NUMBER_PATTERN } from './prison-number.ts'
export {
  FIRST_APPOINTMENT_LICENCE_WORKING_DAYS,
  firstAppointmentDue,
  isReleaseType,
  RELEASE_TYPES,
  releaseRefusals,
  releaseTrigger,
  releaseTypeText,
  type ReleaseFacts,
  type ReleaseRefusal,
  type ReleaseType,
} from './release.ts'
export {
  licenceExpiry,
  licencePeriod,
  noPssReason,
  pssPeriod,
  pssStartsNow,
  type NoPssFacts,
  type Period,
  type PssStartFacts,
  type StoredKeyDates,
} from './periods.ts'
