/** The court feature's public surface: what the composition roots and other features may use. */
export { courtApiRoutes } from './api.ts'
export { courtRoutes } from './routes.ts'
export { createCourtService, type CourtService } from './service.ts'
// The home page's counts: today's court lists and a court team's open reports.
export { hearingCountsOn, openReportCounts } from './queries.ts'
