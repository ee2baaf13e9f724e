/** The supervision feature's public surface: what the composition roots and other features may use. */
export { supervisionRoutes } from './routes.ts'
export { createSupervisionService } from './service.ts'
