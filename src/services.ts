import type { Dependencies } from './dependencies.ts'
import { createAdminService } from './features/admin/index.ts'
import { createCourtService } from './features/court/index.ts'
import { createAllocationService } from './features/allocation/index.ts'
import { createCaseloadService } from './features/caseload/index.ts'
import { createHomeService } from './features/home/index.ts'
import { createPeopleService } from './features/people/index.ts'
import { createRiskService } from './features/risk/index.ts'
import { createSentencingService } from './features/sentencing/index.ts'
import { createRecallService } from './features/recall/index.ts'
import { createCustodyService } from './features/custody/index.ts'
import { createSharingService } from './features/sharing/index.ts'
import { createSignInService } from './features/sign-in/index.ts'
import { createSupervisionService } from './features/supervision/index.ts'
import { createLicencesService } from './features/licences/index.ts'
import { createResettlementService } from './features/resettlement/index.ts'
import { createMappaService } from './features/mappa/index.ts'
import { createApprovedPremisesService } from './features/approved-premises/index.ts'
import { createVictimsService } from './features/victims/index.ts'
import { createUnpaidWorkService } from './features/unpaid-work/index.ts'
import { createPartnerServicesService } from './features/partner-services/index.ts'
import { createCommunityPaybackService } from './features/community-payback/index.ts'
import { createContractsService } from './features/contracts/index.ts'
import { createOutcomesService } from './features/outcomes/index.ts'
import { createTeamPerformanceService } from './features/team-performance/index.ts'

/** The composition root for services: each is a plain object built from its collaborators. */
export function createServices(deps: Dependencies) {
  return {
    signIn: createSignInService(deps),
    people: createPeopleService(deps),
    admin: createAdminService(deps),
    risk: createRiskService(deps),
    sentencing: createSentencingService(deps),
    custody: createCustodyService(deps),
    allocation: createAllocationService(deps),
    supervision: createSupervisionService(deps),
    licences: createLicencesService(deps),
    resettlement: createResettlementService(deps),
    mappa: createMappaService(deps),
    approvedPremises: createApprovedPremisesService(deps),
    victims: createVictimsService(deps),
    unpaidWork: createUnpaidWorkService(deps),
    partnerServices: createPartnerServicesService(deps),
    communityPayback: createCommunityPaybackService(deps),
    contracts: createContractsService(deps),
    outcomes: createOutcomesService(deps),
    teamPerformance: createTeamPerformanceService(deps),
    sharing: createSharingService(deps),
    // The caseload, my day and team view read supervision's team enforcement (stateless, so its own instance is fine).
    caseload: createCaseloadService({ ...deps, supervision: createSupervisionService(deps) }),
    // Court work searches and creates people through the people service (stateless, so its own instance is fine).
    court: createCourtService({ ...deps, people: createPeopleService(deps) }),
    // The home page's counts read allocation, caseload and court through their index.ts.
    home: createHomeService(deps),
    recall: createRecallService(deps),
  }
}

export type Services = ReturnType<typeof createServices>
