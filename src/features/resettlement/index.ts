/** The Through the Gate feature's public surface: what the composition roots and other features may use. */
export { resettlementPath, resettlementRoutes } from './routes.ts'
export { createResettlementService, type ResettlementService } from './service.ts'
export { resettlementApiRoutes } from './api.ts'
