/** The people feature's public surface: what the composition roots and other features may use. */
export { insertPerson, insertPersonName } from './queries.ts'
export { peopleRoutes } from './routes.ts'
export { createPeopleService } from './service.ts'
