/** The risk feature's public surface: what the composition roots and other features may use. */
export { recalculateAllTiers } from './recalculate-all.ts'
export { recalculateRisk } from './recalculate.ts'
export { riskRoutes } from './routes.ts'
export { createRiskService } from './service.ts'
export { registrationList, roshHistory, scoreHistory, tierHistory } from './queries.ts'
export {
  MAPPA_CODE,
  REGISTER_TYPES,
  registerType,
  ROSH_REGISTER_CODE,
  type RegisterType,
} from './registration-types.ts'
