import type { Migration } from 'kysely'
import * as foundation from './2026_11_22_0001_foundation.ts'
import * as risk from './2026_11_22_0100_risk.ts'
import * as caseCore from './2026_11_22_0200_case_core.ts'
import * as court from './2026_11_22_0210_court.ts'
import * as sentencing from './2026_11_22_0220_sentencing.ts'
import * as allocation from './2026_11_22_0230_allocation.ts'
import * as supervision from './2026_11_22_0240_supervision.ts'
import * as reportRisk from './2026_11_22_0250_report_risk.ts'
import * as performance from './2026_11_22_0300_performance.ts'
import * as nameSearch from './2026_11_22_0310_name_search.ts'
import * as tierProvisional from './2026_12_03_0100_tier_provisional.ts'
import * as latestRiskIndexes from './2026_12_03_0200_latest_risk_indexes.ts'
import * as signInSecurity from './2026_12_05_0100_sign_in_security.ts'
import * as webHardening from './2026_12_05_0300_web_hardening.ts'
import * as auditChain from './2026_12_05_0400_audit_chain.ts'
import * as sharing from './2026_12_05_0500_sharing.ts'
import * as pendingSubmissions from './2026_12_05_0600_pending_submissions.ts'
import * as teamLetterhead from './2026_12_05_0700_team_letterhead.ts'
import * as custodyLifecycle from './2026_12_06_0100_custody_lifecycle.ts'
import * as custodyRelease from './2026_12_06_0110_custody_release.ts'
import * as resettlement from './2026_12_06_0200_resettlement.ts'
import * as licences from './2026_12_06_0300_licences.ts'
import * as recall from './2026_12_06_0400_recall.ts'
import * as recallSignedPartA from './2026_12_06_0410_recall_signed_part_a.ts'
import * as practitionerCounts from './2026_12_06_0500_practitioner_counts.ts'
import * as publicProtection from './2026_12_07_0100_public_protection.ts'
import * as victims from './2026_12_07_0200_victims.ts'
import * as apiTokenScopes from './2026_12_07_0210_api_token_scopes.ts'
import * as paroleAndOpenConditions from './2026_12_07_0400_parole_and_open_conditions.ts'
import * as mappa from './2026_12_07_0500_mappa.ts'
import * as approvedPremises from './2026_12_08_0100_approved_premises.ts'
import * as apApplications from './2026_12_08_0200_ap_applications.ts'
import * as apStays from './2026_12_08_0300_ap_stays.ts'
import * as apApplicationUnplaced from './2026_12_08_0400_ap_application_unplaced.ts'
import * as apApplicationWithdrawn from './2026_12_08_0410_ap_application_withdrawn.ts'
import * as unpaidWork from './2026_12_09_0100_unpaid_work.ts'
import * as partnerServices from './2026_12_10_0100_partner_services.ts'
import * as riskV4 from './2026_12_10_0200_risk_v4.ts'
import * as outcomes from './2026_12_11_0100_outcomes.ts'
import * as serviceLevelIndexes from './2026_12_11_0204_service_level_indexes.ts'
import * as allocationDeliveryUnit from './2026_12_12_0100_allocation_delivery_unit.ts'
import * as nameSearchNarrowing from './2026_12_12_0200_name_search_narrowing.ts'
import * as offencesPersonIndex from './2026_12_12_0300_offences_person_index.ts'
import * as referralCandidateIndexes from './2026_12_13_0100_referral_candidate_indexes.ts'
import * as resettlementNeedsPersonIndex from './2026_12_13_0200_resettlement_needs_person_index.ts'

/**
 * Every migration, in order. Listed here (not discovered from the folder) so they load the same way under
 * tsx, in tests and in a bundle. Names are timestamps; a migration, once released, never changes.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_22_0001_foundation': foundation,
  '2026_11_22_0100_risk': risk,
  '2026_11_22_0200_case_core': caseCore,
  '2026_11_22_0210_court': court,
  '2026_11_22_0220_sentencing': sentencing,
  '2026_11_22_0230_allocation': allocation,
  '2026_11_22_0240_supervision': supervision,
  '2026_11_22_0250_report_risk': reportRisk,
  '2026_11_22_0300_performance': performance,
  '2026_11_22_0310_name_search': nameSearch,
  '2026_12_03_0100_tier_provisional': tierProvisional,
  '2026_12_03_0200_latest_risk_indexes': latestRiskIndexes,
  '2026_12_05_0100_sign_in_security': signInSecurity,
  '2026_12_05_0300_web_hardening': webHardening,
  '2026_12_05_0400_audit_chain': auditChain,
  '2026_12_05_0500_sharing': sharing,
  '2026_12_05_0600_pending_submissions': pendingSubmissions,
  '2026_12_05_0700_team_letterhead': teamLetterhead,
  '2026_12_06_0100_custody_lifecycle': custodyLifecycle,
  '2026_12_06_0110_custody_release': custodyRelease,
  '2026_12_06_0200_resettlement': resettlement,
  '2026_12_06_0300_licences': licences,
  '2026_12_06_0400_recall': recall,
  '2026_12_06_0410_recall_signed_part_a': recallSignedPartA,
  '2026_12_06_0500_practitioner_counts': practitionerCounts,
  '2026_12_07_0100_public_protection': publicProtection,
  '2026_12_07_0200_victims': victims,
  '2026_12_07_0210_api_token_scopes': apiTokenScopes,
  '2026_12_07_0400_parole_and_open_conditions': paroleAndOpenConditions,
  '2026_12_07_0500_mappa': mappa,
  '2026_12_08_0100_approved_premises': approvedPremises,
  '2026_12_08_0200_ap_applications': apApplications,
  '2026_12_08_0300_ap_stays': apStays,
  '2026_12_08_0400_ap_application_unplaced': apApplicationUnplaced,
  '2026_12_08_0410_ap_application_withdrawn': apApplicationWithdrawn,
  '2026_12_09_0100_unpaid_work': unpaidWork,
  '2026_12_10_0100_partner_services': partnerServices,
  '2026_12_10_0200_risk_v4': riskV4,
  '2026_12_11_0100_outcomes': outcomes,
  '2026_12_11_0204_service_level_indexes': serviceLevelIndexes,
  '2026_12_12_0100_allocation_delivery_unit': allocationDeliveryUnit,
  '2026_12_12_0200_name_search_narrowing': nameSearchNarrowing,
  '2026_12_12_0300_offences_person_index': offencesPersonIndex,
  '2026_12_13_0100_referral_candidate_indexes': referralCandidateIndexes,
  '2026_12_13_0200_resettlement_needs_person_index': resettlementNeedsPersonIndex,
}
