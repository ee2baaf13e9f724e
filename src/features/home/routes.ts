import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { UnauthenticatedError } from '../../errors.ts'
import { ctxOf } from '../../web/request-context.ts'
import { homeView } from './presenters.ts'
import type { HomeService } from './service.ts'

/** The home page, for everyone signed in: where each role's work is, with live counts. */
export const homeRoutes: FastifyPluginAsyncTypebox<{ home: HomeService }> = async (app, { home }) => {
  app.get('/', { config: { access: 'signed-in' } }, async (request, reply) => {
    if (!request.user) throw new UnauthenticatedError()
    return reply.render('home/views/home.njk', homeView(request.user, await home.work(ctxOf(request))))
  })
}
