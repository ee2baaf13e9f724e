import type { LocalDate } from '@js-joda/core'

export type Gender = 'MALE' | 'FEMALE'

/** OASys 0–2 answer: no problems 0 / some 1 / significant 2 (spec §2). */
export type Score012 = 0 | 1 | 2

/** Where the person is when the score is taken; only `COMMUNITY` allows OSP/DC risk reduction (spec §6.2). */
export type SupervisionStatus = 'COMMUNITY' | 'CUSTODY' | 'REMAND'

/** Past-offence flags for SNSV dynamic (OASys R1.2, spec §6.1). */
export type PreviousConviction =
  | 'HOMICIDE'
  | 'WOUNDING_GBH'
  | 'KIDNAPPING'
  | 'FIREARMS'
  | 'ROBBERY'
  | 'AGGRAVATED_BURGLARY'
  | 'WEAPON'
  | 'CRIMINAL_DAMAGE_ENDANGERING_LIFE'
  | 'ARSON'

export const PREVIOUS_CONVICTIONS: readonly PreviousConviction[] = [
  'HOMICIDE',
  'WOUNDING_GBH',
  'KIDNAPPING',
  'FIREARMS',
  'ROBBERY',
  'AGGRAVATED_BURGLARY',
  'WEAPON',
  'CRIMINAL_DAMAGE_ENDANGERING_LIFE',
  'ARSON',
]

/**
 * Everything the v1 predictors (OGRS3, OGP, OVP, SNSV, OSP/DC, OSP/IIC, RSR) can use about one person.
 * Field names follow the MoJ risk actuarial API (spec §1). Every field is optional here; each predictor checks
 * the ones it needs and names any that are missing. `null` and `undefined` both mean "not answered".
 */
export interface RiskInputs {
  gender?: Gender | null
  dateOfBirth?: LocalDate | null
  /** Date the assessment is taken: offence-free months and OSP/DC risk reduction are counted to it. */
  assessmentDate?: LocalDate | null
  dateOfCurrentConviction?: LocalDate | null
  /** Community sentence date or release date (spec §2 "Start of follow-up date"). */
  dateAtStartOfFollowup?: LocalDate | null
  /** All sanctions including the current one (≥ 1). */
  totalNumberOfSanctionsForAllOffences?: number | null
  totalNumberOfViolentSanctions?: number | null
  /** Give either the age or the date of the first sanction. */
  ageAtFirstSanction?: number | null
  dateOfFirstSanction?: LocalDate | null
  /** 5-digit Home Office offence code of the current offence. */
  currentOffenceCode?: string | null
  /** Instead of a code: OGRS3 category name (spec §3.4). */
  ogrs3OffenceCategory?: string | null
  /** Instead of a code: SNSV offence category and VATP category names (spec §6.1). */
  snsvOffenceCategory?: string | null
  snsvVatpCategory?: string | null
  supervisionStatus?: SupervisionStatus | null
  /**
   * OGP only: a precomputed OGRS3 2-year percentage (the reference service's `ogrs3TwoYear`), used instead of
   * calculating OGRS3 from the static inputs (issue 20).
   */
  ogrs3TwoYear?: number | null

  // OGP / OVP / SNSV dynamic items (OASys question numbers in brackets)
  isCurrentlyOfNoFixedAbodeOrTransientAccommodation?: boolean | null
  /** (4.2) */
  isUnemployed?: boolean | null
  /** (7.2) regular activities encourage offending, 0–2 */
  regularOffendingActivities?: Score012 | null
  currentDrugMisuse?: Score012 | null
  /** (8.8) full 0 / partial 1 / none 2 */
  motivationToTackleDrugMisuse?: Score012 | null
  problemSolvingSkills?: Score012 | null
  /** yes 0 / sometimes 1 / no 2 */
  awarenessOfConsequences?: Score012 | null
  understandsOtherPeoplesViews?: Score012 | null
  /** (12.1) */
  proCriminalAttitudes?: Score012 | null
  doesRecogniseImpactOfOffendingOnOthers?: boolean | null
  /** (9.1) */
  currentAlcoholUseProblems?: Score012 | null
  /** (9.2) binge drinking */
  excessiveAlcoholUse?: Score012 | null
  hasCurrentPsychiatricTreatment?: boolean | null
  /** (11.4) */
  temperControl?: Score012 | null
  /** (11.2) */
  impulsivityProblems?: Score012 | null
  /** (2.2) */
  didOffenceInvolveCarryingOrUsingWeapon?: boolean | null
  /** (3.4) */
  suitabilityOfAccommodation?: Score012 | null
  /** (6.4) */
  currentRelationshipWithPartner?: Score012 | null
  /** (6.7) */
  evidenceOfDomesticAbuse?: boolean | null
  domesticAbuseAgainstPartner?: boolean | null
  /** (R1.2) past offences; an empty list means "none", null means "not answered". */
  previousConvictions?: readonly PreviousConviction[] | null
  /** Force SNSV static or dynamic; by default dynamic is used when every dynamic item is answered. */
  snsvStaticOrDynamic?: 'STATIC' | 'DYNAMIC' | null

  // Sexual offending (OSP/DC, OSP/IIC)
  hasEverCommittedSexualOffence?: boolean | null
  isCurrentOffenceSexuallyMotivated?: boolean | null
  totalContactAdultSexualSanctions?: number | null
  totalContactChildSexualSanctions?: number | null
  /** Non-contact sexual sanctions excluding indecent images. */
  totalNonContactSexualOffences?: number | null
  totalIndecentImageSanctions?: number | null
  dateOfMostRecentSexualOffence?: LocalDate | null
  isCurrentOffenceAgainstVictimStranger?: boolean | null
  mostRecentOffenceDate?: LocalDate | null
}

/** True when an optional input was not answered. */
export function absent(value: unknown): value is null | undefined {
  return value === null || value === undefined
}
