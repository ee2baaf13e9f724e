import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ForbiddenError } from '../../errors.ts'
import { apiTokenRoutes } from './api-token-routes.ts'
import { organisationRoutes, staffRoutes } from './organisation-routes.ts'
import { ADMIN } from './pages.ts'
import { peopleRoutes } from './people-routes.ts'
import { teamContactRoutes } from './team-contact-routes.ts'
import type { AdminService } from './service.ts'
import { userRoutes } from './user-routes.ts'

/**
 * Administration pages, registered under `/admin`. Every route requires the `admin` permission; the access
 * guard refuses everyone else (403) and sends anonymous visitors to sign in.
 */
export const adminRoutes: FastifyPluginAsyncTypebox<{ admin: AdminService }> = async (app, options) => {
  // Administration is done by a person in a browser. A token for another system (which skips CSRF, as it
  // carries no cookies) must never create users, issue tokens or lift access limits, whoever it acts as.
  app.addHook('preHandler', async request => {
    if (request.user?.via === 'api-token')
      throw new ForbiddenError('Administration is only available to people signed in to Probity')
  })

  app.get('/', { config: ADMIN }, async (_request, reply) => {
    return reply.render('admin/views/index.njk', { pageTitle: 'Administration' })
  })

  await organisationRoutes(app, options)
  await teamContactRoutes(app, options)
  await staffRoutes(app, options)
  await userRoutes(app, options)
  await peopleRoutes(app, options)
  await apiTokenRoutes(app, options)
}
