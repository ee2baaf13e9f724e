/** Partner services' public surface: what the composition roots and other features may use. */
export { partnerServicesRoutes } from './routes.ts'
export { partnerServicesApiRoutes } from './api.ts'
export { createPartnerServicesService, type PartnerServicesService } from './service.ts'
