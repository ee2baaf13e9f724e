import type { FastifyPluginAsync } from 'fastify'

export const homeRoutes: FastifyPluginAsync = async app => {
  app.get('/', { config: { access: 'signed-in' } }, async (_request, reply) => {
    return reply.render('home/views/home.njk', { pageTitle: 'Home' })
  })
}
