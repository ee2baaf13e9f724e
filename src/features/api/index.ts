/** The api feature's public surface: what the composition roots and other features may use. */
// The shared schemas come first: other features' api.ts files import them from here while routes.ts imports those
// files, so schemas.ts must be evaluated before routes.ts (an import cycle through this index).
export { commonErrors, ErrorSchema, errorResponses, FieldErrorSchema, sharedSchemas } from './schemas.ts'
export { apiRoutes } from './routes.ts'
