import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ctxOf } from '../../web/request-context.ts'
import type { UnpaidWorkService } from './service.ts'
import { ordersAtRiskView, teamHomeView } from './team-presenters.ts'

/**
 * The unpaid work team's pages (issue 17 item 5), `upw:read`: the home page `/unpaid-work` (today's sessions, links
 * to projects, nominations, photos and orders at risk, hours this month by project, the supervisor rota) and
 * `/unpaid-work/orders-at-risk` (audited by the service with the people it named).
 */

const READ = { access: 'upw:read' } as const

export const teamRoutes: FastifyPluginAsyncTypebox<{ unpaidWork: UnpaidWorkService }> = async (app, { unpaidWork }) => {
  app.get('/unpaid-work', { config: READ }, async (request, reply) =>
    reply.render('unpaid-work/views/home.njk', {
      pageTitle: 'Unpaid work',
      ...teamHomeView(await unpaidWork.team.home(ctxOf(request))),
    }),
  )
  app.get('/unpaid-work/orders-at-risk', { config: READ }, async (request, reply) =>
    reply.render('unpaid-work/views/orders-at-risk.njk', {
      pageTitle: 'Unpaid work orders at risk',
      ...ordersAtRiskView(await unpaidWork.team.ordersAtRisk(ctxOf(request))),
    }),
  )
}
