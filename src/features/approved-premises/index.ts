/** Approved premises' public surface: what the composition roots and other features may use. */
export { approvedPremisesRoutes } from './routes.ts'
export { approvedPremisesApiRoutes } from './api.ts'
export { createApprovedPremisesService, type ApprovedPremisesService } from './service.ts'
export { approvedPremisesPlacement, type ApPlacement } from './placement.ts'
