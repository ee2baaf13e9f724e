/** The home feature's public surface: what the composition roots and other features may use. */
export { homeRoutes } from './routes.ts'
export { createHomeService, type HomeService } from './service.ts'
