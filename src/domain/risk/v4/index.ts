/**
 * The OASys v4 predictors (risk-and-tier.md §7): ARP, VRP, SVRP (linear, static and dynamic), CSRP, DC-SRP and
 * IIC-SRP. Pure functions of {@link V4Inputs}; each returns its score, band, algorithm/version and explanation.
 */
export { ARP_BANDS, SERIOUS_BANDS, VRP_BANDS, v4Band, v4Thresholds } from './bands.ts'
export { V4, V4_OFFENCE_CATEGORIES, type LinearModelName, type V4ScoreType } from './model.ts'
export {
  ARP_ALGORITHM,
  SVRP_ALGORITHM,
  V4_VERSION,
  VRP_ALGORITHM,
  calculateArp,
  calculateLinear,
  calculateSvrp,
  calculateVrp,
  type V4Options,
} from './linear.ts'
export {
  DC_SRP_ALGORITHM,
  IIC_SRP_ALGORITHM,
  calculateDcSrp,
  calculateIicSrp,
  type SexualPredictorResult,
} from './sexual.ts'
export { CSRP_ALGORITHM, CSRP_FEMALE_SEXUAL_OFFENDER, calculateCsrp, type CsrpResult } from './csrp.ts'
export { V4_ITEMS, missingDynamicFields } from './items.ts'
export { readV4History, resolveV4Offence, type V4History } from './history.ts'
export { v4InputsFromJson } from './json.ts'
export { answerV4Case, answerV4Cases, csrpOutput, type V4Answer } from './contract.ts'
export {
  DRUG_FIELDS,
  RELATIONSHIP_STATUSES,
  type CurrentRelationshipStatus,
  type DrugField,
  type V4Inputs,
  type V4Result,
  type V4Warning,
} from './types.ts'
