import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

/** The home page, for everyone signed in. */
export const homeRoutes: FastifyPluginAsyncTypebox = async app => {
  app.get('/', { config: { access: 'signed-in' } }, async (_request, reply) => {
    return reply.render('home/views/home.njk', { pageTitle: 'Home' })
  })
}
