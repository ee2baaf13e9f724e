/** Need-to-know sharing's public surface: its routes and service for the composition roots. */
export { sharingRoutes } from './routes.ts'
export { createSharingService, type SharingService } from './service.ts'
