/** The api feature's public surface: the JSON API's routes, for the composition root. */
export { apiRoutes } from './routes.ts'
