/** The allocation feature's public surface: what the composition roots and other features may use. */
export { allocationRoutes } from './routes.ts'
export { createAllocationService } from './service.ts'
