/** The caseload feature's public surface: what the composition roots and other features may use. */
export { caseloadRoutes } from './routes.ts'
export { createCaseloadService, type CaseloadService } from './service.ts'
