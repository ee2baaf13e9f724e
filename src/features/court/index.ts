/** The court feature's public surface: what the composition roots and other features may use. */
export { courtRoutes } from './routes.ts'
export { createCourtService } from './service.ts'
