/** The risk feature's public surface: what the composition roots and other features may use. */
export { recalculateAllTiers } from './recalculate-all.ts'
export { riskRoutes } from './routes.ts'
export { createRiskService } from './service.ts'
