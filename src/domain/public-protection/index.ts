/**
 * Public protection: Victim Contact Scheme eligibility (with the referral deadline) and the MAPPA category, from the
 * record's facts. Pure: no I/O, no clock. Sources: shared/domain/rules-and-outcomes.md §3.3–§3.5.
 */
export {
  isQualifyingCustody,
  MAPPA_LEVELS,
  MAPPA_SOURCE,
  mappaEligibility,
  mappaLevelRefusal,
  QUALIFYING_CUSTODY,
  VCS_REFERRAL_WORKING_DAYS,
  VCS_SOURCE,
  vcsEligibility,
} from './eligibility.ts'
export type { MappaCategory, MappaEligibility, VcsEligibility } from './eligibility.ts'
export type { HospitalOrder, ProtectionFacts, ProtectionSentence } from './facts.ts'
