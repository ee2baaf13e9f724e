/** The health feature's public surface: what the composition roots and other features may use. */
export { healthRoutes } from './routes.ts'
