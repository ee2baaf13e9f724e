/** The recall feature's public surface: what the composition roots may use. */
export { recallApiRoutes, recallSchemas } from './api.ts'
export { recallRoutes } from './routes.ts'
export { createRecallService, type RecallService } from './service.ts'
