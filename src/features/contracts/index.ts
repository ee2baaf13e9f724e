/** Contracts' public surface: what the composition roots and other features may use. */
export { contractsRoutes } from './routes.ts'
export { contractsApiRoutes } from './api.ts'
export { createContractsService, type ContractsService } from './service.ts'
