/** Team performance's public surface: what the composition roots and other features may use. */
export { teamPerformanceRoutes } from './routes.ts'
export { createTeamPerformanceService, type TeamPerformanceService } from './service.ts'
