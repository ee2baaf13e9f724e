import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { convictionsRoutes } from './convictions-routes.ts'
import { dashboardRoutes } from './dashboard-routes.ts'
import type { OutcomesService } from './service.ts'

/**
 * Outcomes' pages (issue 19): convictions imports for contract managers (`convictions-routes.ts`) and the public
 * outcomes dashboard at /outcomes (`dashboard-routes.ts`, no sign-in).
 */
export const outcomesRoutes: FastifyPluginAsyncTypebox<{ outcomes: OutcomesService }> = async (app, options) => {
  await app.register(convictionsRoutes, options)
  await app.register(dashboardRoutes, options)
}
