/** The MAPPA feature's public surface: what the composition roots and other features may use. */
export { mappaPath, mappaRoutes } from './routes.ts'
export { createMappaService, type MappaService } from './service.ts'
export { mappaApiRoutes } from './api.ts'
