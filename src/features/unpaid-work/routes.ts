import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { nominationsRoutes } from './nominations-routes.ts'
import { ordersRoutes } from './orders-routes.ts'
import { projectsRoutes } from './projects-routes.ts'
import type { UnpaidWorkService } from './service.ts'
import { sessionsRoutes } from './sessions-routes.ts'
import { teamRoutes } from './team-routes.ts'

/**
 * Unpaid work's staff pages (issue 17): projects (`projects-routes.ts`), sessions, registers and recording
 * (`sessions-routes.ts`), a person's orders, hours and clocks (`orders-routes.ts`), the team's views
 * (`team-routes.ts`) and Community Payback nominations with photos and area boundaries (`nominations-routes.ts`).
 */
export const unpaidWorkRoutes: FastifyPluginAsyncTypebox<{ unpaidWork: UnpaidWorkService }> = async (app, options) => {
  await app.register(projectsRoutes, options)
  await app.register(sessionsRoutes, options)
  await app.register(ordersRoutes, options)
  await app.register(teamRoutes, options)
  await app.register(nominationsRoutes, options)
}
