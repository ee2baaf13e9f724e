/** Unpaid work's public surface: what the composition roots and other features may use. */
export { unpaidWorkRoutes } from './routes.ts'
export { unpaidWorkApiRoutes } from './api.ts'
export { createUnpaidWorkService, type UnpaidWorkService } from './service.ts'
