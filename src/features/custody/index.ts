/** The custody feature's public surface: what the composition roots and other features may use. */
export { custodyApiRoutes } from './api.ts'
export { CUSTODY_VIEW } from './context.ts'
export { custodyPaths } from './paths.ts'
// For a nightly run: moves one person on licence to post-sentence supervision when their licence has ended.
export { startAllPostSentenceSupervision, startPostSentenceSupervision, type PssRun } from './release.ts'
export { custodyRoutes } from './routes.ts'
export { createCustodyService, type CustodyService } from './service.ts'
// For the caseload and "needs attention": released people whose first appointment on licence is still to arrange.
export { firstAppointmentsDue, type FirstAppointmentDue } from './first-appointment.ts'
