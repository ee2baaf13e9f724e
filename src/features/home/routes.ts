import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { UnauthenticatedError } from '../../errors.ts'
import { partnerOnly } from '../../web/navigation.ts'
import { partnerPortalPaths } from '../../web/paths.ts'
import { ctxOf } from '../../web/request-context.ts'
import { homeView } from './presenters.ts'
import type { HomeService } from './service.ts'

/** The home page, for everyone signed in: where each role's work is, with live counts. */
export const homeRoutes: FastifyPluginAsyncTypebox<{ home: HomeService }> = async (app, { home }) => {
  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
    if (!request.user) throw new UnauthenticatedError()
    // A partner organisation's staff (issue 18) have only the partner portal.
    if (partnerOnly(request.user)) return reply.redirect(partnerPortalPaths.home, 302)
    return reply.render('home/views/home.njk', homeView(request.user, await home.work(ctxOf(request))))
  })
}
