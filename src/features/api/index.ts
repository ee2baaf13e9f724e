/** The api feature's public surface: what the composition roots and other features may use. */
export { apiRoutes } from './routes.ts'
