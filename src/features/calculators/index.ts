/** The calculators feature's public surface: what the composition roots and other features may use. */
export { calculatorRoutes } from './routes.ts'
