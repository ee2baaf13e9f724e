/**
 * Allocation rules: the provider decision (CAS), the allocation and induction clocks, workload points.
 * Pure functions; dates are js-joda `LocalDate`. Sources in README.md.
 */
export {
  decideProvider,
  findRoshConflict,
  NO_FACTS,
  PROVIDER_KIND_TEXT,
  ROSH_TEXT,
  roshSources,
  RSR_THRESHOLD,
  type AllocationFacts,
  type ConflictResolution,
  type ProviderDecision,
  type ProviderKind,
  type Reason,
  type ReasonCode,
  type RoshConflict,
  type RoshLevel,
  type RoshSource,
  type RoshSourceKind,
} from './provider-decision.ts'
export {
  ALLOCATION_WORKING_DAYS,
  allocationClock,
  clockOf,
  LICENCE_INDUCTION_WORKING_DAYS,
  ORDER_INDUCTION_WORKING_DAYS,
  proposeInduction,
  type Clock,
  type InductionBasis,
  type InductionProposal,
} from './deadlines.ts'
export {
  capacityPoints,
  casePoints,
  FULL_TIME_HOURS,
  POINTS_PER_HOUR,
  UNTIERED_POINTS,
  workloadOf,
  CASE_TYPE,
  type CaseType,
  type Workload,
} from './workload.ts'
export {
  capacityWith,
  casePointsWith,
  CASE_TYPES,
  DEFAULT_WORKLOAD_SETTINGS,
  GRADES,
  settingsFrom,
  TIER_LETTERS,
  workloadWith,
  type PractitionerWorkload,
  type TierLetter,
  type WorkloadSettings,
} from './workload-settings.ts'
