/** The caseload feature's public surface: what the composition roots and other features may use. */
export { caseloadRoutes } from './routes.ts'
export { createCaseloadService, type CaseloadService } from './service.ts'
// The home page's counts of a practitioner's waiting work.
export { practitionerWorkCounts, type PractitionerWorkCounts } from './queries.ts'
