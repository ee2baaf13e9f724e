/** The licences feature's public surface: what the composition roots may use. */
export { licenceApiRoutes, licenceSchemas } from './api.ts'
export { licencePaths } from './paths.ts'
export { licenceRoutes } from './routes.ts'
export { createLicencesService, type LicencesService } from './service.ts'
